/**
 * Clock times as "HH:MM". chrono reads most ways of saying a time ("at 5pm",
 * "18:30", "tomorrow at 9", "um 8 Uhr", "heute abend um 8"); a few phrasings
 * it misses are read here: "half past 7", "quarter to 9", "halb acht",
 * "viertel nach drei", "at seven", and "in the evening" after an hour.
 */
import * as chronoDe from "chrono-node/de";
import * as chronoEn from "chrono-node/en";
import type { Entity, Reading, Word } from "./entity.ts";
import { parseDigits, UNIT_WORDS } from "./number.ts";
import { ZONE_ABBREVIATIONS } from "./zone.ts";

/** Only the time of day is kept, so any fixed day will do; a fixed one keeps results repeatable. */
const REFERENCE = new Date(Date.UTC(2030, 0, 7, 12, 0));

/** chrono costs tens of microseconds a call: it runs only when a message has something time-like. */
const MAY_HAVE_TIME = /\d|noon|midnight|mittag|mitternacht/;

/** The hours written as words: the number words from one to twelve, and German "ein" ("um ein Uhr"). */
const HOURS: Readonly<Record<string, number>> = Object.fromEntries([
  ...Object.entries(UNIT_WORDS).filter(([, value]) => value >= 1 && value <= 12),
  ["ein", 1],
]);

/** Day parts that move an hour before noon into the afternoon or evening. */
const LATER = ["in the afternoon", "in the evening", "at night", "tonight", "pm", "abends", "nachmittags", "am abend"];

function formatClock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function hourOf(word: string): number | undefined {
  const hour = Object.hasOwn(HOURS, word) ? HOURS[word] : parseDigits(word);
  return hour !== undefined && Number.isInteger(hour) && hour >= 0 && hour <= 24 ? hour % 24 : undefined;
}

interface Clock {
  readonly hour: number;
  readonly minute: number;
  readonly end: number;
}

/** "half past 7", "quarter to 9", "halb acht", "viertel nach drei", "at seven", "um sieben Uhr". */
function spelledAt(words: readonly Word[], start: number): Clock | undefined {
  const at = (offset: number) => words[start + offset]?.word ?? "";
  const pair = `${at(0)} ${at(1)}`;
  const relative: Readonly<Record<string, [number, number]>> = {
    "half past": [0, 30],
    "quarter past": [0, 15],
    "quarter to": [-1, 45],
    "viertel nach": [0, 15],
    "viertel vor": [-1, 45],
  };
  const shift = relative[pair];
  if (shift) {
    const hour = hourOf(at(2));
    return hour === undefined ? undefined : { hour: (hour + shift[0] + 24) % 24, minute: shift[1], end: start + 3 };
  }
  if (at(0) === "halb" || at(0) === "dreiviertel") {
    const hour = hourOf(at(1));
    const minute = at(0) === "halb" ? 30 : 45;
    return hour === undefined ? undefined : { hour: (hour + 23) % 24, minute, end: start + 2 };
  }
  if ((at(0) === "at" || at(0) === "um") && Object.hasOwn(HOURS, at(1))) {
    const hour = HOURS[at(1)] ?? 0;
    const suffix = at(2) === "uhr" || at(2) === "oclock" ? 1 : 0;
    return { hour, minute: 0, end: start + 2 + suffix };
  }
  return undefined;
}

function spelledTimes(words: readonly Word[]): (Clock & { start: number })[] {
  const found: (Clock & { start: number })[] = [];
  for (let start = 0; start < words.length; start++) {
    const clock = spelledAt(words, start);
    if (!clock) continue;
    found.push({ ...clock, start });
    start = clock.end - 1;
  }
  return found;
}

