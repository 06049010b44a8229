/**
 * The daily budget of model calls (migrations/0008_ai.sql): one row per
 * user and UTC day, counted up by a conditional upsert, so that of any
 * number of simultaneous messages exactly the budget's worth get a call.
 * The Cron tick deletes the rows of days gone by (src/store/retention.ts).
 */
import type { Update } from "../core/update.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start (epoch ms) of the UTC day `now` falls in. */
function dayOf(now: number): number {
  return now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * Counts one call for the update's user on `now`'s day if fewer than
 * `budget` were made: the statement changes a row exactly when the call
 * may be made (read with `claimed`). A budget of 0 is never asked for.
 */
export function claimCallStatement(db: D1Database, update: Update, now: number, budget: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO ai_calls (bot, platform, user_id, day, calls) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (bot, platform, user_id, day) DO UPDATE SET calls = calls + 1 WHERE calls < ?`,
    )
    .bind(update.bot, update.platform, update.user.id, dayOf(now), budget);
}

export function claimed(result: D1Result | undefined): boolean {
  return (result?.meta.changes ?? 0) > 0;
}
