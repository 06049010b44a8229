/**
 * How often a digest comes: "daily", "weekdays", "weekends" or a weekday
 * ("mon" … "sun"), from "every day", "on weekdays", "am Wochenende",
 * "jeden Montag", "sundays" and the like.
 */
import { type Entity, phraseEntities, type Reading } from "./entity.ts";

const DAYS: ReadonlyArray<readonly [string, string, string]> = [
  ["mon", "monday", "montag"],
  ["tue", "tuesday", "dienstag"],
  ["wed", "wednesday", "mittwoch"],
  ["thu", "thursday", "donnerstag"],
  ["fri", "friday", "freitag"],
  ["sat", "saturday", "samstag"],
  ["sun", "sunday", "sonntag"],
];

const FIXED: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "daily",
    [
      "daily",
      "every day",
      "each day",
      "every morning",
      "every evening",
      "every night",
      "taglich",
      "jeden tag",
      "jeden morgen",
      "jeden abend",
    ],
  ],
  [
    "weekdays",
    [
      "weekdays",
      "on weekdays",
      "every weekday",
      "workdays",
      "on workdays",
      "every workday",
      "monday to friday",
      "werktags",
      "wochentags",
      "an werktagen",
      "an wochentagen",
      "unter der woche",
      "montag bis freitag",
      "montags bis freitags",
    ],
  ],
  [
    "weekends",
    [
      "weekends",
      "on weekends",
      "every weekend",
      "at the weekend",
      "on the weekend",
      "at weekends",
      "am wochenende",
      "wochenends",
      "jedes wochenende",
      "an wochenenden",
    ],
  ],
];

function phrases(): Map<string, string> {
  const table = new Map<string, string>();
  for (const [rhythm, list] of FIXED) for (const phrase of list) table.set(phrase, rhythm);
  for (const [rhythm, english, german] of DAYS) {
    for (const day of [english, `${english}s`, `every ${english}`, `on ${english}s`, `each ${english}`]) {
      table.set(day, rhythm);
    }
    for (const day of [`${german}s`, `jeden ${german}`, `immer ${german}s`]) table.set(day, rhythm);
  }
  return table;
}

const PHRASES = phrases();

export function recogniseRhythms(reading: Reading): Entity[] {
  return phraseEntities(reading.words, "rhythm", PHRASES, 3);
}

/** Every rhythm word, for spelling correction. */
export const RHYTHM_WORDS: readonly string[] = [...new Set([...PHRASES.keys()].flatMap((phrase) => phrase.split(" ")))];
