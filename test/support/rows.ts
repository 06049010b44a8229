/**
 * What D1 holds, counted per table, for tests that a delivery stored nothing
 * or only what a delivery should.
 */
import { testEnv } from "./worker.ts";

/** The rows a delivery can add to the bots' state. */
export interface RowCounts {
  /** Claimed deliveries. */
  readonly events: number;
  readonly users: number;
  readonly conversations: number;
  readonly chats: number;
  readonly subscriptions: number;
  readonly reminders: number;
  /** "Slow down" notices of the rate limit. */
  readonly notices: number;
}

export async function rowCounts(): Promise<RowCounts> {
  const row = await testEnv.DB.prepare(
    `SELECT (SELECT COUNT(*) FROM processed_events) AS events, (SELECT COUNT(*) FROM users) AS users,
       (SELECT COUNT(*) FROM conversations) AS conversations, (SELECT COUNT(*) FROM chats) AS chats,
       (SELECT COUNT(*) FROM subscriptions) AS subscriptions, (SELECT COUNT(*) FROM reminders) AS reminders,
       (SELECT COUNT(*) FROM rate_limit_notices) AS notices`,
  ).first<RowCounts>();
  if (!row) throw new Error("row counts query returned nothing");
  return row;
}

/** What usage recording holds: the deliveries counted in the hourly rollup, and the active-user rows. */
export interface UsageCounts {
  readonly counted: number;
  readonly activeUsers: number;
}

export async function usageCounts(): Promise<UsageCounts> {
  const row = await testEnv.DB.prepare(
    `SELECT (SELECT COALESCE(SUM(count), 0) FROM usage_rollup) AS counted,
       (SELECT COUNT(*) FROM usage_users) AS activeUsers`,
  ).first<UsageCounts>();
  if (!row) throw new Error("usage counts query returned nothing");
  return row;
}
