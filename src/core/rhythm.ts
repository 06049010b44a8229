/**
 * On which days a digest comes: every day, weekdays, weekends, or a list of
 * days ("mon", "mon,wed,fri"), in English or German. Stored in its canonical
 * spelling (`daily`, `weekdays`, `weekends`, `mon,wed,fri`); croner reads it
 * as the day-of-week field, so the run is found in the zone's own calendar
 * and daylight saving is handled as for daily runs.
 */
import { Cron } from "croner";
import { formatLocalTime, type LocalTime } from "./time.ts";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
type Day = (typeof DAYS)[number];

/** Every spelling of a day, English and German, long, short and plural ("mondays", "montags", "mo"). */
const DAY_NAMES: ReadonlyArray<readonly [Day, readonly string[]]> = [
  ["mon", ["monday", "mondays", "montag", "montags", "mo"]],
  ["tue", ["tuesday", "tuesdays", "tues", "dienstag", "dienstags", "di"]],
  ["wed", ["wednesday", "wednesdays", "mittwoch", "mittwochs", "mi"]],
  ["thu", ["thursday", "thursdays", "thur", "thurs", "donnerstag", "donnerstags", "do"]],
  ["fri", ["friday", "fridays", "freitag", "freitags", "fr"]],
  ["sat", ["saturday", "saturdays", "samstag", "samstags", "sa"]],
  ["sun", ["sunday", "sundays", "sonntag", "sonntags", "so"]],
];

const FIXED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["daily", ["daily", "every day", "everyday", "each day", "täglich", "taglich", "jeden tag"]],
  ["weekdays", ["weekdays", "on weekdays", "every weekday", "werktags", "wochentags", "an werktagen"]],
  ["weekends", ["weekends", "on weekends", "every weekend", "am wochenende", "wochenends", "an wochenenden"]],
];

/** The day-of-week field croner takes for each rhythm that is not a list of days. */
const FIXED_DAYS: Readonly<Record<string, string>> = { daily: "*", weekdays: "1-5", weekends: "0,6" };

function dayOf(word: string): Day | undefined {
  const plain = word.replace(/^(every|each|on|jeden|immer)\s+/, "");
  for (const [day, names] of DAY_NAMES) if (day === plain || names.includes(plain)) return day;
  return undefined;
}

/**
 * The canonical rhythm of `text` ("Weekdays", "every Monday", "mon,wed,fri",
 * "Mo, Mi, Fr"), or undefined when it names no days.
 */
export function parseRhythm(text: string): string | undefined {
  const words = text.trim().toLowerCase().replace(/\s+/g, " ");
  for (const [rhythm, names] of FIXED) if (rhythm === words || names.includes(words)) return rhythm;
  const parts = words.split(/\s*(?:,|\band\b|\bund\b|&)\s*/).filter((part) => part !== "");
  const days = parts.map(dayOf);
  if (days.length === 0 || days.some((day) => day === undefined)) return undefined;
  const set = new Set(days);
  const ordered = DAYS.filter((day) => set.has(day));
  return ordered.length === 7 ? "daily" : ordered.join(",");
}

/** The day-of-week field of a canonical rhythm. */
function cronDays(rhythm: string): string {
  const fixed = Object.hasOwn(FIXED_DAYS, rhythm) ? FIXED_DAYS[rhythm] : undefined;
  if (fixed) return fixed;
  const days = rhythm.split(",").map((day) => DAYS.indexOf(day as Day));
  if (days.length === 0 || days.some((day) => day < 0)) throw new Error(`Not a rhythm: ${rhythm}`);
  return days.join(",");
}

/**
 * The first instant strictly after `after` at which the clock in `zone`
 * shows `time` on a day of `rhythm`. On a day when that time does not exist
 * (the hour skipped when clocks go forward) the run falls on the first
 * minute after the gap.
 */
export function nextRun(time: LocalTime, zone: string, rhythm: string, after: Date): Date {
  const next = new Cron(`0 ${time.minute} ${time.hour} * * ${cronDays(rhythm)}`, { timezone: zone }).nextRun(after);
  if (!next) throw new Error(`No next run for ${formatLocalTime(time)} ${rhythm} in ${zone}`);
  return next;
}
