/**
 * The emulated Telegram: a private chat between Ada and the bot, and the Bot
 * API on loopback. Messages, photos and documents (multipart, a URL or a
 * file_id), edits, deletions, reactions, "typing…", `getFile` and the file
 * URL answer as Telegram does (malformed HTML, overlong text and unknown
 * messages are refused the same way), and what the bot sends to Ada shows
 * in the chat, inline keyboards included.
 */
import type { InlineKeyboardButton, Message, Update, User } from "grammy/types";
import { z } from "zod";
import { commandMenu } from "../../../src/core/help.ts";
import { chatFile, type StoredFile } from "../files.ts";
import { parseJson } from "../http.ts";
import { telegramHtml } from "../markup.ts";
import { type ApiAnswer, type ApiCall, type LocalPlatform, NotAllowed, type PlatformContext } from "../platform.ts";
import type { Span } from "../protocol.ts";
import { CHAT, callbackUpdate, fileMessageUpdate, messageUpdate, USER, webhookHeaders } from "./deliveries.ts";
import { isPhoto, TelegramFiles } from "./files.ts";

const METHOD = /^\/bot([^/]+)\/(\w+)$/;
const FILE_URL = /^\/file\/bot([^/]+)\/(.+)$/;
/** How long one sendChatAction shows, unless a message comes first. */
const CHAT_ACTION_MS = 5000;
/** Telegram's limits: a message's text once its entities are parsed, and a button's callback data in bytes. */
const MESSAGE_LIMIT = 4096;
const CAPTION_LIMIT = 1024;
const CALLBACK_DATA_BYTES = 64;

const ChatId = z.union([z.number(), z.string()]);
const MessageId = z.coerce.number().int();

const ReplyMarkup = z
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
  .optional();

const SendMessage = z.object({
  chat_id: ChatId,
  text: z.string(),
  parse_mode: z.literal("HTML").optional(),
  reply_markup: ReplyMarkup,
});

/** sendPhoto and sendDocument: the file is a file_id, a URL, or `attach://<part>` naming a multipart part. */
const SendFile = z.object({
  chat_id: ChatId,
  caption: z.string().default(""),
  parse_mode: z.literal("HTML").optional(),
  reply_markup: ReplyMarkup,
});

const EditText = z.object({
  chat_id: ChatId,
  message_id: MessageId,
  text: z.string(),
  parse_mode: z.literal("HTML").optional(),
  reply_markup: ReplyMarkup,
});

const EditCaption = z.object({
  chat_id: ChatId,
  message_id: MessageId,
  caption: z.string().default(""),
  parse_mode: z.literal("HTML").optional(),
  reply_markup: ReplyMarkup,
});

const MessageRef = z.object({ chat_id: ChatId, message_id: MessageId });
const Reaction = MessageRef.extend({
  reaction: z.array(z.object({ type: z.literal("emoji"), emoji: z.string() })).default([]),
});
const ChatAction = z.object({ chat_id: ChatId, action: z.string() });
const GetFile = z.object({ file_id: z.string() });
const GetChatMember = z.object({ chat_id: ChatId, user_id: z.coerce.number().int() });

