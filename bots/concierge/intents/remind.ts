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
    if (!match) {
      throw new UserError(
        `"${quote(ctx.args.delay)}" is not a delay I understand. Use minutes or hours, like 10m or 2h.`,
      );
    }
    const minutes = Number(match[1]) * (match[2]?.toLowerCase() === "h" ? 60 : 1);
    if (minutes < 1 || minutes > MAX_DELAY_MINUTES) throw new UserError("Reminders can be 1 minute to 7 days away.");
    const at = new Date(ctx.now.getTime() + minutes * 60_000);
    await ctx.schedule.remind(at, ctx.args.text);
    ctx.reply(["I will remind you in ", bold(`${minutes} min`), `: ${quote(ctx.args.text)}`]);
  },
});

const atTime = defineSubcommand({
  name: "at",
  description: "Remind you at a time today or tomorrow (HH:MM, your time zone)",
  args: [{ name: "time", type: "string", description: "Like 18:30" }, textArg],
  async run(ctx) {
    const time = parseLocalTime(ctx.args.time);
    if (!time) {
      throw new UserError(`"${quote(ctx.args.time)}" is not a time I understand. Use the 24-hour clock, like 18:30.`);
    }
    const remembered = ctx.user.data.zone;
    const zone = typeof remembered === "string" ? remembered : "UTC";
    const at = nextDailyRun(time, zone, ctx.now);
    await ctx.schedule.remind(at, ctx.args.text);
    const zoneNote = typeof remembered === "string" ? zone : "UTC; /subscribe remembers your own zone";
    ctx.reply(["I will remind you at ", bold(localClock(at, zone)), ` (${zoneNote}): ${quote(ctx.args.text)}`]);
  },
});

export const remind = defineIntent({
  command: "remind",
  description: "A one-off reminder",
  subcommands: [inMinutes, atTime],
});
