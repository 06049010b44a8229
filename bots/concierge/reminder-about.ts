/**
 * "Remind me about this message" from a message menu: the message is kept in
 * the user's data while they pick when, and a press of one of the offered
 * choices in the same chat takes it. A typed `/remind in 20m` never takes
 * it, so a choice left unanswered cannot slip into a later reminder.
 */
import type { AboutMessage, Button, Context } from "parley";
import * as z from "zod";

/** How long the choice waits for a press. */
const CHOICE_TTL_MS = 10 * 60_000;

const StoredAbout = z.object({
  chat: z.string(),
  until: z.number(),
  message: z.object({
    text: z.string(),
    link: z.string().optional(),
    ref: z.record(z.string(), z.string()),
  }),
});

/** The chat a choice belongs to: a Slack thread's press counts for its channel, where the menu was used. */
function chatKey(ctx: Context<unknown>): string {
  return ctx.update.chat.parent?.id ?? ctx.update.chat.id;
}

/** The choices under "When should I remind you?": each sends the command it names. */
export function whenChoices(ctx: Context<unknown>): Button[] {
  return [
    { label: ctx.t("remind-choice-minutes", { minutes: 20 }), value: "/remind in 20m" },
    { label: ctx.t("remind-choice-hours", { hours: 1 }), value: "/remind in 1h" },
    { label: ctx.t("remind-choice-hours", { hours: 3 }), value: "/remind in 3h" },
    { label: ctx.t("remind-choice-at", { time: "09:00" }), value: "/remind at 09:00" },
  ];
}

/** Keeps the message until the user picks when. */
export function holdAbout(ctx: Context<unknown>, message: AboutMessage): void {
  const { text, link, ref } = message;
  ctx.user.data.remindAbout = {
    chat: chatKey(ctx),
    until: ctx.now.getTime() + CHOICE_TTL_MS,
    message: { text, ref: { ...ref }, ...(link === undefined ? {} : { link }) },
  };
}

/**
 * The message the reminder is about: the one the update names (a reply to
 * it), else, for a press of a choice, the one held for this chat.
 */
export function aboutOf(ctx: Context<unknown>): AboutMessage | undefined {
  if (ctx.update.about) return ctx.update.about;
  if (!ctx.update.isButtonPress || ctx.user.data.remindAbout === undefined) return undefined;
  const held = StoredAbout.safeParse(ctx.user.data.remindAbout);
  if (!held.success || held.data.chat !== chatKey(ctx) || held.data.until <= ctx.now.getTime()) return undefined;
  const { text, link, ref } = held.data.message;
  return { text, ref, ...(link === undefined ? {} : { link }) };
}

/** Lets the held message go once a reminder is set from a press: a message is reminded of once per menu use. */
export function releaseAbout(ctx: Context<unknown>): void {
  if (ctx.update.isButtonPress) delete ctx.user.data.remindAbout;
}
