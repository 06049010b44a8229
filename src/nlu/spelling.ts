/**
 * Typo correction against the words the matcher knows ("wether" → "weather",
 * "convrt" → "convert"). Uses symmetric deletion: every known word is indexed
 * under itself and each form with one letter left out, so a typo is looked up
 * in a handful of map reads instead of comparing it with every word.
 */

export interface Speller {
  /** The known word `word` is a typo of, or `word` itself. */
  correct(word: string): string;
  /** Whether the word is known as it is. */
  knows(word: string): boolean;
}

/** Short words have too many neighbours to guess safely. */
const MIN_LENGTH = 4;

function deletions(word: string): string[] {
  const forms: string[] = [];
  for (let i = 0; i < word.length; i++) forms.push(word.slice(0, i) + word.slice(i + 1));
  return forms;
}

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

export function buildSpeller(vocabulary: Iterable<string>): Speller {
  const frequency = new Map<string, number>();
  for (const word of vocabulary) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const index = new Map<string, string[]>();
  for (const word of frequency.keys()) {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) continue;
    for (const form of [word, ...deletions(word)]) {
      const list = index.get(form);
      if (list) list.push(word);
      else index.set(form, [word]);
    }
  }
  return {
    knows: (word) => frequency.has(word),
    correct(word) {
      if (frequency.has(word) || word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return word;
      let best = word;
      let bestDistance = Number.POSITIVE_INFINITY;
      let bestFrequency = 0;
      for (const form of [word, ...deletions(word)]) {
        for (const known of index.get(form) ?? []) {
          const distance = editDistance(word, known);
          const count = frequency.get(known) ?? 0;
          if (distance > allowedDistance(known)) continue;
          if (distance < bestDistance || (distance === bestDistance && count > bestFrequency)) {
            best = known;
            bestDistance = distance;
            bestFrequency = count;
          }
        }
      }
      return best;
    },
  };
}
