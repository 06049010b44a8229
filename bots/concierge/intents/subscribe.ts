/**
 * /subscribe, /subscriptions, /unsubscribe: digests with their arguments, at
 * a local time on the days of a rhythm. The user's time zone is remembered,
 * so it is asked for only once. In a group, someone with rights there
 * subscribes the whole chat; anyone there can list what it gets.
 */
import {
  type Asker,
  bold,
  type Context,
  defineIntent,
  quote,
  readSubscription,
  type SubscriptionInfo,
  type Suggestion,
  subscriptionArgs,
  UserError,
} from "parley";
import { digests } from "../digests/index.ts";
import { dayAndClock, rhythmText } from "../format.ts";

function rememberedZone(ctx: Context<unknown>): string | undefined {
  const zone = ctx.user.data.zone;
  return typeof zone === "string" ? zone : undefined;
}

function digestNames(ctx: Context<unknown>): string {
  return ctx.bot.digests.map((digest) => digest.name).join(", ");
}

/** The digest, its arguments, the time, zone and rhythm: the digests' own arguments sit between digest and time. */
const SUBSCRIBE_ARGS = subscriptionArgs(digests, {
  digest: {
    name: "digest",
    type: "string",
    kind: "digest",
    description: "Which digest (news, weather, rates)",
    ask: "Which digest would you like? (news, weather, rates)",
  },
  time: { name: "time", type: "string", kind: "time", description: "Local time, HH:MM" },
  zone: { name: "zone", type: "string", kind: "zone", description: "Time zone, e.g. Europe/Berlin" },
  rhythm: {
    name: "rhythm",
    type: "string",
    kind: "rhythm",
    description: "daily (default), weekdays, weekends, a day, or days such as mon,wed,fri",
  },
});

/** How a subscription is named in lists and answers: "weather for Berlin". */
function titleOf(ctx: Pick<Asker, "bot" | "t">, item: Pick<SubscriptionInfo, "digest" | "args">): string {
  const digest = ctx.bot.digests.find((candidate) => candidate.name === item.digest);
  return digest?.title?.(item.args, ctx.t) ?? item.digest;
}

/** A group's subscription is the whole chat's; whoever makes it needs rights there. */
function forChat(ctx: Context<unknown>): boolean {
  return ctx.update.chat.kind === "group";
}

export const subscribe = defineIntent({
  command: "subscribe",
  description: "Get a digest at a time you choose: daily, on weekdays, weekends or chosen days",
  examples: {
    en: [
      "subscribe to {digest} at {time}",
      "subscribe {digest} {time} {zone}",
      "send me the {digest} {rhythm} at {time}",
      "subscribe me to the {digest} at {time} {zone}",
      "i want the {digest} {rhythm} at {time}",
      "send me the {digest} for {city} {rhythm} at {time}",
      "subscribe to the {digest} in {city} at {time}",
      "{rhythm} at {time} send me the {digest} for {city}",
      "send me the top {count} {digest} {rhythm} at {time}",
      "subscribe to the top {count} {digest} at {time}",
      "send me the {from} to {to} {digest} {rhythm} at {time}",
      "subscribe to the {from} {to} {digest} at {time}",
      "{rhythm} at {time} send me the {digest} from {from} to {to}",
      "{rhythm} {digest} at {time}",
      "sign me up for the {digest} at {time}",
      "give me a {digest} digest {rhythm} at {time}",
      "{digest} digest {rhythm} at {time}",
      "{digest} for {city} {rhythm} at {time}",
      "subscribe to the {digest} for {city} at {time} {zone}",
      "subscribe me to the {digest}",
      "subscribe",
      "i want to subscribe",
      "subscribe to {digest} {rhythm} at {time}",
      "{rhythm} {digest} for {city} at {time}",
      "send me the {digest} at {time} {zone}",
      "{rhythm} {digest} update for {city} at {time}",
      "i want a {digest} update {rhythm} at {time}",
      "{from} to {to} {digest} {rhythm} at {time}",
      "every {rhythm} at {time} the {digest}",
      "sub {digest} {time}",
    ],
    de: [
      "abonniere {digest} um {time}",
      "abonniere die {digest} um {time} {zone}",
      "(schick|sende) mir {rhythm} um {time} die {digest}",
      "ich möchte {rhythm} um {time} die {digest}",
      "schick mir {rhythm} um {time} das {digest} für {city}",
      "das {digest} in {city} {rhythm} um {time}",
      "abonniere das {digest} für {city} um {time}",
      "schick mir {rhythm} um {time} die top {count} {digest}",
      "{rhythm} um {time} den {digest} von {from} in {to}",
      "schick mir {rhythm} um {time} den {digest} von {from} in {to}",
      "abonniere den {digest} {from} {to} um {time}",
      "{rhythm} um {time} die {digest}",
      "{digest} {rhythm} um {time}",
      "{digest} (abonnieren|abo) um {time}",
      "ich will {rhythm} um {time} die {digest} bekommen",
      "{digest} für {city} {rhythm} um {time} schicken",
      "abonniere das {digest} für {city} um {time} {zone}",
      "abonnieren",
      "{digest} abonnieren",
      "abo für {digest} um {time}",
      "{rhythm} um {time} das {digest} für {city} schicken",
      "{rhythm} um {time} die {digest} schicken",
      "schick mir {rhythm} um {time} die {digest} {zone}",
      "ich hätte gern {rhythm} um {time} die {digest}",
      "ich möchte ein abo für {digest} um {time}",
      "abo {digest} {time}",
    ],
  },
  args: SUBSCRIBE_ARGS,
  usage: "<digest> [its args…] <time> [zone] [rhythm]",
  async run(ctx) {
    const wanted = String(ctx.args.digest);
    const digest = ctx.bot.digests.find((candidate) => candidate.name === wanted.toLowerCase());
    if (!digest) {
      throw new UserError(ctx.t("parley-no-such-digest", { digest: quote(wanted), digests: digestNames(ctx) }));
    }
    const reading = readSubscription(digest, SUBSCRIBE_ARGS, ctx.args);
    if (reading.kind === "problem") throw new UserError(ctx.t(reading.problem.message, reading.problem.args));
    if (reading.kind === "missing") {
      ctx.ask(ctx.t(`subscribe-${reading.arg}-ask`), { arg: reading.arg });
      return;
    }
    const zone = reading.zone ?? rememberedZone(ctx);
    if (zone === undefined) {
      ctx.ask(ctx.t("subscribe-zone-ask"), { arg: "zone" });
      return;
    }
    const channel = forChat(ctx);
    const subscription = await ctx.schedule.subscribe({
      digest: digest.name,
      args: reading.args,
      time: reading.time,
      zone,
      ...(reading.rhythm ? { rhythm: reading.rhythm } : {}),
      channel,
    });
    if (!channel) ctx.user.data.zone = subscription.zone;
    const [day, time] = dayAndClock(subscription.nextRunAt, subscription.zone, ctx.locale);
    ctx.reply(
      ctx.t(channel ? "subscribe-done-chat" : "subscribe-done", {
        digest: bold(titleOf(ctx, subscription)),
        rhythm: rhythmText(ctx.t, subscription.rhythm, ctx.locale),
        time: subscription.time,
        zone: subscription.zone,
        first: bold(ctx.t("subscribe-first", { day, time })),
      }),
    );
  },
});

