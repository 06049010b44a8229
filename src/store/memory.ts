/**
 * Conversation memory for tier 2 (migrations/0008_ai.sql): the last turns
 * of one user in one chat, sent to the model as context with their next
 * message that tier 1 cannot place. Bounded twice: at most `MAX_TURNS` per
 * chat and user (each write drops older ones), and nothing older than
 * `MEMORY_MS` is read (the Cron tick deletes it, src/store/retention.ts).
 */
import * as z from "zod";
import type { Update } from "../core/update.ts";

/** One message: the user's, or what the bot answered. */
export interface Turn {
  readonly role: "user" | "assistant";
  readonly text: string;
}

/** Messages kept per chat and user: six exchanges. */
export const MAX_TURNS = 12;
export const MEMORY_MS = 24 * 60 * 60 * 1000;
/** The longest text a turn keeps: enough to follow a conversation, never a pasted essay. */
const MAX_TURN_CHARS = 1000;

const TurnRow = z.object({ role: z.enum(["user", "assistant"]), text: z.string() });

const KEY = "bot = ? AND platform = ? AND chat_id = ? AND user_id = ?";

function keyOf(update: Update): [string, string, string, string] {
  return [update.bot, update.platform, update.chat.id, update.user.id];
}

/** The update's chat and user's turns of the last `MEMORY_MS` before `now`, newest last (read with `turnsOf`). */
export function recallStatement(db: D1Database, update: Update, now: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT role, text FROM (SELECT id, role, text FROM ai_memory WHERE ${KEY} AND created_at > ?
       ORDER BY id DESC LIMIT ?) ORDER BY id`,
    )
    .bind(...keyOf(update), now - MEMORY_MS, MAX_TURNS);
}

/** The turns a `recallStatement` found; a row that does not read as one is left out. */
export function turnsOf(result: D1Result | undefined): Turn[] {
  return (result?.results ?? []).flatMap((row) => {
    const turn = TurnRow.safeParse(row);
    return turn.success ? [turn.data] : [];
  });
}

/** Adds `turns` (oldest first) to the chat and user's memory and drops all but the newest `MAX_TURNS`. */
export async function remember(db: D1Database, update: Update, turns: readonly Turn[], now: number): Promise<void> {
  const key = keyOf(update);
  await db.batch([
    ...turns.map((turn) =>
      db
        .prepare(
          "INSERT INTO ai_memory (bot, platform, chat_id, user_id, role, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(...key, turn.role, [...turn.text].slice(0, MAX_TURN_CHARS).join(""), now),
    ),
    db
      .prepare(
        `DELETE FROM ai_memory WHERE ${KEY} AND id NOT IN
         (SELECT id FROM ai_memory WHERE ${KEY} ORDER BY id DESC LIMIT ?)`,
      )
      .bind(...key, ...key, MAX_TURNS),
  ]);
}
