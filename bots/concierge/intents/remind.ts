/**
 * /remind in <N>m <text>, /remind at <HH:MM> <text>: a one-off message later
 * in this chat. As a reply to a message, or from a message menu ("Remind
 * me"), the reminder is about that message and the text may be left out.
 */
import {
  type AboutMessage,
  bold,
  buttonRows,
  type Context,
  defineIntent,
  defineSubcommand,
  localClock,
  type Middleware,
  nextDailyRun,
  parseLocalTime,
  quote,
  UserError,
} from "parley";
import { aboutOf, holdAbout, releaseAbout, whenChoices } from "../reminder-about.ts";

const MAX_DELAY_MINUTES = 7 * 24 * 60;

const textArg = {
  name: "text",
  type: "string",
  rest: true,
  description: "What to remind you of",
  ask: "What should I remind you of?",
} as const;

/** What the reminder is: its words (none for one about a message), and the message. */
interface Subject {
  readonly text: string;
  readonly about: AboutMessage | undefined;
}

/** What the confirmation repeats: the words, else the message's. */
function confirmed(subject: Subject): string {
  return quote(subject.text === "" ? (subject.about?.text ?? "") : subject.text);
}

/** Sets the reminder about `subject` at `at`; a message held for the choice of when is let go. */
async function remindOf(ctx: Context<unknown>, at: Date, subject: Subject): Promise<void> {
  await ctx.schedule.remind(at, subject.text, subject.about);
  releaseAbout(ctx);
}

async function remindIn(ctx: Context<unknown>, delay: string, subject: Subject): Promise<void> {
  const match = /^(\d{1,6})\s*(m|min|h)$/i.exec(delay);
  if (!match) throw new UserError(ctx.t("remind-bad-delay", { delay: quote(delay) }));
  const minutes = Number(match[1]) * (match[2]?.toLowerCase() === "h" ? 60 : 1);
  if (minutes < 1 || minutes > MAX_DELAY_MINUTES) throw new UserError(ctx.t("remind-out-of-range"));
  await remindOf(ctx, new Date(ctx.now.getTime() + minutes * 60_000), subject);
  const shown = bold(ctx.t("remind-minutes", { minutes }));
  ctx.reply(ctx.t("remind-in-done", { delay: shown, text: confirmed(subject) }));
}

async function remindAt(ctx: Context<unknown>, clock: string, subject: Subject): Promise<void> {
  const time = parseLocalTime(clock);
  if (!time) throw new UserError(ctx.t("remind-bad-time", { time: quote(clock) }));
  const remembered = ctx.user.data.zone;
  const zone = typeof remembered === "string" ? remembered : "UTC";
  const at = nextDailyRun(time, zone, ctx.now);
  await remindOf(ctx, at, subject);
  const shown = bold(localClock(at, zone));
  const text = confirmed(subject);
  ctx.reply(
    typeof remembered === "string"
      ? ctx.t("remind-at-done", { time: shown, zone, text })
      : ctx.t("remind-at-done-utc", { time: shown, text }),
  );
}

/**
 * A reminder about a message needs no words of its own: with the message
 * and `when` given, it is set at once, where the bot would otherwise ask
 * what to remind of.
 */
function wordsOptionalAbout(
  when: string,
  set: (ctx: Context<unknown>, value: string, subject: Subject) => Promise<void>,
): Middleware {
  return async (ctx, next) => {
    const value = ctx.args[when];
    const about = aboutOf(ctx);
    if (ctx.args.text !== undefined || typeof value !== "string" || !about) return next();
    await set(ctx, value, { text: "", about });
  };
}

const inMinutes = defineSubcommand({
  name: "in",
  description: "Remind you after N minutes (e.g. 10m) or hours (2h)",
  examples: {
    en: [
      "remind me in {delay} (to|about|that) {text}",
      "in {delay} remind me to {text}",
      "remind me (to|about) {text} in {delay}",
      "reminder in {delay} {text}",
      "set a reminder in {delay} to {text}",
      "in {delay} remind me {text}",
      "reminder {text} in {delay}",
      "remind me in {delay}",
      "remind me {delay} from now (to|about) {text}",
      "give me a shout in {delay} to {text}",
      "(ping|nudge|alert|text) me in {delay} to {text}",
    ],
    de: [
      "erinnere mich in {delay} (an|ans|daran|dass) {text}",
      "in {delay} an {text} erinnern",
      "erinnerung in {delay} {text}",
      "in {delay} erinnern {text}",
      "erinnere mich an {text} in {delay}",
      "kannst du mich in {delay} an {text} erinnern",
      "in {delay} erinnere mich an {text}",
      "(sag|gib) mir in {delay} bescheid {text}",
      "erinnere mich in {delay}",
      "denk in {delay} an {text}",
      "sag mir in {delay} dass {text}",
    ],
  },
  args: [{ name: "delay", type: "string", kind: "duration", description: "Like 10m or 2h" }, textArg],
  use: [wordsOptionalAbout("delay", remindIn)],
  run: (ctx) => remindIn(ctx, ctx.args.delay, { text: ctx.args.text, about: aboutOf(ctx) }),
});

const atTime = defineSubcommand({
  name: "at",
  description: "Remind you at a time today or tomorrow (HH:MM, your time zone)",
  examples: {
    en: [
      "remind me at {time} (to|about|that) {text}",
      "at {time} remind me (to|about) {text}",
      "remind me to {text} at {time}",
      "reminder at {time} {text}",
      "set a reminder for {time} {text}",
      "{time} remind me to {text}",
      "remind me {time} to {text}",
      "remind me at {time}",
      "(ping|nudge|alert|text) me at {time} to {text}",
    ],
    de: [
      "erinnere mich um {time} (an|daran|ans) {text}",
      "um {time} an {text} erinnern",
      "erinnerung um {time} {text}",
      "um {time} erinnern {text}",
      "erinnere mich an {text} um {time}",
      "kannst du mich um {time} an {text} erinnern",
      "um {time} erinnere mich an {text}",
      "erinnere mich {time} an {text}",
      "erinnere mich um {time}",
      "sag mir um {time} bescheid {text}",
      "denk um {time} an {text}",
    ],
  },
  args: [
    { name: "time", type: "string", kind: "time", description: "Like 18:30", ask: "At what time? (HH:MM, e.g. 18:30)" },
    textArg,
  ],
  use: [wordsOptionalAbout("time", remindAt)],
  run: (ctx) => remindAt(ctx, ctx.args.time, { text: ctx.args.text, about: aboutOf(ctx) }),
});

/** The message menu's "Remind me": asks when, with a choice for each of a few usual delays. */
const aboutMessage = defineSubcommand({
  name: "message",
  description: "Remind you of a message (reply with /remind in 20m, or use the message menu)",
  run(ctx) {
    const about = ctx.update.about;
    if (!about) throw new UserError(ctx.t("remind-message-how"));
    holdAbout(ctx, about);
    ctx.reply(ctx.t("remind-when"), { buttons: buttonRows(whenChoices(ctx)), private: true });
  },
});

export const remind = defineIntent({
  command: "remind",
  description: "A one-off reminder",
  messageAction: { label: "Remind me", subcommand: "message" },
  subcommands: [inMinutes, atTime, aboutMessage],
});