/** A call's parameters: JSON, or multipart fields (whose objects come as JSON text). */
function paramsOf(call: ApiCall): unknown {
  if (!call.form) return parseJson(call.body || "{}");
  const params: Record<string, unknown> = {};
  for (const [name, value] of call.form) {
    if (typeof value !== "string") continue;
    params[name] = /^[[{]/.test(value) ? (parseJson(value) ?? value) : value;
  }
  return params;
}

function invalid(error: z.ZodError): ApiAnswer {
  const [issue] = error.issues;
  return refuse(400, `Bad Request: ${issue?.path.join(".") ?? ""} is invalid`);
}

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
  const files = new TelegramFiles();
  /** Every message in Ada's chat as sent, whoever sent it: for button presses, edits and deletions. */
  const messages = new Map<number, Message>();
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

  /** The text as Telegram's app shows it, or Telegram's refusal. */
  function readText(text: string, parseMode: "HTML" | undefined, limit: number): { spans: Span[] } | ApiAnswer {
    const read = parseMode === "HTML" ? telegramHtml(text) : { spans: [{ text }] };
    if ("error" in read) return refuse(400, `Bad Request: ${read.error}`);
    const plain = read.spans.map((span) => span.text).join("");
    if (plain.length > limit)
      return refuse(400, `Bad Request: message ${limit === MESSAGE_LIMIT ? "is" : "caption is"} too long`);
    return read;
  }

  const plainOf = (spans: readonly Span[]) => spans.map((span) => span.text).join("");

  function buttonsOf(keyboard: readonly InlineKeyboardButton.CallbackButton[][]) {
    return keyboard.map((row, r) => row.map((button, c) => ({ id: `${r}:${c}`, label: button.text })));
  }

  /** A new message from the bot; one for another chat (a delivery made with curl, say) shows in the traffic list only. */
  function sendOut(
    chatId: string | number,
    content: Partial<Message>,
    view: { spans: Span[]; keyboard: InlineKeyboardButton.CallbackButton[][]; asks?: boolean; file?: StoredFile },
  ): ApiAnswer {
    if (!/^-?\d+$/.test(String(chatId))) return refuse(400, "Bad Request: chat not found");
    const ours = String(chatId) === String(CHAT.id);
    const message = {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: ours ? CHAT : { id: Number(chatId), type: "private", first_name: "Someone" },
      from: me,
      ...content,
      ...(view.keyboard.length ? { reply_markup: { inline_keyboard: view.keyboard } } : {}),
    } as Message;
    if (!ours) return ok(message);
    messages.set(message.message_id, message);
    session.addMessage("telegram", {
      id: String(message.message_id),
      from: "bot",
      spans: view.spans,
      buttons: buttonsOf(view.keyboard),
      ...(view.file ? { files: [chatFile(view.file)] } : {}),
      ...(view.asks ? { asks: true } : {}),
    });
    return ok(message);
  }

  function sendMessage(payload: unknown): ApiAnswer {
    const parsed = SendMessage.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    const { chat_id: chatId, text, parse_mode: parseMode, reply_markup: markup } = parsed.data;
    const read = readText(text, parseMode, MESSAGE_LIMIT);
    if (!("spans" in read)) return read;
    if (plainOf(read.spans).trim() === "") return refuse(400, "Bad Request: message text is empty");
    const keyboard = markup?.inline_keyboard ?? [];
    return sendOut(
      chatId,
      { text: plainOf(read.spans) },
      { spans: read.spans, keyboard, ...(markup?.force_reply ? { asks: true } : {}) },
    );
  }

  /** The file a sendPhoto or sendDocument names: an uploaded part, a file Telegram knows, or a URL it fetches. */
  async function sourceFile(call: ApiCall, field: string, value: unknown): Promise<StoredFile | undefined> {
    if (typeof value !== "string") return undefined;
    const part = value.startsWith("attach://")
      ? call.form?.get(value.slice("attach://".length))
      : call.form?.get(field);
    if (part && typeof part !== "string") {
      return session.files.put(
        part.name,
        part.type || "application/octet-stream",
        new Uint8Array(await part.arrayBuffer()),
      );
    }
    const known = files.stored(value);
    if (known) return known;
    if (!/^https?:\/\//.test(value)) return undefined;
    try {
      const response = await fetch(value, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) return undefined;
      const name = decodeURIComponent(new URL(value).pathname.split("/").at(-1) || "file");
      const mime = response.headers.get("content-type")?.split(";")[0] ?? "application/octet-stream";
      return session.files.put(name, mime, new Uint8Array(await response.arrayBuffer()));
    } catch {
      return undefined;
    }
  }

  async function sendFile(call: ApiCall, kind: "photo" | "document"): Promise<ApiAnswer> {
    const payload = paramsOf(call);
    const parsed = SendFile.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    const { chat_id: chatId, caption, parse_mode: parseMode, reply_markup: markup } = parsed.data;
    const given =
      typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>)[kind] : undefined;
    const stored = await sourceFile(call, kind, given);
    if (!stored) return refuse(400, "Bad Request: wrong file identifier/HTTP URL specified");
    const read = readText(caption, parseMode, CAPTION_LIMIT);
    if (!("spans" in read)) return read;
    const content = kind === "photo" ? { photo: [files.photo(stored)] } : { document: files.document(stored) };
    const text = plainOf(read.spans);
    return sendOut(
      chatId,
      { ...content, ...(text ? { caption: text } : {}) },
      { spans: read.spans, keyboard: markup?.inline_keyboard ?? [], file: stored },
    );
  }

  /** The bot's message `id` in Ada's chat, or Telegram's refusal. */
  function editable(chatId: string | number, id: number): Message | ApiAnswer {
    const message = String(chatId) === String(CHAT.id) ? messages.get(id) : undefined;
    if (!message) return refuse(400, "Bad Request: message to edit not found");
    if (message.from?.id !== me.id) return refuse(400, "Bad Request: message can't be edited");
    return message;
  }

  function notModified(): ApiAnswer {
    return refuse(
      400,
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
  }

  function edit(
    message: Message,
    changes: Partial<Message>,
    view: { spans: Span[]; keyboard: InlineKeyboardButton.CallbackButton[][] },
  ): ApiAnswer {
    const keyboard = view.keyboard.length ? { reply_markup: { inline_keyboard: view.keyboard } } : {};
    const { reply_markup: _old, ...rest } = message;
    const edited = { ...rest, ...changes, ...keyboard, edit_date: Math.floor(Date.now() / 1000) } as Message;
    if (JSON.stringify({ ...message, edit_date: 0 }) === JSON.stringify({ ...edited, edit_date: 0 }))
      return notModified();
    messages.set(message.message_id, edited);
    session.editMessage("telegram", String(message.message_id), {
      spans: view.spans,
      buttons: buttonsOf(view.keyboard),
      edited: true,
    });
    return ok(edited);
  }

  function editMessageText(payload: unknown): ApiAnswer {
    const parsed = EditText.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    const { chat_id: chatId, message_id: id, text, parse_mode: parseMode, reply_markup: markup } = parsed.data;
    const message = editable(chatId, id);
    if (!("message_id" in message)) return message;
    if (message.text === undefined) return refuse(400, "Bad Request: there is no text in the message to edit");
    const read = readText(text, parseMode, MESSAGE_LIMIT);
    if (!("spans" in read)) return read;
    if (plainOf(read.spans).trim() === "") return refuse(400, "Bad Request: message text is empty");
    return edit(message, { text: plainOf(read.spans) }, { spans: read.spans, keyboard: markup?.inline_keyboard ?? [] });
  }

  function editMessageCaption(payload: unknown): ApiAnswer {
    const parsed = EditCaption.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    const { chat_id: chatId, message_id: id, caption, parse_mode: parseMode, reply_markup: markup } = parsed.data;
    const message = editable(chatId, id);
    if (!("message_id" in message)) return message;
    if (message.text !== undefined) return refuse(400, "Bad Request: there is no caption in the message to edit");
    const read = readText(caption, parseMode, CAPTION_LIMIT);
    if (!("spans" in read)) return read;
    const text = plainOf(read.spans);
    return edit(message, text ? { caption: text } : {}, { spans: read.spans, keyboard: markup?.inline_keyboard ?? [] });
  }

  function deleteMessage(payload: unknown): ApiAnswer {
    const parsed = MessageRef.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    const { chat_id: chatId, message_id: id } = parsed.data;
    if (String(chatId) !== String(CHAT.id) || !messages.delete(id)) {
      return refuse(400, "Bad Request: message to delete not found");
    }
    session.removeMessage("telegram", String(id));
    return ok(true);
  }

  function setMessageReaction(payload: unknown): ApiAnswer {
    const parsed = Reaction.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    const { chat_id: chatId, message_id: id, reaction } = parsed.data;
    if (String(chatId) !== String(CHAT.id) || !messages.has(id)) return refuse(400, "Bad Request: MESSAGE_ID_INVALID");
    for (const { emoji } of reaction) session.react("telegram", String(id), emoji);
    return ok(true);
  }

  function sendChatAction(payload: unknown): ApiAnswer {
    const parsed = ChatAction.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    if (String(parsed.data.chat_id) === String(CHAT.id) && parsed.data.action === "typing") {
      session.showWorking("telegram", "Concierge is typing…", CHAT_ACTION_MS);
    }
    return ok(true);
  }

  function getFile(payload: unknown): ApiAnswer {
    const parsed = GetFile.safeParse(payload);
    const file = parsed.success ? files.file(parsed.data.file_id) : undefined;
    return file ? ok(file) : refuse(400, "Bad Request: invalid file_id");
  }

  /** In Ada's private chat with the bot, she is a member (Telegram has no admins there) and the bot is the other one. */
  function getChatMember(payload: unknown): ApiAnswer {
    const parsed = GetChatMember.safeParse(payload);
    if (!parsed.success) return invalid(parsed.error);
    if (String(parsed.data.chat_id) !== String(CHAT.id)) return refuse(400, "Bad Request: chat not found");
    if (parsed.data.user_id === USER.id) return ok({ status: "member", user: USER });
    if (parsed.data.user_id === me.id) return ok({ status: "member", user: me });
    return refuse(400, "Bad Request: user not found");
  }

  function serveFile(call: ApiCall): ApiAnswer {
    const [, callToken, path = ""] = FILE_URL.exec(call.path) ?? [];
    const stored = callToken === token ? files.atPath(path) : undefined;
    return stored ? { status: 200, body: stored.bytes, contentType: stored.mime } : refuse(404, "Not Found");
  }

  return {
    name: "telegram",
    identity: { userId: String(USER.id), chatId: String(CHAT.id) },
    async say(text) {
      const messageId = nextMessageId++;
      const update = messageUpdate(messageId, text);
      if (update.message) messages.set(messageId, update.message);
      session.addMessage("telegram", { id: String(messageId), from: "user", spans: [{ text }], buttons: [] });
      return deliver(update, `message ${text}`);
    },
    async upload(upload, caption) {
      const messageId = nextMessageId++;
      const stored = session.files.put(upload.name, upload.mime, upload.bytes);
      const photo = isPhoto(upload.mime);
      const update = fileMessageUpdate(
        messageId,
        caption,
        photo ? { photo: files.photo(stored) } : { document: files.document(stored) },
      );
      if (update.message) messages.set(messageId, update.message);
      session.addMessage("telegram", {
        id: String(messageId),
        from: "user",
        spans: caption ? [{ text: caption }] : [],
        buttons: [],
        files: [chatFile(stored)],
      });
      return deliver(update, `${photo ? "photo" : "document"} ${upload.name}${caption ? ` ${caption}` : ""}`);
    },
    async pick() {
      throw new NotAllowed("Telegram has no drop-downs: a bot offers choices as buttons");
    },
    async press(messageId, buttonId) {
      const message = messages.get(Number(messageId));
      const [row = -1, column = -1] = buttonId.split(":").map(Number);
      const button = message?.reply_markup?.inline_keyboard[row]?.[column];
      if (!message || !button || !("callback_data" in button)) throw new NotAllowed("No such button");
      return deliver(callbackUpdate(message, button.callback_data), `button ${button.text}`);
    },
    async api(call: ApiCall) {
      if (call.method === "GET" && FILE_URL.test(call.path)) return serveFile(call);
      const match = METHOD.exec(call.path);
      if (!match) return refuse(404, "Not Found");
      const [, callToken, method] = match;
      if (callToken !== token) return refuse(401, "Unauthorized");
      // grammY sends a method without parameters with an empty body, and files as multipart.
      const payload = paramsOf(call);
      switch (method) {
        case "getMe":
          return ok(me);
        case "sendMessage":
          return sendMessage(payload);
        case "sendPhoto":
          return sendFile(call, "photo");
        case "sendDocument":
          return sendFile(call, "document");
        case "editMessageText":
          return editMessageText(payload);
        case "editMessageCaption":
          return editMessageCaption(payload);
        case "deleteMessage":
          return deleteMessage(payload);
        case "setMessageReaction":
          return setMessageReaction(payload);
        case "sendChatAction":
          return sendChatAction(payload);
        case "getFile":
          return getFile(payload);
        case "getChatMember":
          return getChatMember(payload);
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
