/** D1 access for rate-limit notices: which delivery tells a flooding user to slow down. */
import type { Update } from "../core/update.ts";

/**
 * Claims the one notice of `windowStart` for the update's user: true for
 * exactly one caller per user and window, however many race for it (a
 * unique insert, exact across isolates and locations).
 */
export async function claimNotice(db: D1Database, update: Update, windowStart: number): Promise<boolean> {
  const result = await db
    .prepare(
      "INSERT INTO rate_limit_notices (window_start, bot, platform, user_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(windowStart, update.bot, update.platform, update.user.id)
    .run();
  return result.meta.changes > 0;
}
