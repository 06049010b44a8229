/**
 * /subscribe, /subscriptions, /unsubscribe: daily digests at a local time.
 * The user's time zone is remembered, so it is asked for only once.
 */
import { bold, type Context, defineIntent, quote, UserError } from "parley";
import { dayAndClock } from "../format.ts";

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
      ctx.ask(ctx.t("subscribe-zone-ask"), { arg: "zone" });
      return;
    }
    const subscription = await ctx.schedule.subscribe(ctx.args.digest, ctx.args.time, zone);
    ctx.user.data.zone = subscription.zone;
    const [day, time] = dayAndClock(subscription.nextRunAt, subscription.zone, ctx.locale);
    ctx.reply(
      ctx.t("subscribe-done", {
        digest: bold(subscription.digest),
        time: subscription.time,
        zone: subscription.zone,
        first: bold(ctx.t("subscribe-first", { day, time })),
      }),
    );
  },
});

export const subscriptions = defineIntent({
  command: "subscriptions",
  description: "List your digests",
  async run(ctx) {
    const list = await ctx.schedule.subscriptions();
    if (list.length === 0) {
      ctx.reply(ctx.t("subscriptions-none", { digests: digestNames(ctx) }));
      return;
    }
    ctx.reply([
      bold(ctx.t("subscriptions-title")),
      ...list.map((item) => {
        const entry = { digest: item.digest, time: item.time, zone: item.zone };
        return `\n${ctx.t(item.paused ? "subscriptions-item-paused" : "subscriptions-item", entry)}`;
      }),
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
      throw new UserError(ctx.t("unsubscribe-not-subscribed", { digest: quote(ctx.args.digest) }));
    }
    ctx.schedule.unsubscribe(name);
    ctx.reply(ctx.t("unsubscribe-done", { digest: bold(name) }));
  },
});
