/**
 * Templates compiled for matching: "how cold is it in {city}" becomes
 * literal words (folded, stemmed, weighted by how much they say about the
 * intent) and slots.
 */
import { kindBit, type Word } from "./entities/index.ts";
import { type Token, tokenize } from "./text.ts";
import type { EntityKind, SlotSpec } from "./types.ts";
import { stem } from "./words.ts";

export type TemplatePart =
  | { readonly kind: "word"; readonly word: string; readonly key: string; weight: number }
  | { readonly kind: "slot"; readonly slot: SlotSpec; readonly entity: EntityKind };

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

/** A token read as typed, without correction. */
export function wordOf(token: Token): Word {
  return { ...token, word: token.norm, key: stem(token.norm), corrected: false };
}

/** Splits a template into parts; a slot it names that the spec lacks is a mistake in the examples. */
export function compileTemplate(source: string, slots: readonly SlotSpec[]): Template {
  const parts: TemplatePart[] = [];
  for (const piece of source.split(/(\{[a-z_]+\})/i)) {
    const name = /^\{([a-z_]+)\}$/i.exec(piece)?.[1];
    if (name) {
      const slot = slots.find((spec) => spec.name === name);
      if (!slot) throw new Error(`Template "${source}" names a slot "${name}" that is not declared`);
      parts.push({ kind: "slot", slot, entity: entityOf(slot) });
      continue;
    }
    for (const token of tokenize(piece).tokens) {
      const word = wordOf(token);
      parts.push({ kind: "word", word: word.word, key: word.key, weight: 1 });
    }
  }
  const typedKinds = parts.reduce(
    (mask, part) => (part.kind === "slot" && !isFree(part.entity) ? mask | kindBit(part.entity) : mask),
    0,
  );
  return { source, parts, typedKinds };
}
