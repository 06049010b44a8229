/**
 * D1 access for scheduled work: what is due, the delivery ledger, shared
 * digest renders, and pausing chats that can no longer be reached.
 */
import * as z from "zod";
import type { Reply } from "../core/reply.ts";

const Address = z.object({ chatId: z.string(), threadId: z.string().optional() });
const AddressJson = z.string().transform((text, ctx) => {
  const parsed = Address.safeParse(JSON.parse(text));
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: "bad address" });
    return z.NEVER;
  }
  return parsed.data;
});
const Platform = z.enum(["telegram", "discord", "slack"]);

const DueSubscription = z.object({
  id: z.number(),
  local_time: z.string(),
  zone: z.string(),
  next_run_at: z.number(),
});
export type DueSubscription = z.infer<typeof DueSubscription>;

const Subscription = z.object({
  id: z.number(),
  bot: z.string(),
  platform: Platform,
  address: AddressJson,
  digest: z.string(),
  status: z.enum(["active", "paused"]),
});
export type Subscription = z.infer<typeof Subscription>;

const Reminder = z.object({
  id: z.number(),
  bot: z.string(),
  platform: Platform,
  address: AddressJson,
  text: z.string(),
  status: z.enum(["pending", "queued", "sent", "failed"]),
});
export type Reminder = z.infer<typeof Reminder>;

const LedgerRow = z.object({ job: z.string(), period: z.string(), owner: z.string(), status: z.string() });

export interface LedgerEntry {
  readonly job: string;
  readonly period: string;
}

/**
 * How a claimed delivery ended: sent, the chat unreachable for good, out of
 * retries, refused by the platform (a held-back reply), or unconfirmed (its
 * request may have arrived, so it is never sent again).
 */
export type Settled = "sent" | "paused" | "dead" | "refused" | "unconfirmed";

export class ScheduleStore {
  private readonly db: D1Database;

  constructor(db: D1Database) {
    this.db = db;
  }

  /** Active subscriptions due at `now`, oldest first. */
  async dueSubscriptions(now: number, limit: number): Promise<DueSubscription[]> {
    const { results } = await this.db
      .prepare(
        `SELECT id, local_time, zone, next_run_at FROM subscriptions
         WHERE status = 'active' AND next_run_at <= ? ORDER BY next_run_at, id LIMIT ?`,
      )
      .bind(now, limit)
      .all();
    return z.array(DueSubscription).parse(results);
  }

  /**
   * Moves each subscription to its next run, unless another tick already
   * did (the guard on the old value), in one round trip.
   */
  async advance(moves: readonly { id: number; from: number; to: number }[]): Promise<void> {
    if (moves.length === 0) return;
    await this.db.batch(
      moves.map((move) =>
        this.db
          .prepare("UPDATE subscriptions SET next_run_at = ? WHERE id = ? AND next_run_at = ?")
          .bind(move.to, move.id, move.from),
      ),
    );
  }

  async dueReminders(now: number, limit: number): Promise<number[]> {
    const { results } = await this.db
      .prepare("SELECT id FROM reminders WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?")
      .bind(now, limit)
      .all();
    return z
      .array(z.object({ id: z.number() }))
      .parse(results)
      .map((row) => row.id);
  }

  async markRemindersQueued(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.batch(
      ids.map((id) =>
        this.db.prepare("UPDATE reminders SET status = 'queued' WHERE id = ? AND status = 'pending'").bind(id),
      ),
    );
  }

  async subscriptions(ids: readonly number[]): Promise<Map<number, Subscription>> {
    if (ids.length === 0) return new Map();
    const { results } = await this.db
      .prepare(
        `SELECT id, bot, platform, address, digest, status FROM subscriptions WHERE id IN (${ids.map(() => "?").join(",")})`,
      )
      .bind(...ids)
      .all();
    return new Map(
      z
        .array(Subscription)
        .parse(results)
        .map((row) => [row.id, row]),
    );
  }

