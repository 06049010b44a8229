/**
 * Templates compiled for matching: "how cold is it in {city}" becomes
 * literal words (folded, stemmed, weighted by how much they say about the
 * intent) and slots.
 */
import { digestKey, kindBit, type Word } from "./entities/index.ts";
import { fold, type Token, tokenizeWords } from "./text.ts";
import type { EntityKind, SlotSpec } from "./types.ts";
import { SHORT_FORMS, stem } from "./words.ts";

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

/** "{city}": a slot. */
const SLOT = /^\{([a-z_]+)\}$/i;
/** "(hot|cold|warm)": one literal that may be any of these words. */
const ALTERNATIVES = /^\(([^()|\s]+(?:\|[^()|\s]+)+)\)$/;

/** An alternative as a message word reads: folded, and a short form as what it stands for ("hello" is "hi"). */
function alternative(word: string): string {
  const folded = fold(word);
  const long = SHORT_FORMS.get(folded);
  return long !== undefined && !long.includes(" ") ? long : folded;
}

/**
 * Splits a template into parts; a slot it names that the spec lacks is a
 * mistake in the examples. A group of alternatives is one literal that
 * matches any of its words. Runs of plain words are read as a message's
 * words are, so "to do" and short forms come out the same.
 */
export function compileTemplate(source: string, slots: readonly SlotSpec[]): Template {
  const parts: TemplatePart[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    for (const token of tokenizeWords(run.join(" "))) {
      parts.push({ kind: "word", word: token.norm, key: keyOf(token.norm), weight: 1 });
    }
    run = [];
  };
  for (const piece of source.split(" ")) {
    const name = SLOT.exec(piece)?.[1];
    const group = name === undefined ? ALTERNATIVES.exec(piece)?.[1] : undefined;
    if (name === undefined && group === undefined) {
      if (piece !== "") run.push(piece);
      continue;
    }
    flush();
    if (group !== undefined) {
      const words = group.split("|").map(alternative);
      const word = words[0] ?? "";
      parts.push({
        kind: "word",
        word,
        key: keyOf(word),
        alternatives: { words, keys: new Set(words.map(keyOf)) },
        weight: 1,
      });
      continue;
    }
    const slot = slots.find((spec) => spec.name === name);
    if (!slot) throw new Error(`Template "${source}" names a slot "${name}" that is not declared`);
    parts.push({ kind: "slot", slot, entity: entityOf(slot) });
  }
  flush();
  const typedKinds = parts.reduce(
    (mask, part) => (part.kind === "slot" && !isFree(part.entity) ? mask | kindBit(part.entity) : mask),
    0,
  );
  return { source, parts, typedKinds };
}
