/**
 * A bot's texts in the user's language, with Fluent (`@fluent/bundle`):
 * each language's messages are Parley's own (`locales/`) with the bot's on
 * top, parsed into one bundle the first time that language is needed in the
 * isolate. Numbers and dates given as arguments are formatted with `Intl`
 * for the language (`1.234,5` in German), and plurals follow its rules. A
 * message a language lacks comes from the bot's default language, then
 * English, and is logged once: a missing translation never fails a reply.
 */
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { own } from "../lib/own.ts";
import { log } from "../log.ts";
import type { Bot } from "./intent.ts";
import { parleyMessages } from "./locales/index.ts";
import type { ReplyTexts, Span } from "./reply.ts";

/** What a message's variables may be: numbers and dates are formatted for the language. */
export type MessageValue = string | number | Date;
export type MessageArgs = Readonly<Record<string, MessageValue>>;
/** Variables that may also be formatted spans (`bold(name)`), kept as spans in the text. */
export type RichMessageArgs = Readonly<Record<string, MessageValue | Span>>;

/**
 * A message by id, in one language: a string, or spans when a variable is
 * a span, so that `t("todo-added", { item: bold(text) })` keeps the bold.
 */
export interface Translate {
  (id: string, args?: MessageArgs): string;
  (id: string, args: RichMessageArgs): Span[];
}

/** The language every bot can fall back to: Parley's own texts are complete in it. */
const BASE_LOCALE = "en";

const bundles = new WeakMap<Bot, Map<string, FluentBundle>>();

function bundleOf(bot: Bot, locale: string): FluentBundle {
  let byLocale = bundles.get(bot);
  if (!byLocale) {
    byLocale = new Map();
    bundles.set(bot, byLocale);
  }
  let bundle = byLocale.get(locale);
  if (!bundle) {
    // No Unicode isolation marks around variables: chat clients would show them as stray characters.
    bundle = new FluentBundle(locale, { useIsolating: false });
    for (const source of [own(parleyMessages, locale), own(bot.messages, locale)]) {
      if (source !== undefined) bundle.addResource(new FluentResource(source), { allowOverrides: true });
    }
    byLocale.set(locale, bundle);
  }
  return bundle;
}

/** Problems already logged in this isolate: a missing message is worth one line, not one per reply. */
const reported = new Set<string>();

function reportOnce(event: string, fields: { bot: string; locale: string; id: string; error?: string }): void {
  const key = JSON.stringify([event, fields.bot, fields.locale, fields.id]);
  if (reported.has(key)) return;
  reported.add(key);
  log("error", event, fields);
}

function formatIn(bundle: FluentBundle, bot: Bot, id: string, args: MessageArgs | undefined): string | undefined {
  const message = bundle.getMessage(id);
  if (!message?.value) return undefined;
  const errors: Error[] = [];
  const text = bundle.formatPattern(message.value, args, errors);
  const [error] = errors;
  if (error) reportOnce("message_failed", { bot: bot.name, locale: bundle.locales[0] ?? "", id, error: error.message });
  return text;
}

function plainText(bot: Bot, locale: string, id: string, args: MessageArgs | undefined): string {
  const chain = [...new Set([locale, bot.defaultLocale, BASE_LOCALE])];
  for (const candidate of chain) {
    const text = formatIn(bundleOf(bot, candidate), bot, id, args);
    if (text === undefined) continue;
    if (candidate !== locale) reportOnce("message_missing", { bot: bot.name, locale, id });
    return text;
  }
  reportOnce("message_missing", { bot: bot.name, locale, id });
  return id;
}

/** Stands in for a span argument while Fluent formats the text around it (a private-use character). */
const MARK = "\uE000";
const MARKED = new RegExp(`${MARK}(\\d+)${MARK}`);

function isSpan(value: MessageValue | Span): value is Exclude<Span, string> {
  return typeof value === "object" && !(value instanceof Date);
}

function richText(bot: Bot, locale: string, id: string, args: RichMessageArgs): Span[] {
  const spans: Span[] = [];
  const plain: Record<string, MessageValue> = {};
  for (const [name, value] of Object.entries(args)) {
    if (isSpan(value)) {
      plain[name] = `${MARK}${spans.length}${MARK}`;
      spans.push(value);
    } else {
      // A user's text cannot pose as a span's place.
      plain[name] = typeof value === "string" ? value.replaceAll(MARK, "") : value;
    }
  }
  return plainText(bot, locale, id, plain)
    .split(MARKED)
    .map((part, index) => (index % 2 === 1 ? (spans[Number(part)] ?? "") : part))
    .filter((part) => part !== "");
}

/** `id` in `locale` (falling back as described above); spans when a variable is a span. */
export function translate(bot: Bot, locale: string, id: string, args?: MessageArgs): string;
export function translate(bot: Bot, locale: string, id: string, args: RichMessageArgs): Span[];
export function translate(bot: Bot, locale: string, id: string, args?: RichMessageArgs): string | Span[] {
  if (args && Object.values(args).some(isSpan)) return richText(bot, locale, id, args);
  return plainText(bot, locale, id, args as MessageArgs | undefined);
}

/** `translate` for one bot and language. */
export function translator(bot: Bot, locale: string): Translate {
  return ((id: string, args?: RichMessageArgs) => translate(bot, locale, id, args as MessageArgs)) as Translate;
}

/**
 * `id` in `locale` only, or undefined when that language lacks it: for
 * texts that have an English original in the bot's definition (a
 * command's description), which then stands instead, with nothing logged.
 */
export function localized(bot: Bot, locale: string, id: string): string | undefined {
  return formatIn(bundleOf(bot, locale), bot, id, undefined);
}

/** What the platforms add to a reply, in its language (the bot's default when it has none). */
export function replyTexts(bot: Bot, locale: string | undefined): ReplyTexts {
  const t = translator(bot, locale ?? bot.defaultLocale);
  return {
    cutNote: t("parley-cut-note"),
    answerButton: t("parley-answer-button"),
    answerField: t("parley-answer-field"),
    choicePlaceholder: t("parley-choice-placeholder"),
  };
}
