/**
 * Typo correction against the words the matcher knows ("wether" → "weather",
 * "convrt" → "convert"). Known words are kept by length, so a typo is only
 * compared with words about as long that start alike; building that index is
 * one pass, which keeps training cheap.
 */

export interface Speller {
  /** The known word `word` is a typo of, or `word` itself. */
  correct(word: string): string;
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

/** Typos rarely hit both of the first two letters. */
function startsAlike(a: string, b: string): boolean {
  return a[0] === b[0] || a[1] === b[1] || (a[0] === b[1] && a[1] === b[0]);
}

export function buildSpeller(vocabulary: Iterable<string>): Speller {
  const known = new Set(vocabulary);
  const byLength = new Map<number, string[]>();
  for (const word of known) {
    if (word.length < MIN_KNOWN_LENGTH || !/^[a-z]+$/.test(word)) continue;
    const list = byLength.get(word.length);
    if (list) list.push(word);
    else byLength.set(word.length, [word]);
  }
  return {
    knows: (word) => known.has(word),
    correct(word) {
      if (known.has(word) || word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return word;
      let best = word;
      let bestDistance = Number.POSITIVE_INFINITY;
      const reach = allowedDistance(word);
      for (let length = word.length - reach; length <= word.length + reach; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          if (!startsAlike(word, candidate)) continue;
          const distance = editDistance(word, candidate);
          if (distance <= allowedDistance(candidate) && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
          }
        }
      }
      return best;
    },
  };
}
