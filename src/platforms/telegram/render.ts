/**
 * Neutral replies to Telegram messages: HTML parse mode (the simplest to
 * escape correctly), split at Telegram's 4096-character limit, and buttons
 * (and choices, one button each) as an inline keyboard whose callback data
 * is the button's value.
 */
import type { ForceReply, InlineKeyboardMarkup } from "grammy/types";
import {
  buttonRows,
  chunkSpans,
  fitsButton,
  MAX_BUTTON_VALUE_BYTES,
  MAX_MESSAGES_PER_REPLY,
  type Reply,
  type ReplyTexts,
  type Span,
} from "../../core/reply.ts";

export const MESSAGE_LIMIT = 4096;
/** A file's caption is shorter than a message. */
export const CAPTION_LIMIT = 1024;

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function renderSpan(span: Span): string {
  if (typeof span === "string") return escapeHtml(span);
  if ("link" in span)
    return `<a href="${escapeHtml(span.link).replaceAll('"', "&quot;")}">${escapeHtml(span.text)}</a>`;
  const tag = { bold: "b", italic: "i", code: "code" }[span.style];
  return `<${tag}>${escapeHtml(span.text)}</${tag}>`;
}

export interface TelegramMessage {
  readonly text: string;
  readonly replyMarkup?: InlineKeyboardMarkup | ForceReply;
}

/**
 * A question without buttons opens the reply field for the asking user only
 * (`selective`), so the answer reaches the bot even in groups where privacy
 * mode hides other messages from it.
 */
const FORCE_REPLY: ForceReply = { force_reply: true, selective: true };

/** The reply's buttons, then its choices as a button each (Telegram has no select). */
function keyboard(reply: Reply): InlineKeyboardMarkup | undefined {
  const rows = [...(reply.buttons ?? []), ...buttonRows(reply.choices ?? [])];
  if (rows.length === 0) return undefined;
  return {
    inline_keyboard: rows.map((row) =>
      row.map((button) => {
        if (!fitsButton(button.value)) {
          throw new RangeError(`Button value "${button.value}" is longer than ${MAX_BUTTON_VALUE_BYTES} bytes`);
        }
        return { text: button.label, callback_data: button.value };
      }),
    ),
  };
}

/** One reply as Telegram messages (at most `most`); the buttons go with the last part. */
export function renderReply(reply: Reply, texts: ReplyTexts, most = MAX_MESSAGES_PER_REPLY): TelegramMessage[] {
  const markup = keyboard(reply) ?? (reply.asks ? FORCE_REPLY : undefined);
  const chunks = chunkSpans(reply.text, MESSAGE_LIMIT, renderSpan, texts.cutNote, most);
  return chunks.map((chunk, index) => {
    const text = chunk.map(renderSpan).join("");
    return index === chunks.length - 1 && markup ? { text, replyMarkup: markup } : { text };
  });
}

/** A file reply's caption and buttons: one caption, cut to Telegram's caption limit. */
export function renderCaption(reply: Reply, texts: ReplyTexts): TelegramMessage {
  const [chunk = []] = chunkSpans(reply.text, CAPTION_LIMIT, renderSpan, texts.cutNote, 1);
  const markup = keyboard(reply);
  const text = chunk.map(renderSpan).join("");
  return markup ? { text, replyMarkup: markup } : { text };
}
