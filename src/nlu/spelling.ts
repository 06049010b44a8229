/**
 * Typo correction against the words the matcher knows ("wether" → "weather",
 * "convrt" → "convert"). Known words are kept by length, so a typo is only
 * compared with words about as long that start alike; building that index is
 * one pass, which keeps training cheap.
 */
import type { Locale } from "./types.ts";
import { FILLERS, STOPWORDS } from "./words.ts";

export interface Speller {
  /** The known word `word` is a typo of, or `word` itself; a tie goes to a word of the `preferred` language. */
  correct(word: string, preferred?: Locale): string;
  /** Whether the word is known as it is. */
  knows(word: string): boolean;
}

/** Short words have too many neighbours to guess safely; three-letter words can still be what a typo meant. */
const MIN_LENGTH = 4;
const MIN_KNOWN_LENGTH = 3;

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + 1,
        (d[i * cols + j - 1] ?? 0) + 1,
        (d[(i - 1) * cols + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

/** One typo in a short word, two in a long one. */
function allowedDistance(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

/** "hello" and "helo" differ only in a doubled letter: the likeliest typo of all. */
function collapsed(word: string): string {
  return word.replace(/(.)\1+/g, "$1");
}

/** How far a typo is from a known word; a dropped or doubled letter counts half, so "helo" is "hello" before "help". */
function typoDistance(word: string, known: string): number {
  const distance = editDistance(word, known);
  return distance > 0 && collapsed(word) === collapsed(known) ? distance - 0.5 : distance;
}

/** Four letters leave too many neighbours ("york", "work"): only swapped, doubled or dropped repeated letters count. */
const SHORT_TYPO = 4;

function isSwapOrDouble(word: string, known: string): boolean {
  const sorted = (letters: string) => [...letters].sort().join("");
  return collapsed(word) === collapsed(known) || (word.length === known.length && sorted(word) === sorted(known));
}

/** Typos rarely hit both of the first two letters. */
function startsAlike(a: string, b: string): boolean {
  return a[0] === b[0] || a[1] === b[1] || (a[0] === b[1] && a[1] === b[0]);
}

/**
 * `vocabulary` lists each known word with the language it belongs to, if any.
 * `commands` are the bot's command names: typed alone as a request, a short
 * one may be missed by any one letter ("halp", "newz").
 */
export function buildSpeller(
  vocabulary: Iterable<readonly [string, Locale | undefined]>,
  commands: ReadonlySet<string> = new Set(),
): Speller {
  const languages = new Map<string, Set<Locale>>();
  for (const [word, locale] of vocabulary) {
    const set = languages.get(word) ?? new Set<Locale>();
    if (locale) set.add(locale);
    languages.set(word, set);
  }
  const known = new Set(languages.keys());
  const byLength = new Map<number, string[]>();
  for (const word of known) {
    // Function words are known but never a correction: "Wien" and "Main" are no typos of "wie" and "mein".
    if (word.length < MIN_KNOWN_LENGTH || !/^[a-z]+$/.test(word) || STOPWORDS.has(word) || FILLERS.has(word)) continue;
    const list = byLength.get(word.length);
    if (list) list.push(word);
    else byLength.set(word.length, [word]);
  }
  return {
    knows: (word) => known.has(word),
    correct(word, preferred) {
      if (known.has(word) || word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return word;
      let best = word;
      let bestDistance = Number.POSITIVE_INFINITY;
      let bestPreferred = false;
      // A long word may lack two letters of a longer one ("abonier", "abonniere").
      const reach = word.length >= 7 ? 2 : 1;
      for (let length = word.length - reach; length <= word.length + reach; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          if (!startsAlike(word, candidate)) continue;
          const distance = typoDistance(word, candidate);
          if (distance > allowedDistance(candidate)) continue;
          if (word.length <= SHORT_TYPO && !isSwapOrDouble(word, candidate) && !commands.has(candidate)) continue;
          const isPreferred = preferred !== undefined && (languages.get(candidate)?.has(preferred) ?? false);
          if (distance < bestDistance || (distance === bestDistance && isPreferred && !bestPreferred)) {
            best = candidate;
            bestDistance = distance;
            bestPreferred = isPreferred;
          }
        }
      }
      return best;
    },
  };
}
