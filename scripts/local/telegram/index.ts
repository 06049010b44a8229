/**
 * The emulated Telegram: a private chat between Ada and the bot, and the Bot
 * API on loopback. `getMe`, `sendMessage` and `answerCallbackQuery` answer
 * as Telegram does (malformed HTML and overlong text are refused the same
 * way), and what the bot sends to Ada shows in the chat, inline keyboards
 * included.
 */
import type { InlineKeyboardButton, Message, Update, User } from "grammy/types";
import { z } from "zod";
import { commandMenu } from "../../../src/core/help.ts";
import { parseJson } from "../http.ts";
import { telegramHtml } from "../markup.ts";
import { type ApiAnswer, type ApiCall, type LocalPlatform, NotAllowed, type PlatformContext } from "../platform.ts";
import { CHAT, callbackUpdate, messageUpdate, USER, webhookHeaders } from "./deliveries.ts";

const METHOD = /^\/bot([^/]+)\/(\w+)$/;
/** Telegram's limits: a message's text once its entities are parsed, and a button's callback data in bytes. */
const MESSAGE_LIMIT = 4096;
const CALLBACK_DATA_BYTES = 64;

const SendMessage = z.object({
  chat_id: z.union([z.number(), z.string()]),
  text: z.string(),
  parse_mode: z.literal("HTML").optional(),
  reply_markup: z
    .object({
      inline_keyboard: z
        .array(
          z.array(
            z.object({
              text: z.string().min(1),
              // Telegram answers BUTTON_DATA_INVALID outside of this.
              callback_data: z.string().refine((data) => {
                const bytes = Buffer.byteLength(data);
                return bytes >= 1 && bytes <= CALLBACK_DATA_BYTES;
              }),
            }),
          ),
        )
        .optional(),
      force_reply: z.boolean().optional(),
    })
    .optional(),
});

function ok(result: unknown): ApiAnswer {
  return { status: 200, body: { ok: true, result } };
}

function refuse(status: number, description: string): ApiAnswer {
  return { status, body: { ok: false, error_code: status, description } };
}

export function createTelegram(context: PlatformContext): LocalPlatform {
  const { session } = context;
  const token = context.secret("TELEGRAM_BOT_TOKEN");
  const secret = context.secret("TELEGRAM_WEBHOOK_SECRET");
  const me: User = {
    id: Number(token.split(":", 1)[0]),
    is_bot: true,
    first_name: "Concierge",
    username: `${context.bot.name}_local_bot`,
  };
  /** The bot's messages as sent, for the callback queries of their buttons. */
  const sent = new Map<string, Message>();
  /** Message ids count up in a chat, whoever writes. */
  let nextMessageId = 1;
  session.openChat(
    "telegram",
    "Concierge",
    commandMenu(context.bot, context.bot.defaultLocale).map((entry) => ({
      insert: `/${entry.command} `,
      usage: `/${entry.command}`,
      description: entry.description,
    })),
  );

  async function deliver(update: Update, title: string): Promise<string> {
    const body = JSON.stringify(update);
    const eventId = String(update.update_id);
    return (await context.deliver({ title, eventId, headers: webhookHeaders(secret), body })).entryId;
  }

  function sendMessage(payload: unknown): ApiAnswer {
    const parsed = SendMessage.safeParse(payload);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      return refuse(400, `Bad Request: ${issue?.path.join(".") ?? ""} is invalid`);
    }
    const { chat_id: chatId, text, parse_mode: parseMode, reply_markup: markup } = parsed.data;
    if (!/^-?\d+$/.test(String(chatId))) return refuse(400, "Bad Request: chat not found");
    const read = parseMode === "HTML" ? telegramHtml(text) : { spans: [{ text }] };
    if ("error" in read) return refuse(400, `Bad Request: ${read.error}`);
    const plain = read.spans.map((span) => span.text).join("");
    if (plain.trim() === "") return refuse(400, "Bad Request: message text is empty");
    if (plain.length > MESSAGE_LIMIT) return refuse(400, "Bad Request: message is too long");
    const keyboard: InlineKeyboardButton.CallbackButton[][] = markup?.inline_keyboard ?? [];
    // Another chat (a delivery made with curl, say) is answered too, and shows in the traffic list only.
    const ours = String(chatId) === String(CHAT.id);
    const message: Message = {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: ours ? CHAT : { id: Number(chatId), type: "private", first_name: "Someone" },
      from: me,
      text: plain,
      ...(keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {}),
    };
    if (!ours) return ok(message);
    sent.set(String(message.message_id), message);
    session.addMessage("telegram", {
      id: String(message.message_id),
      from: "bot",
      spans: read.spans,
      buttons: keyboard.map((row, r) => row.map((button, c) => ({ id: `${r}:${c}`, label: button.text }))),
      ...(markup?.force_reply ? { asks: true } : {}),
    });
    return ok(message);
  }

  return {
    name: "telegram",
    identity: { userId: String(USER.id), chatId: String(CHAT.id) },
    async say(text) {
      const messageId = nextMessageId++;
      session.addMessage("telegram", { id: String(messageId), from: "user", spans: [{ text }], buttons: [] });
      return deliver(messageUpdate(messageId, text), `message ${text}`);
    },
    async press(messageId, buttonId) {
      const message = sent.get(messageId);
      const [row = -1, column = -1] = buttonId.split(":").map(Number);
      const button = message?.reply_markup?.inline_keyboard[row]?.[column];
      if (!message || !button || !("callback_data" in button)) throw new NotAllowed("No such button");
      return deliver(callbackUpdate(message, button.callback_data), `button ${button.text}`);
    },
    api(call: ApiCall) {
      const match = METHOD.exec(call.path);
      if (!match) return refuse(404, "Not Found");
      const [, callToken, method] = match;
      if (callToken !== token) return refuse(401, "Unauthorized");
      // grammY sends a method without parameters with an empty body.
      const payload = parseJson(call.body || "{}");
      switch (method) {
        case "getMe":
          return ok(me);
        case "sendMessage":
          return sendMessage(payload);
        case "answerCallbackQuery":
        case "setWebhook":
        case "setMyCommands":
          return ok(true);
        default:
          return refuse(404, "Not Found");
      }
    },
  };
}
