/** Builds Telegram webhook deliveries and reads what the bot sent back. */
import { TEST_SECRETS } from "../secrets.ts";
import type { Outbound, OutboundCall } from "./outbound.ts";
import { deliver } from "./worker.ts";

export const TELEGRAM_API = "https://api.telegram.org";
export const BOT_ID = 4242;
export const BOT_USERNAME = "concierge_test_bot";

let nextUpdateId = 1000;
export const freshUpdateId = (): number => nextUpdateId++;

export interface MessageOptions {
  readonly text: string;
  readonly chatId?: number;
  readonly userId?: number;
  readonly firstName?: string;
  readonly group?: boolean;
  readonly updateId?: number;
  readonly replyToBot?: boolean;
  /** The language of the user's Telegram app, as `from.language_code`. */
  readonly languageCode?: string;
  /** Starts the text with the bot's @username, marked as a mention. */
  readonly mention?: boolean;
}

export function messageUpdate(options: MessageOptions): Record<string, unknown> {
  const userId = options.userId ?? 7;
  const chatId = options.chatId ?? (options.group ? -100 : userId);
  const mention = `@${BOT_USERNAME}`;
  const text = options.mention ? `${mention} ${options.text}` : options.text;
  const entities = options.mention
    ? [{ type: "mention", offset: 0, length: mention.length }]
    : text.startsWith("/")
      ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]?.length ?? 1 }]
      : [];
  return {
    update_id: options.updateId ?? freshUpdateId(),
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      date: 1_700_000_000,
      chat: options.group ? { id: chatId, type: "supergroup", title: "Test group" } : { id: chatId, type: "private" },
      from: {
        id: userId,
        is_bot: false,
        first_name: options.firstName ?? "Ann",
        ...(options.languageCode ? { language_code: options.languageCode } : {}),
      },
      text,
      entities,
      ...(options.replyToBot
        ? {
            reply_to_message: {
              message_id: 1,
              date: 0,
              chat: { id: chatId, type: "supergroup" },
              from: { id: BOT_ID, is_bot: true, first_name: "Concierge" },
            },
          }
        : {}),
    },
  };
}

export function callbackUpdate(
  data: string,
  options: { userId?: number; chatId?: number; languageCode?: string } = {},
): Record<string, unknown> {
  const userId = options.userId ?? 7;
  return {
    update_id: freshUpdateId(),
    callback_query: {
      id: `cb-${freshUpdateId()}`,
      chat_instance: "1",
      from: {
        id: userId,
        is_bot: false,
        first_name: "Ann",
        ...(options.languageCode ? { language_code: options.languageCode } : {}),
      },
      data,
      message: { message_id: 55, date: 0, chat: { id: options.chatId ?? userId, type: "private" } },
    },
  };
}

export function telegramRequest(
  update: unknown,
  options: { bot?: string; secret?: string | null; body?: string } = {},
): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const secret = options.secret === undefined ? TEST_SECRETS.TELEGRAM_WEBHOOK_SECRET : options.secret;
  if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
  return new Request(`https://parley.test/webhooks/telegram/${options.bot ?? "concierge"}`, {
    method: "POST",
    headers,
    body: options.body ?? JSON.stringify(update),
  });
}

/** Sends a message to the concierge bot on Telegram and waits until it is handled. */
export function sendTelegram(options: MessageOptions | string): Promise<Response> {
  return deliver(telegramRequest(messageUpdate(typeof options === "string" ? { text: options } : options)));
}

/** Stubs the Bot API: every method succeeds; getMe names the bot. */
export function stubTelegramApi(outbound: Outbound): Outbound {
  return outbound.on(TELEGRAM_API, (call) => {
    if (call.url.pathname.endsWith("/getMe")) {
      return Response.json({
        ok: true,
        result: { id: BOT_ID, is_bot: true, first_name: "Concierge", username: BOT_USERNAME },
      });
    }
    return Response.json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } });
  });
}

/**
 * Answers `getChatMember` with each user's status in every group (`creator`,
 * `administrator`, `member`; `member` for users not named). Register it
 * before `stubTelegramApi`, whose catch-all would answer first.
 */
export function stubChatMembers(outbound: Outbound, statuses: Readonly<Record<number, string>>): Outbound {
  return outbound.on(`${TELEGRAM_API}/bot${TEST_SECRETS.TELEGRAM_BOT_TOKEN}/getChatMember`, (call) => {
    const userId = Number((call.json as { user_id?: number } | undefined)?.user_id);
    const status = Object.hasOwn(statuses, userId) ? statuses[userId] : "member";
    return Response.json({ ok: true, result: { status, user: { id: userId, is_bot: false, first_name: "U" } } });
  });
}

/** The `sendMessage` calls made, with their payloads. */
export function sentMessages(
  outbound: Outbound,
): { chat_id: string; text: string; reply_markup?: unknown; call: OutboundCall }[] {
  return outbound.to("/sendMessage").map((call) => ({ ...(call.json as { chat_id: string; text: string }), call }));
}

/** The texts the bot sent, in order. */
export function sentTexts(outbound: Outbound): string[] {
  return sentMessages(outbound).map((message) => message.text);
}
