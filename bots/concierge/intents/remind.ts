/** /remind in <N>m <text>, /remind at <HH:MM> <text>: a one-off message later in this chat. */
import {
  bold,
  defineIntent,
  defineSubcommand,
  localClock,
  nextDailyRun,
  parseLocalTime,
  quote,
  UserError,
} from "parley";

const MAX_DELAY_MINUTES = 7 * 24 * 60;

const textArg = {
  name: "text",
  type: "string",
  rest: true,
  description: "What to remind you of",
  ask: "What should I remind you of?",
} as const;

const inMinutes = defineSubcommand({
  name: "in",
  description: "Remind you after N minutes (e.g. 10m) or hours (2h)",
  args: [{ name: "delay", type: "string", description: "Like 10m or 2h" }, textArg],
  async run(ctx) {
    const match = /^(\d{1,6})\s*(m|min|h)$/i.exec(ctx.args.delay);
    if (!match) throw new UserError(ctx.t("remind-bad-delay", { delay: quote(ctx.args.delay) }));
    const minutes = Number(match[1]) * (match[2]?.toLowerCase() === "h" ? 60 : 1);
    if (minutes < 1 || minutes > MAX_DELAY_MINUTES) throw new UserError(ctx.t("remind-out-of-range"));
    const at = new Date(ctx.now.getTime() + minutes * 60_000);
    await ctx.schedule.remind(at, ctx.args.text);
    const delay = bold(ctx.t("remind-minutes", { minutes }));
    ctx.reply(ctx.t("remind-in-done", { delay, text: quote(ctx.args.text) }));
  },
});

const atTime = defineSubcommand({
  name: "at",
  description: "Remind you at a time today or tomorrow (HH:MM, your time zone)",
  args: [{ name: "time", type: "string", description: "Like 18:30" }, textArg],
  async run(ctx) {
    const time = parseLocalTime(ctx.args.time);
    if (!time) throw new UserError(ctx.t("remind-bad-time", { time: quote(ctx.args.time) }));
    const remembered = ctx.user.data.zone;
    const zone = typeof remembered === "string" ? remembered : "UTC";
    const at = nextDailyRun(time, zone, ctx.now);
    await ctx.schedule.remind(at, ctx.args.text);
    const clock = bold(localClock(at, zone));
    const text = quote(ctx.args.text);
    ctx.reply(
      typeof remembered === "string"
        ? ctx.t("remind-at-done", { time: clock, zone, text })
        : ctx.t("remind-at-done-utc", { time: clock, text }),
    );
  },
});

export const remind = defineIntent({
  command: "remind",
  description: "A one-off reminder",
  subcommands: [inMinutes, atTime],
});
