/**
 * Numbers written as digits ("100", "12.50", "2,50", "1,000") or as words in
 * English and German ("three", "twenty five", "drei", "fünfundzwanzig"), and
 * ordinals for picking an item ("the second", "3rd", "den ersten").
 * Cardinals are `number` entities, and also `count` when whole; ordinals are
 * `count` only.
 */
import type { Entity, Reading, Word } from "./entity.ts";

/** Numbers below twenty written as words, in English and German (umlauts folded). */
export const UNIT_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  null: 0,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwolf: 12,
  dreizehn: 13,
  vierzehn: 14,
  funfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
};

const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  zwanzig: 20,
  dreissig: 30,
  vierzig: 40,
  funfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};

const LARGE: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, hundert: 100, tausend: 1000 };

const ENGLISH_ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** Stems of German ordinals, which inflect: "erste", "ersten", "zweiter", "dritte". */
const GERMAN_ORDINALS: Readonly<Record<string, number>> = {
  erst: 1,
  zweit: 2,
  dritt: 3,
  viert: 4,
  funft: 5,
  sechst: 6,
  siebt: 7,
  acht: 8,
  neunt: 9,
  zehnt: 10,
};

function ordinal(word: string): number | undefined {
  if (Object.hasOwn(ENGLISH_ORDINALS, word)) return ENGLISH_ORDINALS[word];
  const german = /^([a-z]+?)(?:e|er|es|en|em)$/.exec(word);
  if (german?.[1] && Object.hasOwn(GERMAN_ORDINALS, german[1])) return GERMAN_ORDINALS[german[1]];
  const digits = /^(\d{1,3})(?:st|nd|rd|th)$/.exec(word);
  return digits ? Number(digits[1]) : undefined;
}

/** "12.50" and "2,50" are decimals; "1,000" and "1.000" are thousands. */
export function parseDigits(word: string): number | undefined {
  if (!/^\d+(?:[.,]\d+)*$/.test(word)) return undefined;
  const groups = word.split(/[.,]/);
  const last = groups.at(-1) ?? "";
  const thousands = groups.length > 1 && last.length === 3 && groups.slice(1).every((group) => group.length === 3);
  if (thousands) return Number(groups.join(""));
  if (groups.length > 2) return undefined;
  return Number(word.replace(",", "."));
}

/** "funfundzwanzig" → 25. */
function germanCompound(word: string): number | undefined {
  const match = /^([a-z]+)und([a-z]+)$/.exec(word);
  if (!match?.[1] || !match[2]) return undefined;
  const unit = match[1] === "ein" ? 1 : UNIT_WORDS[match[1]];
  const tens = TENS[match[2]];
  return unit !== undefined && unit < 10 && tens !== undefined ? tens + unit : undefined;
}

/** "2k" and "1.5k" (or "1,5k") are thousands, as people write amounts in chat. */
function thousands(word: string): number | undefined {
  const match = /^(\d+(?:[.,]\d+)?)k$/.exec(word);
  const base = match?.[1] === undefined ? undefined : Number(match[1].replace(",", "."));
  return base === undefined ? undefined : Math.round(base * 1000);
}

function singleWord(word: string): number | undefined {
  if (Object.hasOwn(UNIT_WORDS, word)) return UNIT_WORDS[word];
  if (Object.hasOwn(TENS, word)) return TENS[word];
  if (Object.hasOwn(LARGE, word)) return LARGE[word];
  return parseDigits(word) ?? thousands(word) ?? germanCompound(word);
}

/** The number starting at `start` and how many words it takes: "twenty five" is two. */
function numberAt(words: readonly Word[], start: number): { value: number; end: number } | undefined {
  const first = words[start]?.word ?? "";
  const value = singleWord(first);
  if (value === undefined) return undefined;
  const next = words[start + 1]?.word ?? "";
  if (Object.hasOwn(TENS, first) && Object.hasOwn(UNIT_WORDS, next) && (UNIT_WORDS[next] ?? 10) < 10) {
    return { value: value + (UNIT_WORDS[next] ?? 0), end: start + 2 };
  }
  if (value < 10 && Object.hasOwn(LARGE, next)) return { value: value * (LARGE[next] ?? 1), end: start + 2 };
  return { value, end: start + 1 };
}

export function recogniseNumbers(reading: Reading): Entity[] {
  const found: Entity[] = [];
  const { words } = reading;
  for (let start = 0; start < words.length; start++) {
    const number = numberAt(words, start);
    // "the third one": after an ordinal, "one" is the item, not a number.
    const afterOrdinal = found.at(-1)?.end === start && ordinal(words[start - 1]?.word ?? "") !== undefined;
    if (number && !(afterOrdinal && words[start]?.word === "one")) {
      found.push({ kind: "number", start, end: number.end, value: number.value });
      if (Number.isInteger(number.value)) found.push({ kind: "count", start, end: number.end, value: number.value });
      start = number.end - 1;
      continue;
    }
    const place = ordinal(words[start]?.word ?? "");
    if (place !== undefined) found.push({ kind: "count", start, end: start + 1, value: place });
  }
  return found;
}

/** Every number word, for spelling correction. */
export const NUMBER_WORDS: readonly string[] = [
  ...Object.keys(UNIT_WORDS),
  ...Object.keys(TENS),
  ...Object.keys(LARGE),
  ...Object.keys(ENGLISH_ORDINALS),
];
