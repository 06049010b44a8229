/**
 * What the Cron tick forgets, and when. Every table that grows with use has
 * a retention here (README.md, "What is kept, and for how long", lists them
 * with the ones that are kept for good). Deletes go in bounded pages, a few
 * per tick, so that a backlog is worked off over several minutes instead of
 * one statement that holds the database for long.
 */

import { MEMORY_MS } from "./memory.ts";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Handled delivery ids: long enough to recognise any platform's retries (Slack's last comes after an hour). */
const KEEP_EVENTS_MS = 7 * DAY_MS;
/** Shared digest renders: a render serves the period it was made for; a week covers late retries. */
const KEEP_RENDERS_MS = 7 * DAY_MS;
/**
 * The delivery ledger: longer than any queue message can live (at most 14
 * days with its retries), so a late copy of a job still finds its row.
 */
const KEEP_LEDGER_MS = 30 * DAY_MS;
/** Reminders that were sent or failed, counted from when they were due. */
const KEEP_FINISHED_REMINDERS_MS = 30 * DAY_MS;
/** Conversations with no question pending, counted from their last change. */
const KEEP_CONVERSATIONS_MS = 30 * DAY_MS;
/** Chats not seen for this long, unless a subscription still sends to them. */
const KEEP_CHATS_MS = 180 * DAY_MS;
/** Broadcasts, counted from when they were sent; their ledger rows go after KEEP_LEDGER_MS. */
const KEEP_BROADCASTS_MS = 30 * DAY_MS;
/** Leases of digest pages that were never released (their page job died); they lapsed long before. */
const KEEP_PAGE_LEASES_MS = DAY_MS;

/** Conversation memory of tier 2: a day of turns is context enough (src/store/memory.ts reads no older). */
const KEEP_MEMORY_MS = MEMORY_MS;
/** Model calls per user and day count for the day's budget only; a day longer covers zones and clocks. */
const KEEP_AI_CALLS_MS = 2 * DAY_MS;

/** How the tick pages through what it forgets: rows per delete, and deletes per table per tick. */
export interface PruneLimits {
  readonly rows: number;
  readonly pages: number;
}

export const PRUNE_LIMITS: PruneLimits = { rows: 500, pages: 4 };

/**
 * One bounded delete per table: `?1` is the cut-off, `?2` the page size, and
 * `?3` now where `usesNow` says so. Tables without a rowid (keyed by their
 * columns) delete by key.
 */
const DELETES: readonly {
  readonly table: string;
  readonly keepMs: number;
  readonly sql: string;
  readonly usesNow?: true;
}[] = [
  {
    table: "processed_events",
    keepMs: KEEP_EVENTS_MS,
    sql: `DELETE FROM processed_events WHERE (platform, bot, event_id) IN
          (SELECT platform, bot, event_id FROM processed_events WHERE received_at < ?1 LIMIT ?2)`,
  },
  {
    table: "digest_renders",
    keepMs: KEEP_RENDERS_MS,
    sql: `DELETE FROM digest_renders WHERE (bot, digest, args, period, locale) IN
          (SELECT bot, digest, args, period, locale FROM digest_renders WHERE created_at < ?1 LIMIT ?2)`,
  },
  {
    table: "deliveries",
    keepMs: KEEP_LEDGER_MS,
    sql: `DELETE FROM deliveries WHERE (job, period) IN
          (SELECT job, period FROM deliveries WHERE updated_at < ?1 LIMIT ?2)`,
  },
  {
    table: "reminders",
    keepMs: KEEP_FINISHED_REMINDERS_MS,
    sql: `DELETE FROM reminders WHERE rowid IN
          (SELECT rowid FROM reminders WHERE status IN ('sent', 'failed') AND due_at < ?1 LIMIT ?2)`,
  },
  {
    table: "conversations",
    keepMs: KEEP_CONVERSATIONS_MS,
    sql: `DELETE FROM conversations WHERE (bot, platform, chat_id, user_id) IN
          (SELECT bot, platform, chat_id, user_id FROM conversations
           WHERE updated_at < ?1 AND (question IS NULL OR CASE WHEN json_valid(question)
             THEN coalesce(question ->> '$.expiresAt', 0) < ?3 ELSE 1 END) LIMIT ?2)`,
    usesNow: true,
  },
  {
    table: "chats",
    keepMs: KEEP_CHATS_MS,
    sql: `DELETE FROM chats WHERE (bot, platform, chat_id) IN
          (SELECT bot, platform, chat_id FROM chats
           WHERE updated_at < ?1 AND NOT EXISTS (
             SELECT 1 FROM subscriptions
             WHERE subscriptions.bot = chats.bot AND subscriptions.platform = chats.platform
               AND subscriptions.chat_id = chats.chat_id AND subscriptions.status = 'active')
           LIMIT ?2)`,
  },
  {
    table: "broadcasts",
    keepMs: KEEP_BROADCASTS_MS,
    sql: "DELETE FROM broadcasts WHERE id IN (SELECT id FROM broadcasts WHERE created_at < ?1 LIMIT ?2)",
  },
  {
    table: "ai_memory",
    keepMs: KEEP_MEMORY_MS,
    sql: "DELETE FROM ai_memory WHERE id IN (SELECT id FROM ai_memory WHERE created_at < ?1 LIMIT ?2)",
  },
  {
    table: "ai_calls",
    keepMs: KEEP_AI_CALLS_MS,
    sql: `DELETE FROM ai_calls WHERE (bot, platform, user_id, day) IN
          (SELECT bot, platform, user_id, day FROM ai_calls WHERE day < ?1 LIMIT ?2)`,
  },
  {
    table: "digest_pages",
    keepMs: KEEP_PAGE_LEASES_MS,
    sql: "DELETE FROM digest_pages WHERE range IN (SELECT range FROM digest_pages WHERE lease_until < ?1 LIMIT ?2)",
  },
];

/**
 * Forgets what is past retention at `now`: up to `limits.pages` rounds, each
 * one D1 batch with one bounded delete per table that still had a full page.
 * Returns the rows deleted per table.
 */
export async function prune(db: D1Database, now: number, limits: PruneLimits = PRUNE_LIMITS) {
  const deleted = new Map<string, number>();
  let pending = DELETES;
  for (let round = 0; round < limits.pages && pending.length > 0; round++) {
    const results = await db.batch(
      pending.map((table) =>
        db.prepare(table.sql).bind(now - table.keepMs, limits.rows, ...(table.usesNow ? [now] : [])),
      ),
    );
    const changes = results.map((result) => result.meta.changes);
    pending.forEach((table, index) => {
      deleted.set(table.table, (deleted.get(table.table) ?? 0) + (changes[index] ?? 0));
    });
    pending = pending.filter((_, index) => (changes[index] ?? 0) >= limits.rows);
  }
  return deleted;
}
