/**
 * D1 access for broadcasts: one message an operator sends to every chat of
 * a bot. The chats are walked in key order, a page at a time; the broadcast
 * row remembers the last chat queued, so that only one copy of a page job
 * moves the walk on.
 */
import * as z from "zod";
import { checkRows } from "./rows.ts";

const Platform = z.string().min(1);

const Broadcast = z.object({
  id: z.number(),
  bot: z.string(),
  platform: Platform.nullable(),
  text: z.string(),
  after_platform: z.string(),
  after_chat: z.string(),
});
export type Broadcast = z.infer<typeof Broadcast>;

const Created = z.object({ id: z.number(), chats: z.number() });
const ChatKey = z.object({ platform: Platform, chat_id: z.string() });

/** A position in the walk over a bot's chats: after this chat (the empty key is the start). */
export interface ChatCursor {
  readonly platform: string;
  readonly chatId: string;
}

export const START: ChatCursor = { platform: "", chatId: "" };

export class BroadcastStore {
  private readonly db: D1Database;

  constructor(db: D1Database) {
    this.db = db;
  }

  /** Records a broadcast to every chat of `bot` (on `platform`, or on all), counting them, in one statement. */
  async create(init: { bot: string; platform: string | null; text: string; now: number }) {
    const row = await this.db
      .prepare(
        `INSERT INTO broadcasts (bot, platform, text, chats, created_at)
         SELECT ?1, ?2, ?3, count(*), ?4 FROM chats WHERE bot = ?1 AND (?2 IS NULL OR platform = ?2)
         RETURNING id, chats`,
      )
      .bind(init.bot, init.platform, init.text, init.now)
      .first();
    return Created.parse(row);
  }

  async broadcasts(ids: readonly number[]): Promise<Map<number, Broadcast>> {
    if (ids.length === 0) return new Map();
    const { results } = await this.db
      .prepare(
        `SELECT id, bot, platform, text, after_platform, after_chat FROM broadcasts
         WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .bind(JSON.stringify(ids))
      .all();
    return checkRows(Broadcast, results).rows;
  }

  /** Up to `limit` chats of the broadcast's bot after `after`, in key order. */
  async chatsAfter(
    broadcast: Broadcast,
    after: ChatCursor,
    limit: number,
  ): Promise<{ platform: string; chatId: string }[]> {
    const { results } = await this.db
      .prepare(
        `SELECT platform, chat_id FROM chats
         WHERE bot = ?1 AND (?2 IS NULL OR platform = ?2) AND (platform, chat_id) > (?3, ?4)
         ORDER BY platform, chat_id LIMIT ?5`,
      )
      .bind(broadcast.bot, broadcast.platform, after.platform, after.chatId, limit)
      .all();
    // Chats are written by the webhook route from verified updates; a row of another shape is skipped.
    return results.flatMap((result) => {
      const chat = ChatKey.safeParse(result);
      return chat.success ? [{ platform: chat.data.platform, chatId: chat.data.chat_id }] : [];
    });
  }

  /** Moves the walk from `from` to `to`; false when another copy of the page job already did. */
  async advance(id: number, from: ChatCursor, to: ChatCursor): Promise<boolean> {
    const result = await this.db
      .prepare(
        `UPDATE broadcasts SET after_platform = ?, after_chat = ?
         WHERE id = ? AND after_platform = ? AND after_chat = ?`,
      )
      .bind(to.platform, to.chatId, id, from.platform, from.chatId)
      .run();
    return result.meta.changes > 0;
  }
}
