/** What the recognisers share: the words they read and the entities they find. */
import type { Token } from "../text.ts";
import type { EntityKind, Locale, SlotValue } from "../types.ts";

/** A token as the matcher reads it: spelling corrected and stemmed. */
export interface Word extends Token {
  /** The folded form, or the vocabulary word it is a typo of. */
  readonly word: string;
  /** The stem of `word`, what templates are matched on. */
  readonly key: string;
  /** Whether `word` is a correction rather than what was typed. */
  readonly corrected: boolean;
}

/** A typed value found in a message, over words `start` to `end` (exclusive). */
export interface Entity {
  readonly kind: EntityKind;
  readonly start: number;
  readonly end: number;
  readonly value: SlotValue;
}

/** The message a recogniser reads: its words, the original text, and the language. */
export interface Reading {
  readonly words: readonly Word[];
  readonly text: string;
  readonly locale: Locale;
}

export type Recogniser = (reading: Reading) => Entity[];

/**
 * Every match of `phrases` (sequences of folded words) in the words, longest
 * first at each position, as entities of one kind.
 */
export function phraseEntities(
  words: readonly Word[],
  kind: EntityKind,
  phrases: ReadonlyMap<string, SlotValue>,
  longest: number,
): Entity[] {
  const found: Entity[] = [];
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(longest, words.length - start); length >= 1; length--) {
      const phrase = words
        .slice(start, start + length)
        .map((word) => word.word)
        .join(" ");
      const value = phrases.get(phrase);
      if (value !== undefined) {
        found.push({ kind, start, end: start + length, value });
        start += length - 1;
        break;
      }
    }
  }
  return found;
}
