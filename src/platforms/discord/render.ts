/**
 * Neutral replies to Discord messages: markdown with every character of user
 * text escaped, split at Discord's 2000-character limit, and buttons as action
 * rows within Discord's component limits. The custom_id format of buttons and
 * the question modal live here too, next to the code that reads them back.
 */
import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIInteractionResponseCallbackData,
  APIModalInteractionResponseCallbackData,
  APIStringSelectComponent,
} from "discord-api-types/v10";
import {
  type Button,
  chunkSpans,
  clip,
  type FormRef,
  fitsButton,
  MAX_BUTTON_VALUE_BYTES,
  MAX_MESSAGES_PER_REPLY,
  plainText,
  type Reply,
  type ReplyTexts,
  type RichText,
  type Span,
} from "../../core/reply.ts";
import { formCustomId, readFormId } from "./form.ts";
import { ButtonStyle, ComponentType, MessageFlags, TextInputStyle } from "./wire.ts";

export const MESSAGE_LIMIT = 2000;
/** Discord's component limits (the portable ones in core/reply.ts are set to match). */
const BUTTONS_PER_ROW = 5;
const ROWS_PER_MESSAGE = 5;
const BUTTON_LABEL_LIMIT = 80;
const CUSTOM_ID_LIMIT = 100;
const MODAL_TITLE_LIMIT = 45;
const SELECT_OPTIONS_LIMIT = 25;
const SELECT_TEXT_LIMIT = 100;

type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;
type SelectRow = APIActionRowComponent<APIStringSelectComponent>;

export interface DiscordMessage {
  readonly content: string;
  /** Always present: an edit without `components` would keep the buttons of the message it replaces. */
  readonly components: (ButtonRow | SelectRow)[];
  /** Its links may show embeds (`Reply.preview`). */
  readonly embeds?: boolean;
}

/**
 * Escapes user text so that it shows as typed: inline markers (`* _ ~ \` |`,
 * links, mentions, quotes) anywhere, and headings, list items and numbered
 * items at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, "\\$&")
    .replace(/^([ \t]*)([#-])/gm, "$1\\$2")
    .replace(/^([ \t]*\d+)\./gm, "$1\\.");
}

/** Markers around the text, with its outer whitespace outside them (`** x**` would not render). */
function wrap(marker: string, text: string): string {
  const [, lead = "", inner = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  return inner === "" ? text : `${lead}${marker}${escapeMarkdown(inner)}${marker}${trail}`;
}

/** Characters that would end a masked link's target early. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function renderSpan(span: Span): string {
  if (typeof span === "string") return escapeMarkdown(span);
  if ("link" in span) return `[${escapeMarkdown(span.text || span.link)}](${linkTarget(span.link)})`;
  if (span.style === "bold") return wrap("**", span.text);
  if (span.style === "italic") return wrap("*", span.text);
  // Backslashes do not escape inside code, so a backtick becomes its look-alike.
  return span.text === "" ? "" : `\`${span.text.replaceAll("`", "ˋ")}\``;
}

/** A bot button's custom_id: its position, then its value (Discord refuses two equal ids in one message). */
function valueId(position: number, value: string): string {
  return `${position}:${value}`;
}

/** The adapter's own "Answer" button carries its question, for the modal's title. */
const ANSWER_PREFIX = "ask:";

/** The select of a reply's choices: each option's value is what picking it sends (a question's pick carries its id). */
const SELECT_ID = "choose";

/** What a pressed button means. */
export type ButtonAction =
  /** One of the bot's buttons: the same as the user sending `value`. */
  | { readonly kind: "value"; readonly value: string }
  /** The select of choices: the same as the user sending the picked option's value. */
  | { readonly kind: "select" }
  /** The "Answer" button under a question: open the answer modal. */
  | { readonly kind: "answer"; readonly question: string }
  /** The "Answer" button under a form's question: open the form. */
  | { readonly kind: "form"; readonly form: FormRef };

export function readCustomId(customId: string): ButtonAction | undefined {
  if (customId === SELECT_ID) return { kind: "select" };
  if (customId.startsWith(ANSWER_PREFIX)) return { kind: "answer", question: customId.slice(ANSWER_PREFIX.length) };
  const form = readFormId(customId);
  if (form) return { kind: "form", form };
  const match = /^\d{1,2}:([\s\S]*)$/.exec(customId);
  return match ? { kind: "value", value: match[1] ?? "" } : undefined;
}

function button(label: string, customId: string, style: (typeof ButtonStyle)[keyof typeof ButtonStyle]) {
  if (customId.length > CUSTOM_ID_LIMIT) throw new RangeError(`custom_id "${customId}" is over ${CUSTOM_ID_LIMIT}`);
  return { type: ComponentType.Button, style, label: clip(label, BUTTON_LABEL_LIMIT), custom_id: customId } as const;
}

/**
 * The bot's rows as action rows: a row longer than Discord allows goes on
 * over several rows, and rows beyond the fifth are left out (as core's
 * `buttonRows` does), so a message is never refused for its buttons.
 */
function buttonComponents(rows: readonly (readonly Button[])[], most = ROWS_PER_MESSAGE): ButtonRow[] {
  const fitted: Button[][] = [];
  for (const row of rows) {
    for (let start = 0; start < row.length; start += BUTTONS_PER_ROW) {
      fitted.push(row.slice(start, start + BUTTONS_PER_ROW));
    }
  }
  let position = 0;
  return fitted.slice(0, most).map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map((entry) => {
      if (!fitsButton(entry.value)) {
        throw new RangeError(`Button value "${entry.value}" is longer than ${MAX_BUTTON_VALUE_BYTES} bytes`);
      }
      return button(entry.label, valueId(position++, entry.value), ButtonStyle.Secondary);
    }),
  }));
}

