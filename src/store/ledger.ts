/**
 * The delivery ledger: one row per message that must go out at most once
 * (a digest per subscription and run, a reminder, a broadcast per chat, a
 * held-back reply per delivery and index). A sender claims its row before
 * sending and settles it right after; a settled row is never claimed again.
 */

export interface LedgerEntry {
  readonly job: string;
  readonly period: string;
}

/**
 * How long a claim holds: longer than one send can take with the platform
 * clients' own retries (four attempts, 429 waits of up to 30 s, 10 s timeouts).
 */
const CLAIM_LEASE_MS = 5 * 60 * 1000;

/**
 * How a claimed delivery ended: sent, the chat unreachable for good, out of
 * retries, refused by the platform (a held-back reply), or unconfirmed (its
 * request may have arrived, so it is never sent again).
 */
export type Settled = "sent" | "paused" | "dead" | "refused" | "unconfirmed";

export class Ledger {
  private readonly db: D1Database;

  constructor(db: D1Database) {
    this.db = db;
  }

  /**
   * Claims each entry for its queue message `owner` (retries of a message
   * carry the same id) until `leaseUntil`, in one round trip, and returns the
   * owners that may send: the entry is new, or still being sent by this
   * owner, or by another whose lease ran out (it died mid-batch). A sent or
   * settled entry is never claimed again, and of copies of a job (from an
   * overlapping or replayed tick) at most one holds the claim at any time,
   * even when they arrive in one batch.
   */
  async claim(
    entries: readonly (LedgerEntry & { owner: string })[],
    now: number,
    leaseUntil: number = now + CLAIM_LEASE_MS,
  ): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const results = await this.db.batch(
      entries.map((entry) =>
        this.db
          .prepare(
            `INSERT INTO deliveries (job, period, owner, status, updated_at, lease_until) VALUES (?, ?, ?, 'sending', ?, ?)
             ON CONFLICT (job, period) DO UPDATE SET
               owner = excluded.owner, updated_at = excluded.updated_at, lease_until = excluded.lease_until
             WHERE deliveries.status = 'sending'
               AND (deliveries.owner = excluded.owner OR deliveries.lease_until <= excluded.updated_at)
             RETURNING owner`,
          )
          .bind(entry.job, entry.period, entry.owner, now, leaseUntil),
      ),
    );
    return new Set(entries.flatMap((entry, index) => ((results[index]?.results.length ?? 0) > 0 ? [entry.owner] : [])));
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
}
