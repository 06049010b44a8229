/**
 * Neutral replies to Slack messages: Block Kit sections of mrkdwn (split at
 * the section's 3000-character limit), a plain `text` fallback for
 * notifications, and buttons as `actions` blocks whose value is the
 * button's value.
 *
 * Slack's mrkdwn has no escape for `*`, `_` or `` ` ``; only `&`, `<` and `>`
 * must be escaped, and they are the ones that matter: unescaped, user text
 * could become a link or a mention. Section text is `verbatim` so that Slack
 * does not turn plain words like `@channel` into mentions either.
 */
import {
  chunkSpans,
  fitsButton,
  MAX_BUTTON_ROWS,
  MAX_BUTTON_VALUE_BYTES,
  plainText,
  type Reply,
  type Span,
  type Style,
} from "../../core/reply.ts";

export const SECTION_LIMIT = 3000;
/** Slack's limit of blocks in one message. */
export const MAX_BLOCKS = 50;
/** Slack's limit for a button's label. */
export const MAX_LABEL_LENGTH = 75;
/** The notification text: a preview, not the message (Slack truncates it far later). */
export const FALLBACK_LIMIT = 3000;

export interface SectionBlock {
  readonly type: "section";
  readonly text: { readonly type: "mrkdwn"; readonly text: string; readonly verbatim: true };
}

export interface ButtonElement {
  readonly type: "button";
  readonly action_id: string;
  readonly text: { readonly type: "plain_text"; readonly text: string; readonly emoji: true };
  readonly value: string;
}

export interface ActionsBlock {
  readonly type: "actions";
  readonly elements: readonly ButtonElement[];
}

export type Block = SectionBlock | ActionsBlock;

/** The parts of a message that `chat.postMessage`, response URLs and slash command answers share. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Block[];
}

export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

const DELIMITERS: Readonly<Record<Style, string>> = { bold: "*", italic: "_", code: "`" };

/** Slack only formats `*x*` when the delimiters touch the text, so surrounding spaces go outside. */
function styled(style: Style, text: string): string {
  const [, lead = "", core = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  if (core === "") return text;
  const delimiter = DELIMITERS[style];
  return `${lead}${delimiter}${escapeMrkdwn(core)}${delimiter}${trail}`;
}

export function renderSpan(span: Span): string {
  if (typeof span === "string") return escapeMrkdwn(span);
  // A `|` would end the URL part of `<url|text>` early; percent-encoded it means the same.
  if ("link" in span) return `<${escapeMrkdwn(span.link).replaceAll("|", "%7C")}|${escapeMrkdwn(span.text)}>`;
  return styled(span.style, span.text);
}

function section(spans: readonly Span[]): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: spans.map(renderSpan).join(""), verbatim: true } };
}

function fallback(spans: readonly Span[]): string {
  const chars = [...plainText(spans)];
  const text = chars.length > FALLBACK_LIMIT ? `${chars.slice(0, FALLBACK_LIMIT - 1).join("")}…` : chars.join("");
  return escapeMrkdwn(text);
}

function label(text: string): string {
  const chars = [...text];
  return chars.length > MAX_LABEL_LENGTH ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join("")}…` : text;
}

function actions(reply: Reply): ActionsBlock[] {
  return (reply.buttons ?? []).map((row, rowIndex) => ({
    type: "actions",
    elements: row.map((button, index) => {
      if (!fitsButton(button.value)) {
        throw new RangeError(`Button value "${button.value}" is longer than ${MAX_BUTTON_VALUE_BYTES} bytes`);
      }
      return {
        type: "button",
        // Unique in the message; what the press means travels in `value`.
        action_id: `button-${rowIndex}-${index}`,
        text: { type: "plain_text", text: label(button.label), emoji: true },
        value: button.value,
      };
    }),
  }));
}

/** Sections a message can hold next to the most button rows a reply may have. */
const SECTIONS_PER_MESSAGE = MAX_BLOCKS - MAX_BUTTON_ROWS;

/** One reply as Slack messages (one unless it is very long); the buttons go with the last. */
export function renderReply(reply: Reply): SlackMessage[] {
  const chunks = chunkSpans(reply.text, SECTION_LIMIT, renderSpan);
  const messages: SlackMessage[] = [];
  for (let start = 0; start < chunks.length; start += SECTIONS_PER_MESSAGE) {
    const group = chunks.slice(start, start + SECTIONS_PER_MESSAGE);
    const last = start + SECTIONS_PER_MESSAGE >= chunks.length;
    messages.push({
      text: fallback(group.flat()),
      blocks: [...group.map(section), ...(last ? actions(reply) : [])],
    });
  }
  return messages;
}
