/**
 * D1 access for deliveries and conversation state. D1 is the source of truth
 * for everything that must be exact: claims, versions, user data.
 */
import * as z from "zod";
import type { PendingQuestion } from "../core/dialog.ts";
import type { JsonObject } from "../core/json.ts";
import { MAX_FORM_FIELDS } from "../core/reply.ts";
import {
  MAX_PENDING_REMINDERS,
  MAX_SUBSCRIPTIONS,
  type ScheduleChange,
  type ScheduleSnapshot,
} from "../core/schedule.ts";
import {
  type ConversationState,
  EMPTY_STATE,
  type StateChanges,
  StateConflict,
  type StateStore,
} from "../core/state.ts";
import type { Trace } from "../core/trace.ts";
import { subscriptionChatId, type Update } from "../core/update.ts";
import { fileUserOf, forgetFiles } from "./files.ts";
import { forgetStatements } from "./forget.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The user's row and the conversation's, side by side; a side whose row is missing is all nulls. */
const StateRow = z.object({
  user_data: z.string().nullable(),
  user_version: z.number().nullable(),
  user_locale: z.string().nullable(),
  question: z.string().nullable(),
  conversation_version: z.number().nullable(),
});
const DigestArgs = z.record(z.string(), z.union([z.string(), z.number()]));
const SubscriptionRow = z.object({
  digest: z.string(),
  args: z.string().transform((text) => DigestArgs.catch({}).parse(JSON.parse(text))),
  rhythm: z.string(),
  user_id: z.string(),
  local_time: z.string(),
  zone: z.string(),
  next_run_at: z.number(),
  status: z.enum(["active", "paused"]),
});
const Totals = z.object({ subscriptions: z.number(), channel: z.number(), reminders: z.number() });
/** A file argument given before the question: kept in it as the platform described the file. */
const Attachment = z.object({
  kind: z.enum(["photo", "document", "audio", "voice", "video"]),
  name: z.string(),
  size: z.number().optional(),
  mime: z.string(),
  platformFileId: z.string().optional(),
  ref: z.record(z.string(), z.string()),
});
const StoredArgs = z.record(z.string(), z.union([z.string(), z.number(), Attachment]));
/** A question for an argument; those stored before choices existed have no `kind`. */
const ArgQuestion = z.object({
  kind: z.literal("arg").optional(),
  intent: z.string(),
  subcommand: z.string().optional(),
  args: StoredArgs,
  awaiting: z.string(),
  expiresAt: z.number(),
  id: z.string().optional(),
  /** The values it offered to pick from (at most a select's 25). */
  choices: z.array(z.string()).max(25).optional(),
  /** The arguments it asked at once in a form (at most a modal's five). */
  form: z.array(z.string()).max(MAX_FORM_FIELDS).optional(),
});
const ChoiceQuestion = z.object({
  kind: z.literal("choice"),
  id: z.string(),
  readings: z.array(z.object({ intent: z.string(), subcommand: z.string().optional(), args: StoredArgs })).max(9),
  expiresAt: z.number(),
});
const Question = z.union([ChoiceQuestion, ArgQuestion]);

