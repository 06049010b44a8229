/**
 * Time zones: IANA names typed out ("Europe/Berlin", "america/new_york"),
 * UTC and GMT, common abbreviations ("CET", "EST"), and a city's time as
 * people say it: "London time", "Tokyo local time", "Londoner Zeit",
 * "New Yorker Zeit", "Zeitzone Europe/Berlin".
 */
import { type Entity, phraseEntities, type Reading } from "./entity.ts";

const IANA = /^[a-z]+(?:\/[a-z0-9_+-]+){1,2}$/;

/** "america/new_york" → "America/New_York"; the handler checks the zone exists. */
function canonical(zone: string): string {
  return zone.replace(/(^|[/_-])([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase());
}

/** Cities people tell the time by, in folded English and German names, with their zone. */
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ["Europe/London", "london"],
  ["Europe/Dublin", "dublin"],
  ["Europe/Lisbon", "lisbon, lissabon"],
  ["Europe/Paris", "paris"],
  ["Europe/Madrid", "madrid"],
  ["Europe/Rome", "rome, rom"],
  ["Europe/Amsterdam", "amsterdam"],
  ["Europe/Brussels", "brussels, brussel"],
  ["Europe/Berlin", "berlin, munich, munchen, frankfurt, hamburg"],
  ["Europe/Vienna", "vienna, wien"],
  ["Europe/Zurich", "zurich"],
  ["Europe/Stockholm", "stockholm"],
  ["Europe/Oslo", "oslo"],
  ["Europe/Copenhagen", "copenhagen, kopenhagen"],
  ["Europe/Helsinki", "helsinki"],
  ["Europe/Warsaw", "warsaw, warschau"],
  ["Europe/Prague", "prague, prag"],
  ["Europe/Athens", "athens, athen"],
  ["Europe/Istanbul", "istanbul"],
  ["Europe/Moscow", "moscow, moskau"],
  ["Asia/Dubai", "dubai"],
  ["Asia/Kolkata", "mumbai, delhi, new delhi, neu delhi, bangalore"],
  ["Asia/Bangkok", "bangkok"],
  ["Asia/Singapore", "singapore, singapur"],
  ["Asia/Hong_Kong", "hong kong, hongkong"],
  ["Asia/Shanghai", "beijing, peking, shanghai"],
  ["Asia/Seoul", "seoul"],
  ["Asia/Tokyo", "tokyo, tokio"],
  ["Australia/Sydney", "sydney"],
  ["Australia/Melbourne", "melbourne"],
  ["Pacific/Auckland", "auckland"],
  ["Africa/Cairo", "cairo, kairo"],
  ["Africa/Johannesburg", "johannesburg"],
  ["America/New_York", "new york, boston, miami, eastern"],
  ["America/Toronto", "toronto"],
  ["America/Chicago", "chicago, central"],
  ["America/Denver", "denver, mountain"],
  ["America/Los_Angeles", "los angeles, san francisco, seattle, pacific"],
  ["America/Vancouver", "vancouver"],
  ["America/Mexico_City", "mexico city"],
  ["America/Sao_Paulo", "sao paulo"],
  ["America/Argentina/Buenos_Aires", "buenos aires"],
];

/** Abbreviations that name one zone and are no everyday word in either language. */
const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ["Europe/Berlin", "cet cest mez mesz"],
  ["Europe/London", "bst"],
  ["America/New_York", "est edt"],
  ["America/Chicago", "cdt"],
  ["America/Los_Angeles", "pst pdt"],
  ["Asia/Tokyo", "jst"],
];

/** Countries' times, as people say them. */
const COUNTRIES: ReadonlyArray<readonly [string, string]> = [
  ["Europe/Berlin", "german time, germany time, deutsche zeit, deutscher zeit"],
  ["Europe/London", "uk time, british time, britische zeit, britischer zeit"],
  ["Europe/Paris", "french time, franzosische zeit, franzosischer zeit"],
  ["Europe/Zurich", "swiss time, schweizer zeit"],
  ["Europe/Vienna", "austrian time, osterreichische zeit, osterreichischer zeit"],
  ["Asia/Tokyo", "japan time, japanese time, japanische zeit, japanischer zeit"],
];

/** "Londoner", "New Yorker", "Tokioter": the German adjective of a city. */
function germanAdjective(city: string): string {
  if (city.endsWith("o")) return `${city}ter`;
  return city.endsWith("er") ? city : `${city}er`;
}

function zonePhrases(): Map<string, string> {
  const phrases = new Map<string, string>();
  for (const [zone, list] of CITIES) {
    for (const city of list.split(", ")) {
      for (const phrase of [`${city} time`, `${city} local time`, `${city} zeit`, `${germanAdjective(city)} zeit`]) {
        phrases.set(phrase, zone);
      }
    }
  }
  for (const [zone, list] of COUNTRIES) for (const phrase of list.split(", ")) phrases.set(phrase, zone);
  for (const [zone, list] of ABBREVIATIONS) for (const abbreviation of list.split(" ")) phrases.set(abbreviation, zone);
  for (const fixed of ["utc", "gmt"]) phrases.set(fixed, fixed.toUpperCase());
  return phrases;
}

/** Zone names of one word, which chrono reads as part of a time ("8 Uhr UTC"): the zone is its own value. */
export const ZONE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "utc",
  "gmt",
  ...ABBREVIATIONS.flatMap(([, list]) => list.split(" ")),
]);

const PHRASES = zonePhrases();
const LONGEST = Math.max(...[...PHRASES.keys()].map((phrase) => phrase.split(" ").length));

/** Words that announce a zone and belong to it: "Zeitzone Europe/Berlin", "time zone UTC", "nach Londoner Zeit". */
const ANNOUNCING: readonly (readonly string[])[] = [["time", "zone"], ["zeitzone"], ["timezone"], ["tz"], ["nach"]];

/** Where a zone starts once a word announcing it is taken in. */
function announcedFrom(words: Reading["words"], start: number): number {
  for (const phrase of ANNOUNCING) {
    const from = start - phrase.length;
    if (from >= 0 && phrase.every((word, offset) => words[from + offset]?.norm === word)) return from;
  }
  return start;
}

export function recogniseZones(reading: Reading): Entity[] {
  // Matched as typed: a city's name is no typo of a word the matcher knows.
  const words = reading.words.map((word) => ({ ...word, word: word.norm }));
  const typed = words.flatMap((word, index): Entity[] => {
    const raw = word.raw.toLowerCase();
    return IANA.test(raw) ? [{ kind: "zone", start: index, end: index + 1, value: canonical(raw) }] : [];
  });
  const named = phraseEntities(words, "zone", PHRASES, LONGEST).filter(
    (entity) => !typed.some((other) => other.start < entity.end && entity.start < other.end),
  );
  return [...typed, ...named].map((entity) => ({ ...entity, start: announcedFrom(words, entity.start) }));
}
