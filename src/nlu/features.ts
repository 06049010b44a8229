/**
 * The bag of features a message or template is compared by: its telling
 * words (stemmed), a class for each entity ("#currency", "#time"), "#free"
 * for a run of words nothing knows (a city, a to-do), and neighbouring pairs
 * of these, so "weather in" and "remind me" count as phrases.
 */
import type { Entity, Word } from "./entities/index.ts";
import type { EntityKind } from "./types.ts";
import { FILLERS } from "./words.ts";

/** Numbers and counts read the same; free kinds read as "#free". */
function classOf(kind: EntityKind): string {
  if (kind === "text" || kind === "city") return "#free";
  if (kind === "count") return "#number";
  return `#${kind}`;
}

/** Which entity wins where two overlap: the more specific reading first. */
const PRIORITY: readonly EntityKind[] = ["time", "duration", "zone", "currency", "rhythm", "digest", "number", "count"];

/** Non-overlapping entities, most specific first, longest first within a kind. */
function dominant(entities: readonly Entity[]): Entity[] {
  const chosen: Entity[] = [];
  const ranked = [...entities].sort(
    (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start),
  );
  for (const entity of ranked) {
    if (chosen.some((other) => other.start < entity.end && entity.start < other.end)) continue;
    chosen.push(entity);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** A message or template as a sequence of items: stems, entity classes, "#free". */
export type Item = string;

/**
 * The items of a word sequence. `known` says which stems the matcher has
 * seen; the rest are free words. Digest words keep their stem as well as
 * their class, since "weather" or "news" alone name an intent.
 */
export function itemsOf(words: readonly Word[], entities: readonly Entity[], known: (key: string) => boolean): Item[] {
  const items: Item[] = [];
  const byStart = new Map(dominant(entities).map((entity) => [entity.start, entity]));
  for (let i = 0; i < words.length; i++) {
    const entity = byStart.get(i);
    if (entity) {
      items.push(classOf(entity.kind));
      if (entity.kind === "digest") for (let j = i; j < entity.end; j++) items.push(words[j]?.key ?? "");
      i = entity.end - 1;
      continue;
    }
    const word = words[i];
    if (!word || FILLERS.has(word.word)) continue;
    if (known(word.key)) items.push(word.key);
    else if (items.at(-1) !== "#free") items.push("#free");
  }
  return items;
}

/** Items and pairs of neighbouring items. */
export function featuresOf(items: readonly Item[]): Set<string> {
  const features = new Set<string>(items);
  for (let i = 1; i < items.length; i++) features.add(`${items[i - 1]} ${items[i]}`);
  return features;
}
