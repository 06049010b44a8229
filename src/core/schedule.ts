/**
 * What a handler can do with schedules: subscribe the user to a digest at a
 * local time, unsubscribe, list, and set a one-off reminder. Changes are
 * collected here and written by the engine in the same D1 batch as the rest
 * of the conversation state, so a handler that fails or is re-run after a
 * conflict never leaves a half-made or doubled subscription behind.
 */
import { canonicalZone, formatLocalTime, isTimeZone, nextDailyRun, parseLocalTime } from "../schedule/time.ts";
import { UserError } from "./errors.ts";
import type { Bot } from "./intent.ts";
import type { ChatAddress } from "./update.ts";

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
    }
  | { readonly kind: "unsubscribe"; readonly digest: string }
  | { readonly kind: "remind"; readonly dueAt: number; readonly text: string; readonly address: ChatAddress };

export interface Schedule {
  /** The user's subscriptions in this chat. */
  subscriptions(): Promise<SubscriptionInfo[]>;
  /**
   * Subscribes (or moves an existing subscription) to `digest` daily at
   * `time` ("HH:MM") in `zone`. Throws `UserError` for an unknown digest, a
   * bad time or an unknown zone, and then changes nothing.
   */
  subscribe(digest: string, time: string, zone: string): SubscriptionInfo;
  unsubscribe(digest: string): void;
  /** A one-off message to this chat at `at`. */
  remind(at: Date, text: string): void;
}

export interface ScheduleReader {
  subscriptions(): Promise<SubscriptionInfo[]>;
}

export const MAX_REMINDER_LENGTH = 500;

export class ScheduleDraft implements Schedule {
  readonly changes: ScheduleChange[] = [];
  private readonly bot: Bot;
  private readonly address: ChatAddress;
  private readonly now: Date;
  private readonly reader: ScheduleReader;

  constructor(init: { bot: Bot; address: ChatAddress; now: Date; reader: ScheduleReader }) {
    this.bot = init.bot;
    this.address = init.address;
    this.now = init.now;
    this.reader = init.reader;
  }

  subscriptions(): Promise<SubscriptionInfo[]> {
    return this.reader.subscriptions();
  }

  subscribe(digest: string, time: string, zone: string): SubscriptionInfo {
    const name = digest.toLowerCase();
    if (!this.bot.digests.some((known) => known.name === name)) {
      const names = this.bot.digests.map((known) => known.name).join(", ");
      throw new UserError(`There is no digest called "${digest}". You can subscribe to: ${names}.`);
    }
    const local = parseLocalTime(time);
    if (!local)
      throw new UserError(`"${time}" is not a time I understand. Use the 24-hour clock, like 08:00 or 18:30.`);
    if (!isTimeZone(zone)) {
      throw new UserError(`"${zone}" is not a time zone I know. Use a name like Europe/Berlin or America/New_York.`);
    }
    const canonical = canonicalZone(zone);
    const nextRunAt = nextDailyRun(local, canonical, this.now);
    const info = { digest: name, time: formatLocalTime(local), zone: canonical, nextRunAt, paused: false };
    this.changes.push({ kind: "subscribe", ...info, nextRunAt: nextRunAt.getTime(), address: this.address });
    return info;
  }

  unsubscribe(digest: string): void {
    this.changes.push({ kind: "unsubscribe", digest: digest.toLowerCase() });
  }

  remind(at: Date, text: string): void {
    if (at.getTime() <= this.now.getTime()) throw new UserError("That time has already passed.");
    if ([...text].length > MAX_REMINDER_LENGTH) {
      throw new UserError(`Please keep a reminder under ${MAX_REMINDER_LENGTH} characters.`);
    }
    this.changes.push({ kind: "remind", dueAt: at.getTime(), text, address: this.address });
  }
}
