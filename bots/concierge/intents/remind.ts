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
  nextDailyRun,
  parseLocalTime,
  quote,
  UserError,
} from "parley";
import { aboutOf, holdAbout, whenChoices } from "../reminder-about.ts";

const MAX_DELAY_MINUTES = 7 * 24 * 60;

const textArg = {
  name: "text",
  type: "string",
  rest: true,
  optional: true,
  description: "What to remind you of (may be left out for a reminder about a message)",
} as const;

/**
 * The reminder's words and the message it is about. Without either there
 * is nothing to remind of: it asks for the words, and gives undefined.
 */
function subjectOf(ctx: Context<unknown>, text: string | undefined) {
  const about = aboutOf(ctx);
  if (text === undefined && about === undefined) {
    ctx.ask(ctx.t("remind-text-ask"), { arg: "text" });
    return undefined;
  }
  return { text: text ?? "", about };
}

/** What the confirmation repeats: the words, else the message's. */
function confirmed(subject: { text: string; about: AboutMessage | undefined }): string {
  return quote(subject.text === "" ? (subject.about?.text ?? "") : subject.text);
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
  async run(ctx) {
    const match = /^(\d{1,6})\s*(m|min|h)$/i.exec(ctx.args.delay);
    if (!match) throw new UserError(ctx.t("remind-bad-delay", { delay: quote(ctx.args.delay) }));
    const minutes = Number(match[1]) * (match[2]?.toLowerCase() === "h" ? 60 : 1);
    if (minutes < 1 || minutes > MAX_DELAY_MINUTES) throw new UserError(ctx.t("remind-out-of-range"));
    const subject = subjectOf(ctx, ctx.args.text);
    if (!subject) return;
    const at = new Date(ctx.now.getTime() + minutes * 60_000);
    await ctx.schedule.remind(at, subject.text, subject.about);
    const delay = bold(ctx.t("remind-minutes", { minutes }));
    ctx.reply(ctx.t("remind-in-done", { delay, text: confirmed(subject) }));
  },
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
  args: [{ name: "time", type: "string", kind: "time", description: "Like 18:30" }, textArg],
  async run(ctx) {
    const time = parseLocalTime(ctx.args.time);
    if (!time) throw new UserError(ctx.t("remind-bad-time", { time: quote(ctx.args.time) }));
    const remembered = ctx.user.data.zone;
    const zone = typeof remembered === "string" ? remembered : "UTC";
    const subject = subjectOf(ctx, ctx.args.text);
    if (!subject) return;
    const at = nextDailyRun(time, zone, ctx.now);
    await ctx.schedule.remind(at, subject.text, subject.about);
    const clock = bold(localClock(at, zone));
    const text = confirmed(subject);
    ctx.reply(
      typeof remembered === "string"
        ? ctx.t("remind-at-done", { time: clock, zone, text })
        : ctx.t("remind-at-done-utc", { time: clock, text }),
    );
  },
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
