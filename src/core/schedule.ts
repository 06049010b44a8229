/**
 * What a handler can do with schedules: subscribe the user (or, for someone
 * with rights there, the whole chat) to a digest with its arguments at a
 * local time on the days of a rhythm, unsubscribe, list, and set a one-off
 * reminder. Changes are collected here and written by the engine in the same
 * D1 batch as the rest of the conversation state, so a handler that fails or
 * is re-run after a conflict never leaves a half-made or doubled subscription
 * behind. Each user holds a capped number of subscriptions and pending
 * reminders.
 */
import { checkArgs } from "./args.ts";
import { argsKey, type Digest, type DigestArgs } from "./digest.ts";
import { UserError } from "./errors.ts";
import type { Translate } from "./i18n.ts";
import { clip, quote } from "./reply.ts";
import { nextRun, parseRhythm } from "./rhythm.ts";
import type { Services } from "./services.ts";
import { canonicalZone, formatLocalTime, isTimeZone, parseLocalTime } from "./time.ts";
import type { AboutMessage, ChatAddress } from "./update.ts";

export interface SubscriptionInfo {
  readonly digest: string;
  /** The digest's arguments, canonical. */
  readonly args: DigestArgs;
  /** `daily`, `weekdays`, `weekends` or a list of days (`mon,wed,fri`). */
  readonly rhythm: string;
  /** The whole chat's (someone with rights there made it), not only this user's. */
  readonly channel: boolean;
  /** Local wall-clock time, "HH:MM". */
  readonly time: string;
  readonly zone: string;
  readonly nextRunAt: Date;
  /** Paused when the platform said the chat can no longer be reached. */
  readonly paused: boolean;
}

export type ScheduleChange =
  | {
      readonly kind: "subscribe";
      readonly digest: string;
      /** `argsKey` of the canonical arguments. */
      readonly args: string;
      readonly rhythm: string;
      readonly channel: boolean;
      readonly time: string;
      readonly zone: string;
      readonly nextRunAt: number;
      readonly address: ChatAddress;
      /** The language its digests are rendered in: the user's when they subscribed. */
      readonly locale: string;
    }
  | { readonly kind: "unsubscribe"; readonly digest: string; readonly args: string; readonly channel: boolean }
  | {
      readonly kind: "remind";
      readonly dueAt: number;
      readonly text: string;
      readonly address: ChatAddress;
      readonly locale: string;
      /** The message it reminds of, quoted when it is sent. */
      readonly about?: AboutMessage;
    };

/** What tells two subscriptions in one chat apart. */
interface SubscriptionKey {
  readonly digest: string;
  readonly args: string;
  readonly channel: boolean;
}

/** What a user asks to subscribe to. */
export interface SubscriptionRequest {
  readonly digest: string;
  /** The digest's arguments as given; checked against its `args`. */
  readonly args?: Readonly<Record<string, string | number>>;
  /** Local time, "HH:MM". */
  readonly time: string;
  readonly zone: string;
  /** Daily when absent. */
  readonly rhythm?: string;
  /** For everyone in the chat: only someone with rights there (a group admin) may. */
  readonly channel?: boolean;
}

export interface Schedule {
  /** The user's subscriptions in this chat (a thread's parent chat, see `Chat.parent`), and the chat's own. */
  subscriptions(): Promise<SubscriptionInfo[]>;
  /**
   * Subscribes (or moves an existing subscription of the same digest and
   * arguments). Throws `UserError` for an unknown digest, arguments the
   * digest refuses, a bad time, an unknown zone, a rhythm that names no days
   * or a user (or chat) at `MAX_SUBSCRIPTIONS`, and then changes nothing.
   */
  subscribe(request: SubscriptionRequest): Promise<SubscriptionInfo>;
  /** Stops it; throws `UserError` for the chat's own subscription when the user has no rights there. */
  unsubscribe(subscription: Pick<SubscriptionInfo, "digest" | "args" | "channel">): Promise<void>;
  /**
   * A one-off message to this chat at `at`, about the message `about` if
   * given (it is quoted, and linked or answered where the platform can).
   * Throws `UserError` for a time that has passed, a text that is too long
   * or a user at `MAX_PENDING_REMINDERS`.
   */
  remind(at: Date, text: string, about?: AboutMessage): Promise<void>;
}

