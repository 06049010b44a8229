/**
 * What `/forget` erases (`Context.forgetUser`): every row kept about one
 * user of one bot on one platform, in one D1 batch, so that it is all gone
 * or nothing is. A table that keeps rows keyed to a user's id gets a line
 * here (and in README.md, "What is kept"). Rows under a pseudonym
 * (`usage_users`) name nobody and stay; so do the delivery ledger and the
 * handled delivery ids, which hold no user id. Kept files (their objects in
 * R2 and their rows in `files`) are erased in `ConversationStore.forget`,
 * before this batch (`forgetFiles`, src/store/files.ts).
 */
import type { Update } from "../core/update.ts";

/** Tables with rows keyed to a user's id (bot, platform, user_id). */
const USER_TABLES = [
  /** Their data and chosen language. */
  "users",
  /** Questions waiting for their answer, in every chat. */
  "conversations",
  "subscriptions",
  /** Sent or not: a sent reminder still holds its text for a while. */
  "reminders",
  /** Conversation memory for the model (tier 2). */
  "ai_memory",
  /** Their model calls per day, the daily budget's count. */
  "ai_calls",
  /** When they were told to slow down. */
  "rate_limit_notices",
] as const;

/**
 * The statements that erase the update's user, and the private chat they
 * asked from (its id is theirs): broadcasts stop reaching it until they
 * write again.
 */
export function forgetStatements(db: D1Database, update: Update): D1PreparedStatement[] {
  const statements = USER_TABLES.map((table) =>
    db
      .prepare(`DELETE FROM ${table} WHERE bot = ? AND platform = ? AND user_id = ?`)
      .bind(update.bot, update.platform, update.user.id),
  );
  if (update.chat.kind === "private") {
    statements.push(
      db
        .prepare("DELETE FROM chats WHERE bot = ? AND platform = ? AND chat_id = ? AND kind = 'private'")
        .bind(update.bot, update.platform, update.chat.id),
    );
  }
  return statements;
}
