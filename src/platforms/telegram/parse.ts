/**
 * Telegram updates to neutral updates. Only the fields Parley reads are
 * validated; a payload without them is not a Telegram update (400), and a
 * kind of update the bot does not handle is answered 200 and dropped.
 */
import * as z from "zod";
import type { AboutMessage, Attachment, CommandInvocation, FileKind, Update } from "../../core/update.ts";

const TgUser = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  /** The language of the user's Telegram app (`de`, `en`), when Telegram says. */
  language_code: z.string().optional(),
});

const TgChat = z.object({
  id: z.number().int(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
  title: z.string().optional(),
});

const TgEntity = z.object({ type: z.string(), offset: z.number().int(), length: z.number().int() });

/** What the file fields of a message share (a photo has no name or type: each size is a JPEG). */
const TgFile = z.object({
  file_id: z.string().min(1),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
});

const TgMessage = z.object({
  message_id: z.number().int(),
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
  from: TgUser.optional(),
  chat: TgChat,
  text: z.string().optional(),
  entities: z.array(TgEntity).optional(),
  /** A file's caption, and its entities: the message's text where there is a file. */
  caption: z.string().optional(),
  caption_entities: z.array(TgEntity).optional(),
  /** The sizes of a photo, smallest first. */
  photo: z.array(TgFile).optional(),
  document: TgFile.optional(),
  audio: TgFile.optional(),
  voice: TgFile.optional(),
  video: TgFile.optional(),
  /** The message this one answers: whose it is, and its words for a reminder about it. */
  reply_to_message: z
    .object({
      message_id: z.number().int(),
      from: TgUser.optional(),
      text: z.string().optional(),
      caption: z.string().optional(),
    })
    .optional(),
});

const TgCallbackQuery = z.object({
  id: z.string(),
  from: TgUser,
  data: z.string().optional(),
  message: TgMessage.pick({ message_id: true, chat: true, message_thread_id: true, is_topic_message: true }).optional(),
});

/** The subset of grammY's `Update` type that Parley reads. */
export const TgUpdate = z.object({
  update_id: z.number().int().nonnegative(),
  message: TgMessage.optional(),
  callback_query: TgCallbackQuery.optional(),
});

export type TgUpdate = z.infer<typeof TgUpdate>;
type TgUser = z.infer<typeof TgUser>;
type TgMessage = z.infer<typeof TgMessage>;

/** What the parser needs to know about the bot itself. */
export interface TelegramIdentity {
  /** The bot's user id: the number before the colon in its token. */
  readonly botId: number;
  /** Looked up only when a message names a bot (`/help@name`, `@name`). */
  username(): Promise<string | undefined>;
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/;

function displayName(user: TgUser): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

function localeOf(user: TgUser): { locale?: string } {
  return user.language_code ? { locale: user.language_code } : {};
}

export function parseCommand(text: string): (CommandInvocation & { readonly target?: string }) | undefined {
  const match = COMMAND.exec(text.trim());
  if (!match) return undefined;
  const [, name = "", target, rest = ""] = match;
  return { name: name.toLowerCase(), text: rest.trim(), ...(target ? { target } : {}) };
}

function routeOf(message: Pick<TgMessage, "chat" | "message_id" | "message_thread_id" | "is_topic_message">) {
  return {
    chatId: String(message.chat.id),
    messageId: String(message.message_id),
    ...(message.is_topic_message && message.message_thread_id !== undefined
      ? { threadId: String(message.message_thread_id) }
      : {}),
  };
}

function chatOf(message: Pick<TgMessage, "chat">): Update["chat"] {
  const { chat } = message;
  return {
    id: String(chat.id),
    kind: chat.type === "private" ? "private" : "group",
    ...(chat.title ? { title: chat.title } : {}),
  };
}

/** The message's words: its text, or the caption of its file. */
function textOf(message: TgMessage): { text: string | undefined; entities: readonly z.infer<typeof TgEntity>[] } {
  return message.text === undefined
    ? { text: message.caption, entities: message.caption_entities ?? [] }
    : { text: message.text, entities: message.entities ?? [] };
}

type TgFile = z.infer<typeof TgFile>;

function attachment(kind: FileKind, file: TgFile, name: string, mime: string): Attachment {
  return {
    kind,
    name: file.file_name ?? name,
    ...(file.file_size === undefined ? {} : { size: file.file_size }),
    mime: file.mime_type ?? mime,
    platformFileId: file.file_id,
    ref: { fileId: file.file_id },
  };
}

/** The message's files: of a photo, its largest size. */
function attachmentsOf(message: TgMessage): Attachment[] {
  const photo = message.photo?.at(-1);
  return [
    ...(photo ? [attachment("photo", photo, "photo.jpg", "image/jpeg")] : []),
    ...(message.document ? [attachment("document", message.document, "document", "application/octet-stream")] : []),
    ...(message.audio ? [attachment("audio", message.audio, "audio.mp3", "audio/mpeg")] : []),
    ...(message.voice ? [attachment("voice", message.voice, "voice.ogg", "audio/ogg")] : []),
    ...(message.video ? [attachment("video", message.video, "video.mp4", "video/mp4")] : []),
  ];
}

/**
 * The message a message answers. In a forum topic Telegram names the
 * topic's opening message (whose id is the topic's) as the answered one of
 * every message that answers nothing else: that is no answer.
 */
function answeredOf(message: TgMessage): TgMessage["reply_to_message"] {
  const answered = message.reply_to_message;
  const opensTopic = message.is_topic_message === true && answered?.message_id === message.message_thread_id;
  return opensTopic ? undefined : answered;
}

/** The message a message answers, in the same chat: Telegram has no links to messages of private chats. */
function aboutOf(message: TgMessage): { about?: AboutMessage } {
  const answered = answeredOf(message);
  if (!answered) return {};
  const text = answered.text ?? answered.caption ?? "";
  return { about: { text, ref: { messageId: String(answered.message_id) } } };
}

/** The mention of the bot in the message's words, if they have one. */
function mentionOf(message: TgMessage, username: string): z.infer<typeof TgEntity> | undefined {
  const { text = "", entities } = textOf(message);
  return entities.find(
    (entity) =>
      entity.type === "mention" &&
      text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${username.toLowerCase()}`,
  );
}

/** "@concierge_bot weather in Paris" is "weather in Paris" to the bot (offsets are UTF-16, as JavaScript's). */
function withoutMention(text: string, mention: z.infer<typeof TgEntity> | undefined): string {
  if (!mention) return text;
  return `${text.slice(0, mention.offset).trimEnd()} ${text.slice(mention.offset + mention.length).trimStart()}`.trim();
}

async function fromMessage(
  update: TgUpdate,
  message: TgMessage,
  bot: string,
  identity: TelegramIdentity,
): Promise<Update | undefined> {
  const from = message.from;
  const { text = "", entities } = textOf(message);
  const attachments = attachmentsOf(message);
  if (!from || from.is_bot || (text === "" && attachments.length === 0)) return undefined;
  const isPrivate = message.chat.type === "private";
  let command = parseCommand(text);
  if (command?.target) {
    const username = await identity.username();
    const forUs = username !== undefined && command.target.toLowerCase() === username.toLowerCase();
    // In a group, a command for another bot is not ours to answer.
    if (!forUs && !isPrivate) command = undefined;
  }
  const repliesToBot = answeredOf(message)?.from?.id === identity.botId;
  const hasMention = entities.some((entity) => entity.type === "mention");
  const mention = hasMention ? mentionOf(message, (await identity.username()) ?? "\u0000") : undefined;
  const addressed = isPrivate || command !== undefined || repliesToBot || mention !== undefined;
  if (text.startsWith("/") && command === undefined && !isPrivate) return undefined;
  return {
    platform: "telegram",
    bot,
    eventId: String(update.update_id),
    chat: chatOf(message),
    user: { id: String(from.id), name: displayName(from) },
    text: command ? text : withoutMention(text, mention),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(command ? { command: { name: command.name, text: command.text } } : {}),
    ...aboutOf(message),
    isButtonPress: false,
    addressed,
    ...localeOf(from),
    route: { ...routeOf(message), ...(isPrivate ? {} : { replyTo: String(message.message_id) }) },
  };
}

/** Turns a validated Telegram update into a neutral one, or undefined for kinds the bot ignores. */
export async function toUpdate(update: TgUpdate, bot: string, identity: TelegramIdentity): Promise<Update | undefined> {
  if (update.message) return fromMessage(update, update.message, bot, identity);
  const query = update.callback_query;
  if (query?.message && query.data !== undefined) {
    const command = parseCommand(query.data);
    return {
      platform: "telegram",
      bot,
      eventId: String(update.update_id),
      chat: chatOf(query.message),
      user: { id: String(query.from.id), name: displayName(query.from) },
      text: query.data,
      ...(command ? { command: { name: command.name, text: command.text } } : {}),
      isButtonPress: true,
      addressed: true,
      ...localeOf(query.from),
      route: { ...routeOf(query.message), callbackQueryId: query.id },
    };
  }
  return undefined;
}
