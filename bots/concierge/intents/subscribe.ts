/**
 * /subscribe, /subscriptions, /unsubscribe: daily digests at a local time.
 * The user's time zone is remembered, so it is asked for only once.
 */
import { bold, type Context, defineIntent, localClock, quote, UserError } from "parley";

function rememberedZone(ctx: Context<unknown>): string | undefined {
  const zone = ctx.user.data.zone;
  return typeof zone === "string" ? zone : undefined;
}

function digestNames(ctx: Context<unknown>): string {
  return ctx.bot.digests.map((digest) => digest.name).join(", ");
}

export const subscribe = defineIntent({
  command: "subscribe",
  description: "Get a digest every day at a time you choose",
  args: [
    { name: "digest", type: "string", description: "Which digest (news)", ask: "Which digest would you like? (news)" },
    {
      name: "time",
      type: "string",
      description: "Local time, HH:MM",
      ask: "At what time each day? (24-hour clock, e.g. 08:00)",
    },
    { name: "zone", type: "string", optional: true, description: "Time zone, e.g. Europe/Berlin" },
  ],
  async run(ctx) {
    const zone = ctx.args.zone ?? rememberedZone(ctx);
    if (zone === undefined) {
      ctx.ask("Which time zone are you in? (for example Europe/Berlin or America/New_York)", { arg: "zone" });
      return;
    }
    const subscription = await ctx.schedule.subscribe(ctx.args.digest, ctx.args.time, zone);
    ctx.user.data.zone = subscription.zone;
    ctx.reply([
      "Subscribed to ",
      bold(subscription.digest),
      ` every day at ${subscription.time} (${subscription.zone}). The first one comes `,
      bold(
        `${subscription.nextRunAt.toISOString().slice(0, 10)} ${localClock(subscription.nextRunAt, subscription.zone)}`,
      ),
      ".",
    ]);
  },
});

export const subscriptions = defineIntent({
  command: "subscriptions",
  description: "List your digests",
  async run(ctx) {
    const list = await ctx.schedule.subscriptions();
    if (list.length === 0) {
      ctx.reply(`You have no subscriptions. Try /subscribe news 08:00 (digests: ${digestNames(ctx)}).`);
      return;
    }
    ctx.reply([
      bold("Your subscriptions"),
      ...list.map(
        (item) =>
          `\n• ${item.digest} at ${item.time} (${item.zone})${item.paused ? " — paused: I could not reach this chat" : ""}`,
      ),
    ]);
  },
});

export const unsubscribe = defineIntent({
  command: "unsubscribe",
  description: "Stop a digest",
  args: [{ name: "digest", type: "string", description: "Which digest", ask: "Which digest should I stop?" }],
  async run(ctx) {
    const name = ctx.args.digest.toLowerCase();
    const list = await ctx.schedule.subscriptions();
    if (!list.some((item) => item.digest === name)) {
      throw new UserError(`You are not subscribed to "${quote(ctx.args.digest)}". See /subscriptions.`);
    }
    ctx.schedule.unsubscribe(name);
    ctx.reply(["Unsubscribed from ", bold(name), "."]);
  },
});
