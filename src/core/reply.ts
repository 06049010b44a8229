/**
 * The neutral reply model: text with light formatting and buttons. Each
 * platform's renderer turns it into its own markup, so a bot never writes
 * HTML, Discord markdown or Slack mrkdwn, and never has to escape user input.
 */

import type { FileOut } from "./files.ts";

export type Style = "bold" | "italic" | "code";

export type Span =
  | string
  | { readonly style: Style; readonly text: string }
  | { readonly link: string; readonly text: string };

/** Plain text, or spans of formatted text. Plain strings are never markup. */
export type RichText = string | readonly Span[];

/** Pressing a button is the same as the user sending `value` as a message. */
export interface Button {
  readonly label: string;
  readonly value: string;
}

export interface Reply {
  /** The message, or a file's caption (may be empty then). */
  readonly text: RichText;
  /** A file sent with `text` as its caption. */
  readonly file?: FileOut;
  /** Rows of buttons. */
  readonly buttons?: readonly (readonly Button[])[];
  /**
   * A list to pick one from (a select where the platform has one, else a
   * button each); picking is the same as pressing a button of that value.
   * At most `MAX_CHOICES`.
   */
  readonly choices?: readonly Button[];
  /** The reply asks a question the user's next message answers (platforms may offer a reply field). */
  readonly asks?: boolean;
  /**
   * The reply's question is the first of several asked at once: a platform
   * with forms shows one field per argument, the others ask `text` alone.
   */
  readonly form?: FormRef;
  /** The argument of a submitted form that a correction is about: a platform may show it at that field. */
  readonly field?: string;
  /**
   * For the requesting user's eyes only: a correction of their input, an
   * apology. In a shared chat a platform that can show a message to one
   * person (Discord's ephemeral messages) does; elsewhere it is sent as usual.
   */
  readonly private?: boolean;
  /**
   * The language the reply is written in (`de`), set by Parley: what a
   * platform adds to it (the note on a reply cut short, Discord's Answer
   * button) is written in the same. The bot's default language when absent.
   */
  readonly locale?: string;
  /**
   * The message this reply is about (`AboutMessage.ref`): a platform that can
   * answer a message in place (Telegram) sends it as an answer to that one,
   * and simply sends it when that message is gone.
   */
  readonly about?: Readonly<Record<string, string>>;
  /**
   * Shows a preview of the first link where the platform makes one (a
   * digest's top story). Other replies show none, so answers stay compact.
   */
  readonly preview?: boolean;
}

/**
 * A form asking several arguments of one invocation at once: which pending
 * question it answers (`id`), and the arguments it asks, in order (at most
 * `MAX_FORM_FIELDS`). Its title and labels are made from the bot (`formTexts`).
 */
export interface FormRef {
  readonly id: string;
  readonly intent: string;
  readonly subcommand?: string;
  readonly fields: readonly string[];
}

/** The most fields one form takes: a Discord modal's five. */
export const MAX_FORM_FIELDS = 5;

/** What a platform adds to a reply in the reply's language (`i18n.ts` makes them from Parley's messages). */
export interface ReplyTexts {
  /** Ends a reply cut at `MAX_MESSAGES_PER_REPLY` messages: "(The rest was too long to send.)". */
  readonly cutNote: string;
  /** The button under a question that opens a field for the answer, where a platform needs one (Discord). */
  readonly answerButton: string;
  /** The label of that field. */
  readonly answerField: string;
  /** What a select of `choices` shows before anything is picked: "Choose…". */
  readonly choicePlaceholder: string;
}

/**
 * Button limits every platform accepts (the strictest of them win): a value
 * of at most 64 bytes of UTF-8 (Telegram's callback data), at most 5 buttons
 * in a row and 5 rows in a message (Discord's components).
 */
export const MAX_BUTTON_VALUE_BYTES = 64;
export const MAX_BUTTONS_PER_ROW = 5;
const MAX_BUTTON_ROWS = 5;

/** The most choices one reply offers: a Discord select's 25 options, and as many buttons as a message takes. */
export const MAX_CHOICES = MAX_BUTTONS_PER_ROW * MAX_BUTTON_ROWS;

const encoder = new TextEncoder();

/** Whether `value` can be a button's value everywhere; a longer one would be refused when sent. */
export function fitsButton(value: string): boolean {
  return encoder.encode(value).length <= MAX_BUTTON_VALUE_BYTES;
}

/** Lays buttons out in full rows; those beyond the last row are left out. */
export function buttonRows(buttons: readonly Button[]): Button[][] {
  const rows: Button[][] = [];
  for (let start = 0; start < buttons.length && rows.length < MAX_BUTTON_ROWS; start += MAX_BUTTONS_PER_ROW) {
    rows.push(buttons.slice(start, start + MAX_BUTTONS_PER_ROW));
  }
  return rows;
}

