/**
 * Templates compiled for matching: "how cold is it in {city}" becomes
 * literal words (folded, stemmed, weighted by how much they say about the
 * intent) and slots.
 */
import { digestKey, kindBit, type Word } from "./entities/index.ts";
import { fold, type Token, tokenizeWords } from "./text.ts";
import type { EntityKind, SlotSpec } from "./types.ts";
import { stem } from "./words.ts";

export type TemplatePart =
  | {
      readonly kind: "word";
      readonly word: string;
      readonly key: string;
      /** For "(hot|cold|warm)" in a template: every word the literal may be; `word` is the first. */
      readonly alternatives?: Alternatives;
      weight: number;
    }
  | { readonly kind: "slot"; readonly slot: SlotSpec; readonly entity: EntityKind };

export interface Alternatives {
  readonly words: readonly string[];
  readonly keys: ReadonlySet<string>;
}

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** The kinds of its typed slots (see `kindBit`): entities a free slot must leave to them. */
  readonly typedKinds: number;
}

/** The recogniser a slot uses when its spec names none. */
export function entityOf(slot: SlotSpec): EntityKind {
  if (slot.entity) return slot.entity;
  return slot.type === "string" ? "text" : slot.type === "integer" ? "count" : "number";
}

/** Slots whose value is free words cut from the message rather than a recognised entity. */
export function isFree(kind: EntityKind): boolean {
  return kind === "text" || kind === "city";
}

/** What a word is matched by: its stem, or for a digest word the digest it names ("stories" is "news"). */
export function keyOf(word: string): string {
  return digestKey(word) ?? stem(word);
}

/** A token read as typed, without correction. */
export function wordOf(token: Token): Word {
  return { ...token, word: token.norm, key: keyOf(token.norm), corrected: false };
}

const SLOT = /\{([a-z_]+)\}/gi;
/** Alternative words for one literal: "is it (hot|cold|warm) in {city}". */
const ALTERNATIVES = /\(([^()|\s]+(?:\|[^()|\s]+)+)\)/g;

/**
 * Splits a template into parts; a slot it names that the spec lacks is a
 * mistake in the examples. A group of alternatives is one literal that
 * matches any of its words.
 */
export function compileTemplate(source: string, slots: readonly SlotSpec[]): Template {
  const parts: TemplatePart[] = [];
  // Alternatives read as their first word, in place, so words keep their offsets.
  const groups = new Map<number, string[]>();
  const blanked = source.replace(SLOT, (slot) => " ".repeat(slot.length));
  const plain = !blanked.includes("(")
    ? blanked
    : blanked.replace(ALTERNATIVES, (group: string, list: string, offset: number) => {
        const words = list.split("|").map(fold);
        groups.set(offset + 1, words);
        const first = words[0] ?? "";
        return ` ${first}${" ".repeat(Math.max(0, group.length - first.length - 1))}`;
      });
  const tokens = tokenizeWords(plain);
  let next = 0;
  const wordsBefore = (offset: number) => {
    for (; next < tokens.length && (tokens[next]?.start ?? offset) < offset; next++) {
      const token = tokens[next];
      if (!token) continue;
      const key = keyOf(token.norm);
      const words = groups.get(token.start);
      const alternatives = words ? { alternatives: { words, keys: new Set(words.map(keyOf)) } } : {};
      parts.push({ kind: "word", word: token.norm, key, ...alternatives, weight: 1 });
    }
  };
  for (const match of source.matchAll(SLOT)) {
    const name = match[1] ?? "";
    const slot = slots.find((spec) => spec.name === name);
    if (!slot) throw new Error(`Template "${source}" names a slot "${name}" that is not declared`);
    wordsBefore(match.index);
    parts.push({ kind: "slot", slot, entity: entityOf(slot) });
  }
  wordsBefore(source.length);
  const typedKinds = parts.reduce(
    (mask, part) => (part.kind === "slot" && !isFree(part.entity) ? mask | kindBit(part.entity) : mask),
    0,
  );
  return { source, parts, typedKinds };
}