/** chrono's times of day, as word spans; relative times ("in 10 minutes") are durations, not times. */
function chronoTimes(reading: Reading): (Clock & { start: number })[] {
  const folded = reading.words.map((word) => word.norm).join(" ");
  if (!MAY_HAVE_TIME.test(folded)) return [];
  const chrono = reading.locale === "de" ? chronoDe : chronoEn;
  const found: (Clock & { start: number })[] = [];
  for (const result of chrono.parse(reading.text, REFERENCE)) {
    if (!result.start.isCertain("hour") || result.tags().has("result/relativeDate")) continue;
    const from = result.index;
    const to = result.index + result.text.length;
    const inside = reading.words.flatMap((word, index) => (word.start >= from && word.end <= to ? [index] : []));
    while (inside.length > 1 && ZONE_ABBREVIATIONS.has(reading.words[inside.at(-1) ?? 0]?.norm ?? "")) inside.pop();
    const first = inside[0];
    const last = inside.at(-1);
    if (first === undefined || last === undefined) continue;
    found.push({
      hour: result.start.get("hour") ?? 0,
      minute: result.start.get("minute") ?? 0,
      start: first,
      end: last + 1,
    });
  }
  return found;
}

/** "at 7 in the evening" is 19:00; the day part joins the span. */
function withDayPart(words: readonly Word[], clock: Clock & { start: number }): Clock & { start: number } {
  for (const part of LATER) {
    const length = part.split(" ").length;
    const following = words
      .slice(clock.end, clock.end + length)
      .map((word) => word.word)
      .join(" ");
    if (following === part) {
      return { ...clock, hour: clock.hour < 12 ? clock.hour + 12 : clock.hour, end: clock.end + length };
    }
  }
  return clock;
}

/** Day parts said before the hour: "abends um 8", "in the evening at 7", "every evening at 8". */
const LATER_BEFORE = [...LATER, "evening", "afternoon", "abend", "nachmittag"];

/** Words between a day part and its hour: "abends um 8". */
const AT = new Set(["at", "um", "gegen", "around"]);

/** Words that make a day part before the hour a rhythm ("every evening", "jeden Abend"), which keeps its words. */
const RHYTHMIC = new Set(["every", "each", "jeden", "jede", "immer"]);

/** "abends um 8" is 20:00, and "abends" is part of the time unless a rhythm holds it ("jeden Abend"). */
function withDayPartBefore(words: readonly Word[], clock: Clock & { start: number }): Clock & { start: number } {
  let end = clock.start;
  while (end > 0 && AT.has(words[end - 1]?.word ?? "")) end--;
  for (const part of LATER_BEFORE) {
    const length = part.split(" ").length;
    const from = end - length;
    const preceding = words
      .slice(Math.max(0, from), end)
      .map((word) => word.word)
      .join(" ");
    if (from < 0 || preceding !== part) continue;
    const hour = clock.hour < 12 ? clock.hour + 12 : clock.hour;
    return { ...clock, hour, start: RHYTHMIC.has(words[from - 1]?.word ?? "") ? clock.start : from };
  }
  return clock;
}

/** Leading "at", "um" and rhythm words are not part of the time. */
const LEADING = new Set([
  ..."at um for gegen ab every each on jeden am weekday weekdays morning evening night morgen abend".split(" "),
  ..."monday tuesday wednesday thursday friday saturday sunday".split(" "),
  ..."montag dienstag mittwoch donnerstag freitag samstag sonntag".split(" "),
]);

/** Where two readings of a time overlap, the one that starts first wins ("half past 4 in the afternoon"), then the longer. */
function firstReadings(clocks: readonly (Clock & { start: number })[]): (Clock & { start: number })[] {
  const kept: (Clock & { start: number })[] = [];
  for (const clock of [...clocks].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (!kept.some((other) => other.start < clock.end && clock.start < other.end)) kept.push(clock);
  }
  return kept;
}

export function recogniseTimes(reading: Reading): Entity[] {
  const { words } = reading;
  return firstReadings([...chronoTimes(reading), ...spelledTimes(words)]).map((found) => {
    let start = found.start;
    while (start < found.end - 1 && LEADING.has(words[start]?.word ?? "")) start++;
    const clock = withDayPartBefore(words, withDayPart(words, { ...found, start }));
    return { kind: "time" as const, start: clock.start, end: clock.end, value: formatClock(clock.hour, clock.minute) };
  });
}

/** Words of spelled times, for spelling correction. */
export const TIME_WORDS: readonly string[] = [
  ...Object.keys(HOURS),
  ..."half quarter past halb viertel dreiviertel uhr oclock noon midnight mittag mitternacht abends nachmittags".split(
    " ",
  ),
];
