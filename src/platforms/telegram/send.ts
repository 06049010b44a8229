/**
 * Replies on Telegram: text as HTML messages, a file through sendPhoto or
 * sendDocument (its bytes uploaded as multipart, a URL for Telegram to
 * fetch, or the file_id Telegram gave it before), and edits and deletions
 * of what was sent. Telegram's refusals come back sorted: a message that is
 * gone, a chat that is gone, or something to try again.
 */
import { type Api, GrammyError, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { replyTexts } from "../../core/i18n.ts";
import { MessageGoneError, type SentReply } from "../../core/outbox.ts";
import { firstLink, type Reply } from "../../core/reply.ts";
import type { ChatAddress } from "../../core/update.ts";
import type { AdapterEnv, RespondOptions } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { outgoing } from "../files.ts";
import { isTransient } from "../retry.ts";
import { renderCaption, renderReply, type TelegramMessage } from "./render.ts";

/** Where a reply goes: the chat and topic, and the message it answers in a group. */
export interface Target extends ChatAddress {
  readonly replyTo?: string;
}

function placement(target: Target) {
  return {
    ...(target.threadId ? { message_thread_id: Number(target.threadId) } : {}),
    ...(target.replyTo
      ? { reply_parameters: { message_id: Number(target.replyTo), allow_sending_without_reply: true } }
      : {}),
  };
}

function markup(message: TelegramMessage) {
  return message.replyMarkup ? { reply_markup: message.replyMarkup } : {};
}

/** An edit keeps buttons only: the reply field of a question cannot be opened on a message already sent. */
function editedMarkup(message: TelegramMessage | undefined) {
  const replyMarkup = message?.replyMarkup;
  return replyMarkup && "inline_keyboard" in replyMarkup ? { reply_markup: replyMarkup } : {};
}

/** The id Telegram gave an uploaded file, for sending the same file again. */
function fileIdOf(message: Message): string | undefined {
  return message.photo?.at(-1)?.file_id ?? message.document?.file_id;
}

async function sendFile(api: Api, env: AdapterEnv, target: Target, reply: Reply): Promise<Message> {
  if (!reply.file) throw new Error("Not a file reply");
  const file = await outgoing(reply.file, "telegram", env);
  const caption = renderCaption(reply, replyTexts(env.bot, reply.locale));
  const source = file.platformId ?? file.url ?? new InputFile(await file.bytes(), file.name);
  const options = { caption: caption.text, parse_mode: "HTML" as const, ...markup(caption), ...placement(target) };
  const message =
    file.kind === "photo"
      ? await api.sendPhoto(target.chatId, source, options)
      : await api.sendDocument(target.chatId, source, options);
  const uploaded = file.platformId === undefined ? fileIdOf(message) : undefined;
  if (uploaded) await file.remember(uploaded);
  return message;
}

/** A preview of the reply's first link on its first message when it wants one; none otherwise. */
function linkPreview(reply: Reply, index: number) {
  const url = reply.preview && index === 0 ? firstLink(reply.text) : undefined;
  return url === undefined ? { is_disabled: true } : { url };
}

async function sendText(api: Api, env: AdapterEnv, target: Target, reply: Reply): Promise<Message[]> {
  const sent: Message[] = [];
  for (const [index, message] of renderReply(reply, replyTexts(env.bot, reply.locale)).entries()) {
    sent.push(
      await api.sendMessage(target.chatId, message.text, {
        parse_mode: "HTML",
        link_preview_options: linkPreview(reply, index),
        ...markup(message),
        ...placement(target),
      }),
    );
  }
  return sent;
}

/** One reply, and where its messages went: the chat, their ids, and whether they carry a file. */
async function sendReply(api: Api, env: AdapterEnv, chat: Target, reply: Reply): Promise<SentReply> {
  // A reply about a message answers it (and is sent all the same if it was deleted).
  const about = reply.about?.messageId;
  const target = about === undefined ? chat : { ...chat, replyTo: about };
  const messages = reply.file ? [await sendFile(api, env, target, reply)] : await sendText(api, env, target, reply);
  const ids = messages.map((message) => String(message.message_id));
  return {
    ...(ids[0] === undefined ? {} : { id: ids[0] }),
    ref: { chatId: target.chatId, messages: ids.join(","), ...(reply.file ? { file: "1" } : {}) },
  };
}

/** Sends each reply in order, telling `onSent` of each (its index counted from `from`) once it is out. */
export async function sendAll(
  api: Api,
  env: AdapterEnv,
  target: Target,
  replies: readonly Reply[],
  options: RespondOptions = {},
): Promise<SentReply[]> {
  const from = options.from ?? 0;
  const sent: SentReply[] = [];
  for (const [offset, reply] of replies.entries()) {
    const one = await sendReply(api, env, target, reply);
    sent.push(one);
    options.onSent?.(from + offset, one);
  }
  return sent;
}

function messagesOf(sent: SentReply): { chatId: string; ids: number[] } {
  const { chatId = "", messages = "" } = sent.ref;
  return { chatId, ids: messages.split(",").filter(Boolean).map(Number) };
}

/** Telegram's answer to an edit that changes nothing: the message already shows it. */
function unchanged(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}

/**
 * Shows `reply` in place of a sent reply: its first message takes the text
 * (cut to one message) or, for a file, the caption; the other parts of a
 * reply that was split are deleted.
 */
export async function editReply(api: Api, env: AdapterEnv, sent: SentReply, reply: Reply): Promise<void> {
  const { chatId, ids } = messagesOf(sent);
  const [first, ...rest] = ids;
  if (first === undefined) throw new MessageGoneError();
  const texts = replyTexts(env.bot, reply.locale);
  try {
    if (sent.ref.file) {
      const caption = renderCaption(reply, texts);
      const options = { caption: caption.text, parse_mode: "HTML" as const, ...editedMarkup(caption) };
      await api.editMessageCaption(chatId, first, options);
    } else {
      const [message] = renderReply(reply, texts, 1);
      await api.editMessageText(chatId, first, message?.text ?? "", {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...editedMarkup(message),
      });
    }
  } catch (error) {
    if (!unchanged(error)) throw classified(error);
  }
  for (const id of rest) await deleteMessage(api, chatId, id);
}

async function deleteMessage(api: Api, chatId: string, id: number): Promise<void> {
  try {
    await api.deleteMessage(chatId, id);
  } catch (error) {
    throw classified(error);
  }
}

/** Deletes a sent reply's messages. */
export async function deleteReply(api: Api, sent: SentReply): Promise<void> {
  const { chatId, ids } = messagesOf(sent);
  for (const id of ids) await deleteMessage(api, chatId, id);
}

/** Telegram's answers that mean the chat is gone for good: blocked, kicked, deactivated, not found. */
function isPermanent(error: GrammyError): boolean {
  return error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description));
}

/** Telegram's answers about a message that is no longer there, or can no longer be changed. */
function isGone(error: GrammyError): boolean {
  return (
    error.error_code === 400 &&
    /message to (edit|delete) not found|message can't be (edited|deleted)|message_id_invalid/i.test(error.description)
  );
}

/** Telegram's refusal as a `MessageGoneError` or `PlatformError`; anything else (the request may have arrived) as it is. */
export function classified(error: unknown): unknown {
  if (!(error instanceof GrammyError)) return error;
  if (isGone(error)) return new MessageGoneError(error.description);
  const retryAfter = error.parameters.retry_after;
  return new PlatformError({
    platform: "telegram",
    code: error.error_code,
    description: error.description,
    permanent: isPermanent(error),
    transient: isTransient(error.error_code),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter * 1000 }),
  });
}