/** What the draft reads, once, before it adds anything. */
export interface ScheduleSnapshot {
  readonly subscriptions: readonly SubscriptionInfo[];
  /** The user's subscriptions in all chats of the bot on this platform. */
  readonly subscriptionCount: number;
  /** The chat's own subscriptions (made for everyone there). */
  readonly channelCount: number;
  /** The user's reminders not yet sent, in all chats of the bot on this platform. */
  readonly pendingReminders: number;
}

export interface ScheduleReader {
  read(): Promise<ScheduleSnapshot>;
}

const MAX_REMINDER_LENGTH = 500;

/**
 * What one user may hold per bot and platform, across all chats: without a
 * cap, one subscription per group or one reminder per thread would grow
 * without end. A chat holds as many subscriptions for everyone there.
 */
export const MAX_SUBSCRIPTIONS = 10;
export const MAX_PENDING_REMINDERS = 25;

export class ScheduleDraft implements Schedule {
  readonly changes: ScheduleChange[] = [];
  /** The bot's digests: all a subscription may name. */
  private readonly digests: readonly Digest[];
  /** For a digest's check of its arguments (the weather's city is looked up). */
  private readonly services: Services;
  /** Where reminders go: the chat the update came from. */
  private readonly address: ChatAddress;
  /** Where digests go: the chat the subscription belongs to. */
  private readonly digestAddress: ChatAddress;
  /** Whether the bot can post here unprompted: nothing is scheduled for a chat it cannot post to. */
  private readonly reachable: boolean;
  private readonly now: Date;
  private readonly reader: ScheduleReader;
  /** The user's language: what the refusals are written in, and what is sent later is. */
  private readonly locale: string;
  private readonly t: Translate;
  /** Whether the user has rights over what the whole chat gets; asked once, when it matters. */
  private readonly chatRights: () => Promise<boolean>;
  private rights: Promise<boolean> | undefined;
  private snapshot: Promise<ScheduleSnapshot> | undefined;

  constructor(init: {
    digests: readonly Digest[];
    services: Services;
    address: ChatAddress;
    digestAddress: ChatAddress;
    reachable?: boolean;
    now: Date;
    reader: ScheduleReader;
    locale: string;
    t: Translate;
    chatRights: () => Promise<boolean>;
  }) {
    this.chatRights = init.chatRights;
    this.digests = init.digests;
    this.services = init.services;
    this.address = init.address;
    this.digestAddress = init.digestAddress;
    this.reachable = init.reachable ?? true;
    this.now = init.now;
    this.reader = init.reader;
    this.locale = init.locale;
    this.t = init.t;
  }

  /** Refuses, in the user's language, one without rights over the chat's own subscriptions. */
  private async checkRights(): Promise<void> {
    this.rights ??= this.chatRights();
    if (!(await this.rights)) throw new UserError(this.t("parley-chat-rights-needed"));
  }

  private read(): Promise<ScheduleSnapshot> {
    this.snapshot ??= this.reader.read();
    return this.snapshot;
  }

  async subscriptions(): Promise<SubscriptionInfo[]> {
    return [...(await this.read()).subscriptions];
  }

