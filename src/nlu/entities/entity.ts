/** What the recognisers share: the words they read and the entities they find. */
import type { Token } from "../text.ts";
import { ENTITY_KINDS, type EntityKind, type Locale, type SlotValue } from "../types.ts";

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

/** One bit per kind, so "which kinds cover this word" is a number. */
export function kindBit(kind: EntityKind): number {
  return 1 << ENTITY_KINDS.indexOf(kind);
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
  const candidates: string[] = [];
  for (let start = 0; start < words.length; start++) {
    candidates.length = 0;
    let phrase = "";
    for (let end = start; end < Math.min(words.length, start + longest); end++) {
      phrase = end === start ? (words[end]?.word ?? "") : `${phrase} ${words[end]?.word ?? ""}`;
      candidates.push(phrase);
    }
    for (let length = candidates.length; length >= 1; length--) {
      const value = phrases.get(candidates[length - 1] ?? "");
      if (value === undefined) continue;
      found.push({ kind, start, end: start + length, value });
      start += length - 1;
      break;
    }
  }
  return found;
}
