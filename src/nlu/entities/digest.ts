/** Which digest a message names: "news", "weather" or "rates", from their words in English and German. */
import { type Entity, phraseEntities, type Reading } from "./entity.ts";

const DIGEST_WORDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "news",
    [
      "news",
      "headlines",
      "headline",
      "stories",
      "hacker news",
      "hn",
      "nachrichten",
      "nachricht",
      "schlagzeilen",
      "meldungen",
      "neuigkeiten",
    ],
  ],
  ["weather", ["weather", "forecast", "weather forecast", "wetter", "wetterbericht", "wettervorhersage"]],
  [
    "rates",
    [
      "rate",
      "rates",
      "exchange rate",
      "exchange rates",
      "currency rates",
      "kurs",
      "kurse",
      "wechselkurs",
      "wechselkurse",
      "devisenkurs",
    ],
  ],
];

const PHRASES = new Map(DIGEST_WORDS.flatMap(([digest, words]) => words.map((word) => [word, digest] as const)));

export function recogniseDigests(reading: Reading): Entity[] {
  return phraseEntities(reading.words, "digest", PHRASES, 2);
}

/** Every digest word, for spelling correction. */
export const DIGEST_VOCABULARY: readonly string[] = DIGEST_WORDS.flatMap(([, words]) =>
  words.flatMap((word) => word.split(" ")),
);