  /** The digest's arguments checked by its specs, then made canonical by the digest. */
  private async digestArgs(digest: Digest, given: SubscriptionRequest["args"]): Promise<DigestArgs> {
    const { t } = this;
    const checked = checkArgs(digest.args ?? [], given ?? {});
    if (!checked.ok) throw new UserError(t(checked.problem.message, checked.problem.args));
    if (checked.missing) throw new UserError(t("parley-arg-missing", { name: checked.missing.name }));
    const args: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(checked.args)) if (typeof value !== "object") args[name] = value;
    if (!digest.canonical) return args;
    return digest.canonical({ services: this.services, args, locale: this.locale, t });
  }

  async subscribe(request: SubscriptionRequest): Promise<SubscriptionInfo> {
    const name = request.digest.toLowerCase();
    const { t } = this;
    const digest = this.digests.find((candidate) => candidate.name === name);
    if (!digest) {
      const digests = this.digests.map((candidate) => candidate.name).join(", ");
      throw new UserError(t("parley-no-such-digest", { digest: quote(request.digest), digests }));
    }
    if (!this.reachable) throw new UserError(t("parley-unreachable"));
    const local = parseLocalTime(request.time);
    if (!local) throw new UserError(t("parley-bad-time", { time: quote(request.time) }));
    if (!isTimeZone(request.zone)) throw new UserError(t("parley-bad-zone", { zone: quote(request.zone) }));
    const rhythm = parseRhythm(request.rhythm ?? "daily");
    if (!rhythm) throw new UserError(t("parley-bad-rhythm", { rhythm: quote(request.rhythm ?? "") }));
    const channel = request.channel === true;
    if (channel) await this.checkRights();
    const args = await this.digestArgs(digest, request.args);
    const key = argsKey(args);
    const snapshot = await this.read();
    const wanted = { digest: name, args: key, channel };
    const same = (a: SubscriptionKey, b: SubscriptionKey) =>
      a.channel === b.channel && a.digest === b.digest && a.args === b.args;
    const held = (change: SubscriptionKey) =>
      snapshot.subscriptions.some((item) => same({ ...item, args: argsKey(item.args) }, change));
    const added = this.changes.filter(
      (change) => change.kind === "subscribe" && change.channel === channel && !held(change),
    );
    const moving = held(wanted) || added.some((change) => change.kind === "subscribe" && same(change, wanted));
    const count = channel ? snapshot.channelCount : snapshot.subscriptionCount;
    if (!moving && count + added.length >= MAX_SUBSCRIPTIONS) {
      throw new UserError(
        t(channel ? "parley-channel-subscriptions-full" : "parley-subscriptions-full", { max: MAX_SUBSCRIPTIONS }),
      );
    }
    const zone = canonicalZone(request.zone);
    const nextRunAt = nextRun(local, zone, rhythm, this.now);
    const time = formatLocalTime(local);
    this.changes.push({
      kind: "subscribe",
      digest: name,
      args: key,
      rhythm,
      channel,
      time,
      zone,
      nextRunAt: nextRunAt.getTime(),
      address: this.digestAddress,
      locale: this.locale,
    });
    return { digest: name, args, rhythm, channel, time, zone, nextRunAt, paused: false };
  }

  async unsubscribe(subscription: Pick<SubscriptionInfo, "digest" | "args" | "channel">): Promise<void> {
    if (subscription.channel) await this.checkRights();
    this.changes.push({
      kind: "unsubscribe",
      digest: subscription.digest.toLowerCase(),
      args: argsKey(subscription.args),
      channel: subscription.channel,
    });
  }

  async remind(at: Date, text: string, about?: AboutMessage): Promise<void> {
    const { t } = this;
    if (!this.reachable) throw new UserError(t("parley-unreachable"));
    if (at.getTime() <= this.now.getTime()) throw new UserError(t("parley-reminder-past"));
    if ([...text].length > MAX_REMINDER_LENGTH) {
      throw new UserError(t("parley-reminder-too-long", { max: MAX_REMINDER_LENGTH }));
    }
    const { pendingReminders } = await this.read();
    const added = this.changes.filter((change) => change.kind === "remind").length;
    if (pendingReminders + added >= MAX_PENDING_REMINDERS) {
      throw new UserError(t("parley-reminders-full", { max: MAX_PENDING_REMINDERS }));
    }
    this.changes.push({
      kind: "remind",
      dueAt: at.getTime(),
      text,
      address: this.address,
      locale: this.locale,
      ...(about ? { about: storedAbout(about) } : {}),
    });
  }
}

/** How much of a message a reminder keeps: enough for its quote, never the whole of a long message. */
const ABOUT_TEXT_LIMIT = 1000;

function storedAbout(about: AboutMessage): AboutMessage {
  return { ...about, text: clip(about.text, ABOUT_TEXT_LIMIT) };
}
