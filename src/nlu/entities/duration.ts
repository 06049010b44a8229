/**
 * Delays for reminders, as the remind intent takes them: "10m", "2h".
 * Reads "10 minutes", "2h", "an hour", "half an hour", "an hour and a half",
 * "1.5 hours", "in einer Stunde", "einer halben Stunde", "anderthalb Stunden",
 * "einer Viertelstunde", "2 weeks", "90 minutes from now".
 */
import type { Entity, Reading, Word } from "./entity.ts";
import { parseDigits } from "./number.ts";

const UNIT_MINUTES: Readonly<Record<string, number>> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  minuten: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  std: 60,
  stunde: 60,
  stunden: 60,
  viertelstunde: 15,
  dreiviertelstunde: 45,
  d: 1440,
  day: 1440,
  days: 1440,
  tag: 1440,
  tage: 1440,
  tagen: 1440,
  week: 10080,
  weeks: 10080,
  woche: 10080,
  wochen: 10080,
};

/** Words after a delay that belong to it: "in 90 minutes from now", "in 10 Minuten ab jetzt". */
const FROM_NOW: readonly (readonly string[])[] = [
  ["from", "now"],
  ["ab", "jetzt"],
  ["von", "jetzt", "an"],
];

/** Amounts written as words; "a"/"ein" only count before a unit. */
const AMOUNTS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  ein: 1,
  eine: 1,
  einer: 1,
  einem: 1,
  einen: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  zehn: 10,
  funfzehn: 15,
  zwanzig: 20,
  dreissig: 30,
  vierzig: 40,
  funfzig: 50,
  sechzig: 60,
  neunzig: 90,
  anderthalb: 1.5,
  eineinhalb: 1.5,
  half: 0.5,
  halben: 0.5,
  halbe: 0.5,
  quarter: 0.25,
  viertel: 0.25,
};

/** The remind intent's form: whole hours as "2h", anything else in minutes. */
function formatDelay(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

function amountOf(word: string): number | undefined {
  return Object.hasOwn(AMOUNTS, word) ? AMOUNTS[word] : parseDigits(word);
}

/** "10m", "2h", "15min" typed as one word. */
function glued(word: string): number | undefined {
  const match = /^(\d{1,4})(m|min|mins|h|hr|hrs|std)$/.exec(word);
  return match ? Number(match[1]) * (UNIT_MINUTES[match[2] ?? ""] ?? 1) : undefined;
}

/** The duration starting at `start`, in minutes, and the index after it. */
function durationAt(words: readonly Word[], start: number): { minutes: number; end: number } | undefined {
  const at = (offset: number) => words[start + offset]?.word ?? "";
  const typed = glued(at(0));
  if (typed !== undefined) return { minutes: typed, end: start + 1 };
  // "half an hour", "a quarter of an hour", "einer halben Stunde", "1.5 hours"
  let index = 0;
  let amount = amountOf(at(0));
  if (amount === undefined) return undefined;
  const spelled = !/^\d/.test(at(0));
  index++;
  const fraction = amountOf(at(index));
  if (fraction !== undefined && fraction < 1 && amount >= 1) {
    amount *= fraction;
    index++;
  }
  if (amount < 1 && ["an", "a", "of"].includes(at(index))) index++;
  if (at(index - 1) === "of" && ["an", "a"].includes(at(index))) index++;
  const unit = UNIT_MINUTES[at(index)];
  // "m" and "h" alone abbreviate only after digits: "7 a.m." is no delay.
  if (unit === undefined || (spelled && at(index).length <= 2)) return undefined;
  index++;
  let minutes = amount * unit;
  // "an hour and a half"
  if (at(index) === "and" && ["a", "an"].includes(at(index + 1)) && at(index + 2) === "half") {
    minutes += unit / 2;
    index += 3;
  }
  return { minutes: Math.round(minutes), end: start + index };
}

/** How many words after a delay say "from now". */
function fromNow(words: readonly Word[], end: number): number {
  const phrase = FROM_NOW.find((phrase) => phrase.every((word, offset) => words[end + offset]?.word === word));
  return phrase?.length ?? 0;
}

export function recogniseDurations(reading: Reading): Entity[] {
  const found: Entity[] = [];
  for (let start = 0; start < reading.words.length; start++) {
    const duration = durationAt(reading.words, start);
    if (!duration || duration.minutes < 1) continue;
    const end = duration.end + fromNow(reading.words, duration.end);
    found.push({ kind: "duration", start, end, value: formatDelay(duration.minutes) });
    start = end - 1;
  }
  return found;
}

/** Every unit and amount word, for spelling correction. */
export const DURATION_WORDS: readonly string[] = [...Object.keys(UNIT_MINUTES), ...Object.keys(AMOUNTS)].filter(
  (word) => word.length >= 4,
);
