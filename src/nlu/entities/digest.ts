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
      "story",
      "storys",
      "articles",
      "artikel",
      "posts",
      "hacker news",
      "hn",
      "nachrichten",
      "nachricht",
      "schlagzeilen",
      "meldungen",
      "neuigkeiten",
    ],
  ],
  [
    "weather",
    ["weather", "forecast", "weather forecast", "weather report", "wetter", "wetterbericht", "wettervorhersage"],
  ],
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

/** Single words naming a digest: in a template or a message, any of them says the same ("news", "Nachrichten", "stories"). */
const SYNONYMS = new Map(
  DIGEST_WORDS.flatMap(([digest, words]) =>
    words.filter((word) => !word.includes(" ")).map((word) => [word, `#${digest}`] as const),
  ),
);

/** The key a digest word is matched by, shared with its synonyms; undefined for other words. */
export function digestKey(word: string): string | undefined {
  return SYNONYMS.get(word);
}

/** How many of the words from `start` name a digest ("hacker news" is two), or 0. */
export function digestLength(words: readonly string[], start: number): number {
  if (PHRASES.has(`${words[start]} ${words[start + 1]}`)) return 2;
  return PHRASES.has(words[start] ?? "") ? 1 : 0;
}

export function recogniseDigests(reading: Reading): Entity[] {
  return phraseEntities(reading.words, "digest", PHRASES, 2);
}

/** Every digest word, for spelling correction. */
export const DIGEST_VOCABULARY: readonly string[] = DIGEST_WORDS.flatMap(([, words]) =>
  words.flatMap((word) => word.split(" ")),
);
