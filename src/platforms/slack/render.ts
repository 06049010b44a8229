/**
 * Neutral replies to Slack messages: Block Kit sections of mrkdwn (split at
 * the section's 3000-character limit), a plain `text` fallback for
 * notifications, and buttons as `actions` blocks whose value is the
 * button's value. A reply is one message: the few sections core's chunking
 * allows and the button rows stay far below Slack's 50 blocks.
 *
 * Slack's mrkdwn has no escape for `*`, `_` or `` ` ``; only `&`, `<` and `>`
 * must be escaped, and they are the ones that matter: unescaped, user text
 * could become a link or a mention. Section text is `verbatim` so that Slack
 * does not turn plain words like `@channel` into mentions either.
 */
import {
  chunkSpans,
  clip,
  fitsButton,
  MAX_BUTTON_VALUE_BYTES,
  plainText,
  type Reply,
  type ReplyTexts,
  type Span,
  type Style,
} from "../../core/reply.ts";

export const SECTION_LIMIT = 3000;
/** Slack's limit for a button's label. */
const MAX_LABEL_LENGTH = 75;
/** The notification text: a preview, not the message (Slack truncates it far later). */
const FALLBACK_LIMIT = 3000;

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

interface PlainText {
  readonly type: "plain_text";
  readonly text: string;
  readonly emoji: true;
}

/** A reply's choices: picking one sends its option's value, as a button would. */
export interface SelectElement {
  readonly type: "static_select";
  readonly action_id: string;
  readonly placeholder: PlainText;
  readonly options: readonly { readonly text: PlainText; readonly value: string }[];
}

export interface ActionsBlock {
  readonly type: "actions";
  readonly elements: readonly (ButtonElement | SelectElement)[];
}

export type Block = SectionBlock | ActionsBlock;

/** The parts of a message that `chat.postMessage`, response URLs and slash command answers share. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Block[];
  /** Slack unfurls its links (`Reply.preview`). */
  readonly unfurl?: boolean;
}

function escapeMrkdwn(text: string): string {
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
  return escapeMrkdwn(clip(plainText(spans), FALLBACK_LIMIT));
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
        text: { type: "plain_text", text: clip(button.label, MAX_LABEL_LENGTH), emoji: true },
        value: button.value,
      };
    }),
  }));
}

function plain(text: string, max: number): PlainText {
  return { type: "plain_text", text: clip(text, max), emoji: true };
}

/** The choices as one `static_select` (Slack takes up to 100 options; core offers at most 25). */
function choiceSelect(reply: Reply, placeholder: string): ActionsBlock[] {
  if (!reply.choices?.length) return [];
  const options = reply.choices.map((choice) => {
    if (!fitsButton(choice.value)) {
      throw new RangeError(`Choice value "${choice.value}" is longer than ${MAX_BUTTON_VALUE_BYTES} bytes`);
    }
    return { text: plain(choice.label, MAX_LABEL_LENGTH), value: choice.value };
  });
  return [
    {
      type: "actions",
      elements: [{ type: "static_select", action_id: "choose", placeholder: plain(placeholder, 150), options }],
    },
  ];
}

/** One reply as one Slack message; the buttons and the choices go after the text. */
export function renderReply(reply: Reply, texts: ReplyTexts): SlackMessage {
  const chunks = chunkSpans(reply.text, SECTION_LIMIT, renderSpan, texts.cutNote);
  const message = {
    text: fallback(chunks.flat()),
    blocks: [...chunks.map(section), ...actions(reply), ...choiceSelect(reply, texts.choicePlaceholder)],
  };
  return reply.preview ? { ...message, unfurl: true } : message;
}

/** A file's caption (`initial_comment`): mrkdwn in one section's length; Slack shows no buttons under a file. */
export function renderCaption(reply: Reply, texts: ReplyTexts): string {
  const [chunk = []] = chunkSpans(reply.text, SECTION_LIMIT, renderSpan, texts.cutNote, 1);
  return chunk.map(renderSpan).join("");
}
