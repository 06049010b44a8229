import { SHORT_FORMS } from "./words.ts";

/**
 * From a message to tokens: each token keeps where it stands in the message
 * (so a free-text slot can be cut out of the original, casing and all) and a
 * folded form for matching: lower case, no accents (ä → a, ß → ss), no
 * apostrophes.
 */

export interface Token {
  /** The token as typed. */
  readonly raw: string;
  /** Offsets in the message, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Folded form: "What's" → "whats", "Müll" → "mull". */
  readonly norm: string;
}

/** More than any command needs; keeps a pasted page cheap to read. */
export const MAX_CHARS = 400;
export const MAX_TOKENS = 40;

const TOKEN = new RegExp(
  [
    // IANA time zones: Europe/Berlin, America/Argentina/Buenos_Aires, Etc/GMT+1
    String.raw`(?:africa|america|antarctica|arctic|asia|atlantic|australia|europe|indian|pacific|etc)(?:\/[a-z0-9_+-]+){1,2}`,
    // numbers, clock times and amounts, with a unit glued on: 18:30, 12.50, 2,50, 10m, 5pm, 1st
    String.raw`\d+(?:[.,:]\d+)*(?:[a-z]+\b)?`,
    String.raw`[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*`,
    "[$€£¥₹]",
  ].join("|"),
  "giu",
);

/** Already folded: lower-case letters and digits only (most words, and every template word). */
const PLAIN = /^[a-z0-9]*$/;

export function fold(text: string): string {
  if (PLAIN.test(text)) return text;
  return text
    .toLowerCase()
    .replaceAll("ß", "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f'’]/g, "");
}

/** Spelled "to do", "to-do" or "todo", the list is one word to match. */
function joinTodo(tokens: Token[]): Token[] {
  const joined: Token[] = [];
  for (const token of tokens) {
    const previous = joined.at(-1);
    if (previous?.norm === "to" && (token.norm === "do" || token.norm === "dos") && token.start - previous.end <= 1) {
      joined[joined.length - 1] = {
        raw: `${previous.raw}${" ".repeat(token.start - previous.end)}${token.raw}`,
        start: previous.start,
        end: token.end,
        norm: `to${token.norm}`,
      };
    } else {
      joined.push(token);
    }
  }
  return joined;
}

/** "u" reads as "you", "rn" as "right now": each word of the long form keeps the short form's place. */
function expandShortForms(tokens: Token[]): Token[] {
  const expanded: Token[] = [];
  for (const token of tokens) {
    const long = SHORT_FORMS.get(token.norm);
    if (long === undefined) expanded.push(token);
    else for (const norm of long.split(" ")) expanded.push({ ...token, norm });
  }
  return expanded;
}

/** Lower-case words and spaces only: what templates are written in. */
const SPACED_WORDS = /^[a-zäöüß ]*$/;

/**
 * The tokens of lower-case words separated by spaces, as `tokenize` would
 * find them but without its expression: training reads hundreds of templates.
 */
export function tokenizeWords(text: string): Token[] {
  if (!SPACED_WORDS.test(text)) return [...tokenize(text).tokens];
  const found: Token[] = [];
  let start = 0;
  for (const raw of text.split(" ")) {
    if (raw !== "") found.push({ raw, start, end: start + raw.length, norm: fold(raw) });
    start += raw.length + 1;
  }
  return expandShortForms(joinTodo(found));
}

export interface Tokens {
  readonly tokens: readonly Token[];
  /** Whether reading stopped before the end of the message. */
  readonly truncated: boolean;
}

/** The tokens of the first `MAX_CHARS` characters, at most `MAX_TOKENS` of them. */
export function tokenize(text: string): Tokens {
  const found: Token[] = [];
  const read = text.slice(0, MAX_CHARS);
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(read); match !== null; match = TOKEN.exec(read)) {
    const raw = match[0];
    found.push({ raw, start: match.index, end: match.index + raw.length, norm: fold(raw) });
  }
  const tokens = expandShortForms(joinTodo(found));
  return { tokens: tokens.slice(0, MAX_TOKENS), truncated: text.length > MAX_CHARS || tokens.length > MAX_TOKENS };
}
