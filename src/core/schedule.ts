/**
 * What a handler can do with schedules: subscribe the user to a digest at a
 * local time, unsubscribe, list, and set a one-off reminder. Changes are
 * collected here and written by the engine in the same D1 batch as the rest
 * of the conversation state, so a handler that fails or is re-run after a
 * conflict never leaves a half-made or doubled subscription behind. Each
 * user holds a capped number of subscriptions and pending reminders.
 */
import { UserError } from "./errors.ts";
import type { Translate } from "./i18n.ts";
import { clip, quote } from "./reply.ts";
import { canonicalZone, formatLocalTime, isTimeZone, nextDailyRun, parseLocalTime } from "./time.ts";
import type { AboutMessage, ChatAddress } from "./update.ts";

export interface SubscriptionInfo {
  readonly digest: string;
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
      readonly time: string;
      readonly zone: string;
      readonly nextRunAt: number;
      readonly address: ChatAddress;
      /** The language its digests are rendered in: the user's when they subscribed. */
      readonly locale: string;
    }
  | { readonly kind: "unsubscribe"; readonly digest: string }
  | {
      readonly kind: "remind";
      readonly dueAt: number;
      readonly text: string;
      readonly address: ChatAddress;
      readonly locale: string;
      /** The message it reminds of, quoted when it is sent. */
      readonly about?: AboutMessage;
    };

export interface Schedule {
  /** The user's subscriptions in this chat (a thread's parent chat, see `Chat.parent`). */
  subscriptions(): Promise<SubscriptionInfo[]>;
  /**
   * Subscribes (or moves an existing subscription) to `digest` daily at
   * `time` ("HH:MM") in `zone`. Throws `UserError` for an unknown digest, a
   * bad time, an unknown zone or a user at `MAX_SUBSCRIPTIONS`, and then
   * changes nothing.
   */
  subscribe(digest: string, time: string, zone: string): Promise<SubscriptionInfo>;
  unsubscribe(digest: string): void;
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
  /** The user's reminders not yet sent, in all chats of the bot on this platform. */
  readonly pendingReminders: number;
}

export interface ScheduleReader {
  read(): Promise<ScheduleSnapshot>;
}

export const MAX_REMINDER_LENGTH = 500;

/**
 * What one user may hold per bot and platform, across all chats: without a
 * cap, one subscription per group or one reminder per thread would grow
 * without end.
 */
export const MAX_SUBSCRIPTIONS = 10;
export const MAX_PENDING_REMINDERS = 25;

export class ScheduleDraft implements Schedule {
  readonly changes: ScheduleChange[] = [];
  /** The names of the bot's digests: all a subscription may name. */
  private readonly digests: readonly string[];
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
  private snapshot: Promise<ScheduleSnapshot> | undefined;

  constructor(init: {
    digests: readonly string[];
    address: ChatAddress;
    digestAddress: ChatAddress;
    reachable?: boolean;
    now: Date;
    reader: ScheduleReader;
    locale: string;
    t: Translate;
  }) {
    this.digests = init.digests;
    this.address = init.address;
    this.digestAddress = init.digestAddress;
    this.reachable = init.reachable ?? true;
    this.now = init.now;
    this.reader = init.reader;
    this.locale = init.locale;
    this.t = init.t;
  }

  private read(): Promise<ScheduleSnapshot> {
    this.snapshot ??= this.reader.read();
    return this.snapshot;
  }

  async subscriptions(): Promise<SubscriptionInfo[]> {
    return [...(await this.read()).subscriptions];
  }

  async subscribe(digest: string, time: string, zone: string): Promise<SubscriptionInfo> {
    const name = digest.toLowerCase();
    const { t } = this;
    if (!this.digests.includes(name)) {
      throw new UserError(t("parley-no-such-digest", { digest: quote(digest), digests: this.digests.join(", ") }));
    }
    if (!this.reachable) throw new UserError(t("parley-unreachable"));
    const local = parseLocalTime(time);
    if (!local) throw new UserError(t("parley-bad-time", { time: quote(time) }));
    if (!isTimeZone(zone)) throw new UserError(t("parley-bad-zone", { zone: quote(zone) }));
    const snapshot = await this.read();
    const held = (wanted: string) => snapshot.subscriptions.some((item) => item.digest === wanted);
    const added = this.changes.filter((change) => change.kind === "subscribe" && !held(change.digest));
    const moving = held(name) || added.some((change) => change.kind === "subscribe" && change.digest === name);
    if (!moving && snapshot.subscriptionCount + added.length >= MAX_SUBSCRIPTIONS) {
      throw new UserError(t("parley-subscriptions-full", { max: MAX_SUBSCRIPTIONS }));
    }
    const canonical = canonicalZone(zone);
    const nextRunAt = nextDailyRun(local, canonical, this.now);
    const info = { digest: name, time: formatLocalTime(local), zone: canonical, nextRunAt, paused: false };
    this.changes.push({
      kind: "subscribe",
      ...info,
      nextRunAt: nextRunAt.getTime(),
      address: this.digestAddress,
      locale: this.locale,
    });
    return info;
  }

  unsubscribe(digest: string): void {
    this.changes.push({ kind: "unsubscribe", digest: digest.toLowerCase() });
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
