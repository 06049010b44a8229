/**
 * Telegram's side of a delivery: updates shaped as the Bot API sends them
 * (checked against grammY's types) and the secret-token header Telegram adds
 * to every webhook call. Written from Telegram's documentation rather than
 * from Parley's adapter, so that the emulator checks the adapter instead of
 * agreeing with it.
 */
import type { Chat, Document, Message, PhotoSize, Update, User } from "grammy/types";

/** The header Telegram sends the webhook's `secret_token` back in. */
const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

export const USER: User = {
  id: 100001,
  is_bot: false,
  first_name: "Ada",
  last_name: "Lovelace",
  username: "ada",
  language_code: "en",
};

export const CHAT: Chat.PrivateChat = {
  id: USER.id,
  type: "private",
  first_name: "Ada",
  last_name: "Lovelace",
  username: "ada",
};

/** From the clock, so that ids stay new across restarts (the Worker ignores ids it handled in the last week). */
let nextUpdateId = Date.now();

const now = (): number => Math.floor(Date.now() / 1000);

/** The entity Telegram marks a leading command with, in a text or a caption. */
function commandEntities(text: string) {
  const command = /^\/\S+/.exec(text)?.[0];
  return command ? [{ type: "bot_command" as const, offset: 0, length: command.length }] : [];
}

/** A new message from the local user, of `content` (its words or file, and their entities). */
function messageFrom(
  messageId: number,
  content: Pick<Message, "text" | "entities" | "photo" | "document" | "caption" | "caption_entities">,
): Update {
  return {
    update_id: nextUpdateId++,
    message: { message_id: messageId, date: now(), chat: CHAT, from: USER, ...content },
  };
}

export function messageUpdate(messageId: number, text: string): Update {
  const entities = commandEntities(text);
  return messageFrom(messageId, { text, ...(entities.length ? { entities } : {}) });
}

/** A photo or a document sent with `caption` as its words. */
export function fileMessageUpdate(
  messageId: number,
  caption: string,
  file: { readonly photo: PhotoSize } | { readonly document: Document },
): Update {
  const entities = commandEntities(caption);
  return messageFrom(messageId, {
    ...("photo" in file ? { photo: [file.photo] } : { document: file.document }),
    ...(caption ? { caption } : {}),
    ...(entities.length ? { caption_entities: entities } : {}),
  });
}

/** A press on an inline keyboard button of `message`, whose callback data is `data`. */
export function callbackUpdate(message: Message, data: string): Update {
  const id = nextUpdateId++;
  return {
    update_id: id,
    callback_query: { id: String(id), from: USER, message, chat_instance: String(-CHAT.id), data },
  };
}

export function webhookHeaders(secret: string): Record<string, string> {
  return { "content-type": "application/json", [SECRET_HEADER]: secret };
}