function questionText(question: RichText): string {
  return clip(plainText(question).trim(), MODAL_TITLE_LIMIT);
}

/**
 * A question without buttons, sent as a message, gets one "Answer" button
 * that opens the answer modal: Parley reads no channel messages on Discord
 * (interactions only), so a typed reply would never arrive.
 */
function answerButton(question: RichText, label: string): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: [button(label, `${ANSWER_PREFIX}${questionText(question)}`, ButtonStyle.Primary)],
  };
}

/** Under a form's question: the "Answer" button that opens the whole form (its custom_id is the form's). */
function formButton(customId: string, label: string): ButtonRow {
  return { type: ComponentType.ActionRow, components: [button(label, customId, ButtonStyle.Primary)] };
}

/** The choices as one string select (up to 25 options), to pick one. */
function selectRow(choices: readonly Button[], placeholder: string): SelectRow {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: SELECT_ID,
        placeholder: clip(placeholder, SELECT_TEXT_LIMIT),
        min_values: 1,
        max_values: 1,
        options: choices.slice(0, SELECT_OPTIONS_LIMIT).map((choice) => {
          if (!fitsButton(choice.value)) {
            throw new RangeError(`Choice value "${choice.value}" is longer than ${MAX_BUTTON_VALUE_BYTES} bytes`);
          }
          return { label: clip(choice.label, SELECT_TEXT_LIMIT), value: choice.value };
        }),
      },
    ],
  };
}

/**
 * A reply's components: its buttons, then its choices as a select (in the
 * row left for it); a question with neither gets the "Answer" button.
 */
function componentsOf(reply: Reply, texts: ReplyTexts): (ButtonRow | SelectRow)[] {
  const select = reply.choices?.length ? [selectRow(reply.choices, texts.choicePlaceholder)] : [];
  const buttons = reply.buttons?.length ? buttonComponents(reply.buttons, ROWS_PER_MESSAGE - select.length) : [];
  if (buttons.length === 0 && select.length === 0 && reply.asks) {
    const form = reply.form && formCustomId(reply.form);
    return [form ? formButton(form, texts.answerButton) : answerButton(reply.text, texts.answerButton)];
  }
  return [...buttons, ...select];
}

/** One reply as Discord messages (at most `most`; a file's caption is one); the components go with the last part. */
export function renderReply(reply: Reply, texts: ReplyTexts, most = MAX_MESSAGES_PER_REPLY): DiscordMessage[] {
  const components = componentsOf(reply, texts);
  const chunks = chunkSpans(reply.text, MESSAGE_LIMIT, renderSpan, texts.cutNote, reply.file ? 1 : most);
  return chunks.map((chunk, index) => ({
    content: chunk.map(renderSpan).join(""),
    components: index === chunks.length - 1 ? components : [],
    ...(reply.preview && index === 0 ? { embeds: true } : {}),
  }));
}

/**
 * A message's body for any of Discord's message endpoints: mentions never
 * ping and links do not unfurl unless the message wants embeds; `ephemeral`
 * shows it to the interacting user only.
 */
export function messageBody(
  message: DiscordMessage,
  ephemeral: boolean,
  fileName?: string,
): APIInteractionResponseCallbackData {
  return {
    content: message.content,
    components: message.components,
    allowed_mentions: { parse: [] },
    flags: (message.embeds ? 0 : MessageFlags.SuppressEmbeds) | (ephemeral ? MessageFlags.Ephemeral : 0),
    // The file uploaded as `files[0]` beside it.
    ...(fileName === undefined ? {} : { attachments: [{ id: "0", filename: fileName }] }),
  };
}

/** The text input of the answer modal, whose value becomes the user's message. */
export const ANSWER_INPUT = "answer";

/**
 * A modal with one text field: the question as its title (and in full above
 * the field when the title had to be shortened), the answer as the user's
 * next message.
 */
export function answerModal(question: RichText, texts: ReplyTexts): APIModalInteractionResponseCallbackData {
  const full = plainText(question).trim();
  const title = questionText(question);
  return {
    custom_id: ANSWER_INPUT,
    title,
    components: [
      ...(title === full ? [] : [{ type: ComponentType.TextDisplay, content: escapeMarkdown(full) } as const]),
      {
        type: ComponentType.Label,
        label: texts.answerField,
        component: {
          type: ComponentType.TextInput,
          custom_id: ANSWER_INPUT,
          style: TextInputStyle.Short,
          required: true,
        },
      },
    ],
  };
}