export const bold = (text: string): Span => ({ style: "bold", text });
export const italic = (text: string): Span => ({ style: "italic", text });
export const code = (text: string): Span => ({ style: "code", text });
export const link = (text: string, url: string): Span => ({ link: url, text });

/** Shortens `text` to `max` characters, ending with "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** How much of a user's own words a reply repeats: enough to recognise them, never a pasted essay. */
const QUOTE_LIMIT = 100;

/**
 * User input repeated in a reply, on one line and cut to `QUOTE_LIMIT`
 * characters: the one way a reply repeats what someone typed. It adds no
 * quotation marks; a sentence adds them where it wants them.
 */
export function quote(text: string): string {
  return clip(text.replace(/\s+/g, " ").trim(), QUOTE_LIMIT);
}

/** The address of the first link in the text, if it has one. */
export function firstLink(text: RichText): string | undefined {
  for (const span of spansOf(text)) if (typeof span === "object" && "link" in span) return span.link;
  return undefined;
}

function spansOf(text: RichText): readonly Span[] {
  return typeof text === "string" ? [text] : text;
}

export function plainText(text: RichText): string {
  return spansOf(text)
    .map((span) => (typeof span === "string" ? span : span.text))
    .join("");
}

function textOf(span: Span): string {
  return typeof span === "string" ? span : span.text;
}

function withText(span: Span, text: string): Span {
  return typeof span === "string" ? text : { ...span, text };
}

/**
 * The most messages one reply becomes on any platform: a reply longer than
 * that is cut, so that no answer floods a chat.
 */
export const MAX_MESSAGES_PER_REPLY = 3;

/**
 * Splits formatted text into chunks whose rendering fits a platform's message
 * limit, breaking at a newline or space where one is near and never inside
 * markup. `render` is the platform's renderer for one span. Text that needs
 * more than `most` chunks (`MAX_MESSAGES_PER_REPLY`; one for an edit or a
 * caption) is cut in the last one, which ends with "…" and `cutNote` saying so.
 */
export function chunkSpans(
  text: RichText,
  limit: number,
  render: (span: Span) => string,
  cutNote: string,
  most: number = MAX_MESSAGES_PER_REPLY,
): Span[][] {
  const chunks = split(spansOf(text), limit, render, most + 1);
  const last = chunks[most - 1];
  if (chunks.length <= most || last === undefined) return chunks;
  const ending: readonly Span[] = ["…\n", italic(cutNote)];
  const room = limit - ending.reduce((size, span) => size + render(span).length, 0);
  const [kept = []] = split(last, room, render, 1);
  return [...chunks.slice(0, most - 1), [...kept, ...ending]];
}

/** The first `most` chunks of the spans (all of them when there are fewer). */
function split(spans: readonly Span[], limit: number, render: (span: Span) => string, most: number): Span[][] {
  const chunks: Span[][] = [];
  let current: Span[] = [];
  let size = 0;
  const queue = [...spans];
  for (let span = queue.shift(); span !== undefined && chunks.length < most; span = queue.shift()) {
    const length = render(span).length;
    if (size + length <= limit) {
      current.push(span);
      size += length;
      continue;
    }
    const cut = fittingPrefix(span, limit - size, render);
    if (cut > 0) {
      current.push(withText(span, textOf(span).slice(0, cut)));
      queue.unshift(withText(span, textOf(span).slice(cut)));
    } else if (current.length === 0) {
      throw new RangeError(`Message limit ${limit} is smaller than its markup`);
    } else {
      queue.unshift(span);
    }
    chunks.push(current);
    current = [];
    size = 0;
  }
  if (chunks.length < most && (current.length > 0 || chunks.length === 0)) chunks.push(current);
  return chunks;
}

/** How many characters of the span render within `room`, cut at a line or word break if one is near. */
function fittingPrefix(span: Span, room: number, render: (span: Span) => string): number {
  const content = textOf(span);
  let end = Math.min(content.length - 1, room);
  for (;;) {
    if (end <= 0) return 0;
    const rendered = render(withText(span, content.slice(0, end))).length;
    if (rendered <= room) break;
    // Escaping makes renderings longer than their text: shrink in proportion.
    end = Math.min(end - 1, Math.floor((end * room) / rendered));
  }
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(content.charAt(end - 1))) end -= 1;
  for (const separator of ["\n", " "]) {
    const at = content.lastIndexOf(separator, end - 1);
    if (at >= end / 2) return at + 1;
  }
  return end;
}