  async reminders(ids: readonly number[]): Promise<Map<number, Reminder>> {
    if (ids.length === 0) return new Map();
    const { results } = await this.db
      .prepare(
        `SELECT id, bot, platform, address, text, status FROM reminders WHERE id IN (${ids.map(() => "?").join(",")})`,
      )
      .bind(...ids)
      .all();
    return new Map(
      z
        .array(Reminder)
        .parse(results)
        .map((row) => [row.id, row]),
    );
  }

  /**
   * Claims each entry for the queue message `owner` (its retries carry the
   * same id) and returns the owners that may send: the entry is not sent
   * yet, and no other message claimed it first. Copies of one job (from an
   * overlapping or replayed tick) have other ids, so at most one of them is
   * returned, even when they arrive in one batch.
   */
  async claim(entries: readonly (LedgerEntry & { owner: string })[], now: number): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const statements = entries.flatMap((entry) => [
      this.db
        .prepare(
          "INSERT INTO deliveries (job, period, owner, status, updated_at) VALUES (?, ?, ?, 'sending', ?) ON CONFLICT DO NOTHING",
        )
        .bind(entry.job, entry.period, entry.owner, now),
      this.db
        .prepare("SELECT job, period, owner, status FROM deliveries WHERE job = ? AND period = ?")
        .bind(entry.job, entry.period),
    ]);
    const results = await this.db.batch(statements);
    const senders = new Set<string>();
    entries.forEach((entry, index) => {
      const row = LedgerRow.safeParse(results[index * 2 + 1]?.results[0]);
      if (row.success && row.data.owner === entry.owner && row.data.status === "sending") senders.add(entry.owner);
    });
    return senders;
  }

  /**
   * Records what became of claimed entries in one round trip, with what it
   * means for their source: a paused chat pauses its subscription, and a
   * reminder is marked sent or failed.
   */
  async settle(outcomes: readonly { entry: LedgerEntry; status: Settled }[], now: number): Promise<void> {
    if (outcomes.length === 0) return;
    const statements = outcomes.flatMap(({ entry, status }) => {
      const ledger = this.db
        .prepare("UPDATE deliveries SET status = ?, updated_at = ? WHERE job = ? AND period = ? AND status = 'sending'")
        .bind(status, now, entry.job, entry.period);
      const source = this.sourceUpdate(entry.job, status, now);
      return source ? [ledger, source] : [ledger];
    });
    await this.db.batch(statements);
  }

  private sourceUpdate(job: string, status: Settled, now: number): D1PreparedStatement | undefined {
    const [kind, id] = job.split(":");
    if (kind === "subscription") {
      return status === "paused"
        ? this.db
            .prepare("UPDATE subscriptions SET status = 'paused', updated_at = ? WHERE id = ?")
            .bind(now, Number(id))
        : undefined;
    }
    if (kind !== "reminder") return undefined;
    return this.db
      .prepare("UPDATE reminders SET status = ? WHERE id = ?")
      .bind(status === "sent" ? "sent" : "failed", Number(id));
  }

  async cachedRenders(bot: string, digest: string, periods: readonly string[]): Promise<Map<string, Reply>> {
    if (periods.length === 0) return new Map();
    const { results } = await this.db
      .prepare(
        `SELECT period, reply FROM digest_renders WHERE bot = ? AND digest = ? AND period IN (${periods.map(() => "?").join(",")})`,
      )
      .bind(bot, digest, ...periods)
      .all();
    const rows = z.array(z.object({ period: z.string(), reply: z.string() })).parse(results);
    return new Map(rows.map((row) => [row.period, JSON.parse(row.reply) as Reply]));
  }

  async storeRender(bot: string, digest: string, period: string, reply: Reply, now: number): Promise<void> {
    await this.db
      .prepare(
        "INSERT INTO digest_renders (bot, digest, period, reply, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      )
      .bind(bot, digest, period, JSON.stringify(reply), now)
      .run();
  }

  /** Forgets handled delivery ids and old renders that can no longer matter. */
  async prune(before: number): Promise<void> {
    await this.db.batch([
      this.db.prepare("DELETE FROM processed_events WHERE received_at < ?").bind(before),
      this.db.prepare("DELETE FROM digest_renders WHERE created_at < ?").bind(before),
    ]);
  }
}
