/**
 * /subscribe, /subscriptions, /unsubscribe: daily digests at a local time.
 * The user's time zone is remembered, so it is asked for only once.
 */
import { bold, type Context, defineIntent, quote, UserError } from "parley";
import { digestChoices } from "../digests/index.ts";
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
  examples: {
    en: [
      "subscribe to {digest} at {time}",
      "subscribe {digest} {time} {zone}",
      "send me the {digest} at {time}",
      "subscribe me to the {digest} at {time} {zone}",
      "i want the {digest} at {time}",
      "subscribe to the {digest} at {time}",
      "at {time} send me the {digest}",
      "send me the top {digest} at {time}",
      "subscribe to the top {digest} at {time}",
      "{digest} at {time}",
      "sign me up for the {digest} at {time}",
      "give me a {digest} digest at {time}",
      "{digest} digest at {time}",
      "subscribe to the {digest} at {time} {zone}",
      "subscribe me to the {digest}",
      "subscribe",
      "i want to subscribe",
      "sign me up",
      "send me the {digest} at {time} {zone}",
      "{digest} update at {time}",
      "i want a {digest} update at {time}",
      "send me the {digest} (daily|everyday) at {time}",
      "every day at {time} send me the {digest}",
      "sub {digest} {time}",
    ],
    de: [
      "abonniere {digest} um {time}",
      "abonniere die {digest} um {time} {zone}",
      "(schick|sende) mir um {time} die {digest}",
      "ich möchte um {time} die {digest}",
      "schick mir um {time} das {digest}",
      "das {digest} um {time}",
      "abonniere das {digest} um {time}",
      "schick mir um {time} die top {digest}",
      "um {time} den {digest}",
      "schick mir um {time} den {digest}",
      "abonniere den {digest} um {time}",
      "um {time} die {digest}",
      "{digest} um {time}",
      "{digest} (abonnieren|abo) um {time}",
      "ich will um {time} die {digest} bekommen",
      "{digest} um {time} schicken",
      "abonniere das {digest} um {time} {zone}",
      "abonnieren",
      "{digest} abonnieren",
      "abo für {digest} um {time}",
      "um {time} das {digest} schicken",
      "um {time} die {digest} schicken",
      "schick mir um {time} die {digest} {zone}",
      "ich hätte gern um {time} die {digest}",
      "ich möchte ein abo für {digest} um {time}",
      "schick mir (täglich|jeden tag) um {time} die {digest}",
      "abo {digest} {time}",
    ],
  },
  args: [
    {
      name: "digest",
      type: "string",
      kind: "digest",
      choices: digestChoices,
      description: "Which digest (news)",
      ask: "Which digest would you like? (news)",
    },
    {
      name: "time",
      type: "string",
      kind: "time",
      description: "Local time, HH:MM",
      ask: "At what time each day? (24-hour clock, e.g. 08:00)",
    },
    { name: "zone", type: "string", kind: "zone", optional: true, description: "Time zone, e.g. Europe/Berlin" },
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
  examples: {
    en: [
      "my (subscriptions|digests)",
      "(list|show) my subscriptions",
      "what (am|have) i subscribed to",
      "show my digests",
      "which digests do i have",
      "subscriptions",
      "what do i get every day",
      "what updates do i get",
      "do i have any subscriptions",
      "which subscriptions are active",
      "show what i am subscribed to",
      "what am i signed up for",
      "which (digests|updates) am i getting",
    ],
    de: [
      "meine (abos|digests)",
      "welche abos habe ich",
      "was habe ich abonniert",
      "zeig meine (abonnements|abos)",
      "abonnements",
      "liste meine abos",
      "welche (digests|updates) bekomme ich",
      "habe ich abos",
      "was bekomme ich alles",
      "welche abos laufen",
      "was schickst du mir regelmäßig",
      "wofür bin ich angemeldet",
    ],
  },
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
  examples: {
    en: [
      "unsubscribe from {digest}",
      "unsubscribe {digest}",
      "(stop|cancel) the {digest}",
      "stop sending me the {digest}",
      "no more {digest}",
      "i dont want the {digest} anymore",
      "turn off the {digest} digest",
      "unsubscribe",
      "turn off {digest}",
      "i no longer want the {digest}",
      "get rid of the {digest} digest",
      "(cancel|end|remove|stop|pause) my {digest} subscription",
      "unsub {digest}",
    ],
    de: [
      "{digest} (abbestellen|abmelden)",
      "bestell die {digest} ab",
      "kündige das {digest} abo",
      "keine {digest} mehr",
      "stopp die {digest}",
      "ich (will|brauche) die {digest} nicht mehr",
      "{digest} abo (beenden|kündigen)",
      "schick mir keine {digest} mehr",
      "melde mich von den {digest} ab",
      "abbestellen",
      "hör auf mit den {digest}",
      "{digest} nicht mehr schicken",
      "abo kündigen",
      "keine {digest} mehr schicken bitte",
    ],
  },
  args: [
    {
      name: "digest",
      type: "string",
      kind: "digest",
      choices: digestChoices,
      description: "Which digest",
      ask: "Which digest should I stop?",
    },
  ],
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
