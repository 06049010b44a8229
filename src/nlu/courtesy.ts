/**
 * A request wrapped in courtesy ("Hi there! … right now, thanks so much"):
 * a greeting or a thanks set apart by punctuation at either end of a message
 * is no part of what is asked, and would only dilute how well the request
 * itself reads. A message that is all courtesy ("good morning!") stays whole.
 */
import type { Word } from "./entities/index.ts";
import { FILLERS, STOPWORDS } from "./words.ts";

/** Words of greetings and thanks beyond the fillers and function words (folded; every greeting reads as "hi"). */
const COURTESY = new Set(
  "good morning evening afternoon day there all everyone folks dear guten morgen tag abend zusammen liebe lieber hallo leute"
    .split(" ")
    .concat("thanks thank you danke dir euch".split(" ")),
);

function isCourtesy(word: Word): boolean {
  return COURTESY.has(word.word) || FILLERS.has(word.word) || STOPWORDS.has(word.word);
}

/** Punctuation that ends a clause. */
const BREAK = /[!?.,;:]/;

/** `words` without courtesy clauses at their ends; clauses are runs of words between punctuation in `text`. */
export function withoutCourtesy(words: readonly Word[], text: string): readonly Word[] {
  const clauses: Word[][] = [];
  words.forEach((word, index) => {
    const gap = index === 0 ? "" : text.slice(words[index - 1]?.end ?? 0, word.start);
    const current = clauses.at(-1);
    if (!current || BREAK.test(gap)) clauses.push([word]);
    else current.push(word);
  });
  let first = 0;
  let last = clauses.length;
  const courteous = (clause: readonly Word[] | undefined) => clause?.every(isCourtesy) ?? false;
  while (first < last && courteous(clauses[first])) first++;
  while (last > first && courteous(clauses[last - 1])) last--;
  if (first === last || (first === 0 && last === clauses.length)) return words;
  return clauses.slice(first, last).flat();
}
