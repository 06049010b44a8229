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
      "every single day",
      "each morning",
      "each evening",
      "nightly",
      "taglich",
      "tagliche",
      "taglichen",
      "taglicher",
      "tagliches",
      "jeden tag",
      "jeden morgen",
      "jeden abend",
      "jede nacht",
      "immer",
    ],
  ],
  [
    "weekdays",
    [
      "weekdays",
      "weekday",
      "on weekdays",
      "every weekday",
      "each weekday",
      "workdays",
      "on workdays",
      "every workday",
      "monday to friday",
      "werktags",
      "wochentags",
      "werktaglich",
      "jeden werktag",
      "jeden wochentag",
      "an jedem werktag",
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
      "weekend",
      "on weekends",
      "every weekend",
      "at the weekend",
      "on the weekend",
      "at weekends",
      "am wochenende",
      "wochenends",
      "jedes wochenende",
      "an wochenenden",
      "an den wochenenden",
      "saturdays and sundays",
      "samstags und sonntags",
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

/** "this weekend" is one weekend, not a rhythm. */
const ONE_OFF = new Set(["this", "next", "the", "coming"]);

export function recogniseRhythms(reading: Reading): Entity[] {
  const { words } = reading;
  return phraseEntities(words, "rhythm", PHRASES, 3).filter(
    (entity) =>
      !(
        entity.end - entity.start === 1 &&
        words[entity.start]?.word === "weekend" &&
        ONE_OFF.has(words[entity.start - 1]?.word ?? "")
      ),
  );
}

/** Every rhythm word, for spelling correction. */
export const RHYTHM_WORDS: readonly string[] = [...new Set([...PHRASES.keys()].flatMap((phrase) => phrase.split(" ")))];