/** One line of the list: number, what, when, and when next in the user's own zone. */
function listLine(ctx: Context<unknown>, item: SubscriptionInfo, index: number): string {
  const zone = rememberedZone(ctx) ?? item.zone;
  const [day, time] = dayAndClock(item.nextRunAt, zone, ctx.locale);
  const entry = {
    n: index + 1,
    digest: titleOf(ctx, item),
    rhythm: rhythmText(ctx.t, item.rhythm, ctx.locale),
    time: item.time,
    zone: item.zone,
    next: ctx.t("subscribe-first", { day, time }),
    nextZone: zone,
  };
  const line = ctx.t(item.paused ? "subscriptions-item-paused" : "subscriptions-item", entry);
  return `\n${item.channel ? ctx.t("subscriptions-item-chat", { line }) : line}`;
}

export const subscriptions = defineIntent({
  command: "subscriptions",
  description: "List your digests and this chat's, with when each comes next",
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
    ctx.reply([bold(ctx.t("subscriptions-title")), ...list.map((item, index) => listLine(ctx, item, index))], {
      buttons: stopButtons(ctx, list),
    });
  },
});

/** A "Stop n" button for each subscription, five to a row: pressing one sends `/unsubscribe n`. */
function stopButtons(ctx: Context<unknown>, list: readonly SubscriptionInfo[]) {
  const buttons = list.map((_, index) => ({
    label: ctx.t("unsubscribe-button", { n: index + 1 }),
    value: `/unsubscribe ${index + 1}`,
  }));
  const rows = [];
  for (let start = 0; start < buttons.length; start += 5) rows.push(buttons.slice(start, start + 5));
  return rows;
}

/**
 * The user's subscriptions here, as /subscriptions numbers them, that fit
 * what they typed (its number, or words of the line): picking one sends its number.
 */
async function suggestSubscriptions(prefix: string, asker: Asker): Promise<Suggestion[]> {
  const wanted = prefix.toLowerCase();
  const list = await asker.schedule.subscriptions();
  return list
    .map((item, index) => {
      const entry = {
        n: index + 1,
        digest: titleOf(asker, item),
        rhythm: rhythmText(asker.t, item.rhythm, asker.locale),
        time: item.time,
        zone: item.zone,
      };
      const line = asker.t(item.paused ? "subscriptions-item-paused" : "unsubscribe-suggestion", entry);
      return { label: item.channel ? asker.t("subscriptions-item-chat", { line }) : line, value: String(index + 1) };
    })
    .filter((suggestion) => suggestion.label.toLowerCase().includes(wanted));
}

/** The subscription `which` names: its number in the list, or its digest when only one has it. */
function chosen(ctx: Context<unknown>, list: readonly SubscriptionInfo[], which: string): SubscriptionInfo | undefined {
  if (/^\d+$/.test(which)) return list[Number(which) - 1];
  const named = list.filter((item) => item.digest === which.toLowerCase());
  if (named.length > 1) throw new UserError(ctx.t("unsubscribe-which", { digest: quote(which) }));
  return named[0];
}

export const unsubscribe = defineIntent({
  command: "unsubscribe",
  description: "Stop a digest: its number in /subscriptions, or its name",
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
      description: "Which: its number in /subscriptions, or the digest",
      ask: "Which one should I stop? Send its number from /subscriptions, or the digest.",
      suggestOwn: suggestSubscriptions,
    },
  ],
  async run(ctx) {
    const list = await ctx.schedule.subscriptions();
    const item = chosen(ctx, list, ctx.args.digest);
    if (!item) throw new UserError(ctx.t("unsubscribe-not-subscribed", { digest: quote(ctx.args.digest) }));
    await ctx.schedule.unsubscribe(item);
    ctx.reply(ctx.t("unsubscribe-done", { digest: bold(titleOf(ctx, item)) }));
  },
});