function parseJsonObject(text: string): JsonObject {
  const value: unknown = JSON.parse(text);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function parseQuestion(text: string | null): PendingQuestion | null {
  if (text === null) return null;
  const parsed = Question.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/**
 * One user's subscriptions and unsent reminders in all chats, bound to (bot,
 * platform, user id); a chat's own subscriptions are those of user id ''
 * (everyone there), bound to (bot, platform, '').
 */
const SUBSCRIPTION_COUNT = "SELECT COUNT(*) FROM subscriptions WHERE bot = ? AND platform = ? AND user_id = ?";
const CHANNEL_COUNT =
  "SELECT COUNT(*) FROM subscriptions WHERE bot = ? AND platform = ? AND chat_id = ? AND user_id = ''";
/** The user id a chat's own subscription is kept under. */
const EVERYONE = "";
const PENDING_REMINDER_COUNT =
  "SELECT COUNT(*) FROM reminders WHERE bot = ? AND platform = ? AND user_id = ? AND status IN ('pending', 'queued')";

/** A write that lost a race: the version guard, a concurrent first insert, or a cap reached meanwhile. */
function isConflict(error: unknown): boolean {
  const message = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : "";
  return /NOT NULL constraint failed: ((users|conversations)\.version|subscriptions\.updated_at|reminders\.created_at)|UNIQUE constraint failed: (users|conversations)\./.test(
    message,
  );
}

export interface DeliveryClaim {
  /** False when this delivery was handled before: answer it and do nothing. */
  readonly claimed: boolean;
  readonly state: ConversationState;
}

export class ConversationStore implements StateStore {
  private readonly db: D1Database;
  private readonly trace: Trace;
  private readonly files: R2Bucket | undefined;

  /** `files`: the bucket of kept files, which `/forget` empties of the user's too. */
  constructor(db: D1Database, trace: Trace, files?: R2Bucket) {
    this.db = db;
    this.trace = trace;
    this.files = files;
  }

  private async batch(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    this.trace.d1RoundTrips += 1;
    return this.db.batch(statements);
  }

  private userKey(update: Update): [string, string, string] {
    return [update.bot, update.platform, update.user.id];
  }

  private conversationKey(update: Update): [string, string, string, string] {
    return [update.bot, update.platform, update.chat.id, update.user.id];
  }

  /** The user's and the conversation's state, in one statement that always answers one row. */
  private loadStatement(update: Update): D1PreparedStatement {
    return this.db
      .prepare(
        `SELECT u.data AS user_data, u.version AS user_version, u.locale AS user_locale,
                c.question AS question, c.version AS conversation_version
         FROM (SELECT 1)
         LEFT JOIN users AS u ON u.bot = ? AND u.platform = ? AND u.user_id = ?
         LEFT JOIN conversations AS c ON c.bot = ? AND c.platform = ? AND c.chat_id = ? AND c.user_id = ?`,
      )
      .bind(...this.userKey(update), ...this.conversationKey(update));
  }

  private stateFrom(result: D1Result | undefined): ConversationState {
    const row = StateRow.safeParse(result?.results[0]);
    if (!row.success) return EMPTY_STATE;
    const { user_data, user_version, user_locale, question, conversation_version } = row.data;
    return {
      ...EMPTY_STATE,
      ...(user_data !== null && user_version !== null
        ? { userData: parseJsonObject(user_data), userVersion: user_version, userLocale: user_locale }
        : {}),
      ...(conversation_version !== null
        ? { question: parseQuestion(question), conversationVersion: conversation_version }
        : {}),
    };
  }

  /**
   * Claims the delivery (a unique insert: only the first of any number of
   * concurrent copies wins), records the chat, and loads the conversation
   * state, all in one round trip. A chat's `updated_at` is when it was last
   * seen, to the day (one write a day, not one per message): chats unseen
   * for long are forgotten (src/store/retention.ts).
   */
  async claimDelivery(update: Update, now: number): Promise<DeliveryClaim> {
    const [claim, , state] = await this.batch([
      this.db
        .prepare(
          "INSERT INTO processed_events (platform, bot, event_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(update.platform, update.bot, update.eventId, now),
      this.db
        .prepare(
          `INSERT INTO chats (bot, platform, chat_id, kind, title, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (bot, platform, chat_id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
           updated_at = excluded.updated_at WHERE chats.title IS NOT excluded.title OR chats.kind <> excluded.kind
             OR chats.updated_at < excluded.updated_at - ?`,
        )
        .bind(update.bot, update.platform, update.chat.id, update.chat.kind, update.chat.title ?? null, now, DAY_MS),
      this.loadStatement(update),
    ]);
    return { claimed: (claim?.meta.changes ?? 0) > 0, state: this.stateFrom(state) };
  }

  /** Subscriptions are kept per the chat they belong to: a thread's parent (core/update.ts). */
  private subscriptionKey(update: Update): [string, string, string, string] {
    return [update.bot, update.platform, subscriptionChatId(update.chat), update.user.id];
  }

  /** The chat's own subscriptions are kept under the user id '' (everyone there). */
  private channelKey(update: Update): [string, string, string, string] {
    return [update.bot, update.platform, subscriptionChatId(update.chat), EVERYONE];
  }

  async schedule(update: Update): Promise<ScheduleSnapshot> {
    const [bot, platform, chatId, userId] = this.subscriptionKey(update);
    const [subscriptions, totals] = await this.batch([
      this.db
        .prepare(
          `SELECT digest, args, rhythm, user_id, local_time, zone, next_run_at, status FROM subscriptions
           WHERE bot = ? AND platform = ? AND chat_id = ? AND user_id IN (?, '') ORDER BY user_id, id`,
        )
        .bind(bot, platform, chatId, userId),
      this.db
        .prepare(
          `SELECT (${SUBSCRIPTION_COUNT}) AS subscriptions, (${CHANNEL_COUNT}) AS channel,
           (${PENDING_REMINDER_COUNT}) AS reminders`,
        )
        .bind(...this.userKey(update), bot, platform, chatId, ...this.userKey(update)),
    ]);
    const counts = Totals.parse(totals?.results[0]);
    return {
      subscriptions: z
        .array(SubscriptionRow)
        .parse(subscriptions?.results ?? [])
        .map((row) => ({
          digest: row.digest,
          args: row.args,
          rhythm: row.rhythm,
          channel: row.user_id === EVERYONE,
          time: row.local_time,
          zone: row.zone,
          nextRunAt: new Date(row.next_run_at),
          paused: row.status === "paused",
        })),
      subscriptionCount: counts.subscriptions,
      channelCount: counts.channel,
      pendingReminders: counts.reminders,
    };
  }

  /**
   * The handler checked the caps (core/schedule.ts); these writes check them
   * again, since two updates may have read the same counts. Over a cap, a
   * NOT NULL column gets NULL, the whole batch fails as a conflict, and the
   * handler runs again on fresh counts and refuses.
   */
  private scheduleStatement(update: Update, change: ScheduleChange, now: number): D1PreparedStatement {
    const subscriptionKey = this.subscriptionKey(update);
    switch (change.kind) {
      case "subscribe": {
        const key = change.channel ? this.channelKey(update) : this.subscriptionKey(update);
        const [bot, platform, chatId] = key;
        const cap = change.channel ? CHANNEL_COUNT : SUBSCRIPTION_COUNT;
        const capKey = change.channel ? [bot, platform, chatId] : this.userKey(update);
        return this.db
          .prepare(
            `INSERT INTO subscriptions
               (bot, platform, chat_id, user_id, address, digest, args, rhythm, local_time, zone, next_run_at, locale,
                status, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active',
               CASE WHEN (${cap} AND NOT (chat_id = ? AND digest = ? AND args = ?)) < ? THEN ? END)
             ON CONFLICT (bot, platform, chat_id, user_id, digest, args) DO UPDATE SET
               address = excluded.address, rhythm = excluded.rhythm, local_time = excluded.local_time,
               zone = excluded.zone, next_run_at = excluded.next_run_at, locale = excluded.locale,
               status = 'active', updated_at = excluded.updated_at`,
          )
          .bind(
            ...key,
            JSON.stringify(change.address),
            change.digest,
            change.args,
            change.rhythm,
            change.time,
            change.zone,
            change.nextRunAt,
            change.locale,
            ...capKey,
            chatId,
            change.digest,
            change.args,
            MAX_SUBSCRIPTIONS,
            now,
          );
      }
      case "unsubscribe":
        return this.db
          .prepare(
            `DELETE FROM subscriptions
             WHERE bot = ? AND platform = ? AND chat_id = ? AND user_id = ? AND digest = ? AND args = ?`,
          )
          .bind(...(change.channel ? this.channelKey(update) : subscriptionKey), change.digest, change.args);
      case "remind":
        return this.db
          .prepare(
            `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, locale, about, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN (${PENDING_REMINDER_COUNT}) < ? THEN ? END)`,
          )
          .bind(
            ...this.conversationKey(update),
            JSON.stringify(change.address),
            change.text,
            change.dueAt,
            change.locale,
            change.about ? JSON.stringify(change.about) : null,
            ...this.userKey(update),
            MAX_PENDING_REMINDERS,
            now,
          );
    }
  }

  /** A user who switches language gets their digests and pending reminders in the new one. */
  private relocaleStatements(update: Update, locale: string): D1PreparedStatement[] {
    return [
      this.db
        .prepare("UPDATE subscriptions SET locale = ? WHERE bot = ? AND platform = ? AND user_id = ?")
        .bind(locale, ...this.userKey(update)),
      this.db
        .prepare(
          "UPDATE reminders SET locale = ? WHERE bot = ? AND platform = ? AND user_id = ? AND status IN ('pending', 'queued')",
        )
        .bind(locale, ...this.userKey(update)),
    ];
  }

  async load(update: Update): Promise<ConversationState> {
    const [state] = await this.batch([this.loadStatement(update)]);
    return this.stateFrom(state);
  }

  /**
   * Erases everything kept about the update's user in one batch
   * (`forget.ts` lists it); what a user keeps outside D1 is erased here too,
   * before it: their kept files, objects and rows.
   */
  private async forget(update: Update): Promise<void> {
    if (this.files) await forgetFiles(this.db, this.files, fileUserOf(update));
    await this.batch(forgetStatements(this.db, update));
  }

  async save(update: Update, base: ConversationState, changes: StateChanges): Promise<void> {
    if (changes.forget) return this.forget(update);
    const now = Date.now();
    const statements: D1PreparedStatement[] = [];
    if (changes.userData !== undefined || changes.userLocale !== undefined) {
      // The version check makes `base` current, so what did not change is written back as it was.
      const data = JSON.stringify(changes.userData ?? base.userData);
      const locale = changes.userLocale === undefined ? base.userLocale : changes.userLocale;
      statements.push(
        base.userVersion === 0
          ? this.db
              .prepare(
                "INSERT INTO users (bot, platform, user_id, name, data, locale, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
              )
              .bind(...this.userKey(update), update.user.name, data, locale, now)
          : this.db
              .prepare(
                `UPDATE users SET data = ?, locale = ?, name = ?, updated_at = ?,
                 version = CASE WHEN version = ? THEN version + 1 ELSE NULL END
                 WHERE bot = ? AND platform = ? AND user_id = ?`,
              )
              .bind(data, locale, update.user.name, now, base.userVersion, ...this.userKey(update)),
      );
    }
    if (changes.userLocale) statements.push(...this.relocaleStatements(update, changes.userLocale));
    if (changes.question !== undefined) {
      const question = changes.question === null ? null : JSON.stringify(changes.question);
      statements.push(
        base.conversationVersion === 0
          ? this.db
              .prepare(
                "INSERT INTO conversations (bot, platform, chat_id, user_id, question, version, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
              )
              .bind(...this.conversationKey(update), question, now)
          : this.db
              .prepare(
                `UPDATE conversations SET question = ?, updated_at = ?,
                 version = CASE WHEN version = ? THEN version + 1 ELSE NULL END
                 WHERE bot = ? AND platform = ? AND chat_id = ? AND user_id = ?`,
              )
              .bind(question, now, base.conversationVersion, ...this.conversationKey(update)),
      );
    }
    for (const change of changes.schedule ?? []) statements.push(this.scheduleStatement(update, change, now));
    if (statements.length === 0) return;
    try {
      await this.batch(statements);
    } catch (error) {
      if (isConflict(error)) throw new StateConflict("Conversation changed while the update was handled");
      throw error;
    }
  }
}
