/**
 * From a line-up to arguments: free slots cut from the message and trimmed,
 * typed slots from the entities the template placed or, failing that, from
 * the message's other entities of the right kind; values in the form the
 * handler accepts.
 */
import type { Alignment, Filled } from "./align.ts";
import { orderPair } from "./currency-pair.ts";
import type { Entity, Word } from "./entities/index.ts";
import type { Message } from "./message.ts";
import type { Unit } from "./model.ts";
import { entityOf, isFree } from "./template.ts";
import type { EntityKind, SlotSpec, SlotValue } from "./types.ts";
import { FILLERS, STOPWORDS } from "./words.ts";

/** Words a free slot does not begin with: the cue before it, when the template had another. */
const LEADING: Readonly<Record<"city" | "text", ReadonlySet<string>>> = {
  city: new Set([
    "in",
    "for",
    "at",
    "of",
    "fur",
    "im",
    "bei",
    "near",
    "around",
    "like",
    "today",
    "tomorrow",
    "heute",
    "morgen",
  ]),
  text: new Set(["to", "that", "about", "an", "ans", "daran", "dass", "me", "mich", "mir", "down"]),
};

/** Words a free slot does not end with: times of day, and for a city a verb after it ("… Main ist"). */
const TRAILING: Readonly<Record<"city" | "text", ReadonlySet<string>>> = {
  city: new Set(
    "today tomorrow now right currently tonight this weekend week morning evening afternoon like is heute morgen gerade jetzt aktuell ist sein wochenende woche abend".split(
      " ",
    ),
  ),
  text: new Set(["for", "me", "mir"]),
};

/** Quotes and punctuation around a cut-out value. */
const EDGES = /^[\s"'“”‘’„«»:,;.!?()-]+|[\s"'“”‘’„«»:,;.!?()-]+$/g;

/**
 * The words of a free slot without cue words at its edges: fillers, the
 * unit's cues around this slot, and for a city any word the unit's templates
 * use ("like in Lisbon today" → "Lisbon").
 */
function cut(unit: Unit, name: string, kind: "city" | "text", span: Filled, message: Message, text: string) {
  const { words } = message;
  const cues = unit.cues.get(name);
  const edge = (word: Word | undefined, fixed: ReadonlySet<string>, learned: ReadonlySet<string> | undefined) =>
    word !== undefined &&
    (FILLERS.has(word.norm) ||
      fixed.has(word.norm) ||
      (learned?.has(word.word) ?? false) ||
      (kind === "city" && (STOPWORDS.has(word.norm) || unit.vocabulary.has(word.norm))));
  let from = span.start;
  let to = span.end;
  while (to > from && edge(words[to - 1], TRAILING[kind], cues?.after)) to--;
  // "looking in Hamburg": a cue inside a city's words starts the city.
  if (kind === "city") {
    for (let i = to - 2; i > from; i--) {
      const word = words[i]?.norm ?? "";
      if (LEADING.city.has(word) || (cues?.before.has(word) ?? false)) {
        from = i + 1;
        break;
      }
    }
  }
  while (from < to && edge(words[from], LEADING[kind], cues?.before)) from++;
  const first = words[from];
  const last = words[to - 1];
  if (!first || !last || from >= to) return undefined;
  const value = text.slice(first.start, last.end).replace(EDGES, "").replace(/\s+/g, " ");
  return value === "" ? undefined : value;
}

function overlaps(entity: Entity, spans: readonly { start: number; end: number }[]): boolean {
  return spans.some((span) => span.start < entity.end && entity.start < span.end);
}

function convert(slot: SlotSpec, value: SlotValue): SlotValue | undefined {
  if (slot.type === "string") return String(value);
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(number) || (slot.type === "integer" && !Number.isInteger(number))) return undefined;
  return number;
}

/** Typed slots are filled most specific kind first, so "7" in "at 7" is a time before it can be a count. */
const ORDER: readonly EntityKind[] = ["time", "duration", "zone", "rhythm", "digest", "currency", "number", "count"];

export interface Filling {
  readonly args: Record<string, SlotValue>;
  readonly missing: string[];
  /** Weight of words the template left over that a city took after all. */
  readonly recovered: number;
}

/**
 * A city the template did not place: the longest run of words nobody
 * explains and nothing recognises ("subscribe weather Paris 07:30").
 */
function leftoverRun(alignment: Alignment, message: Message, capitalOnly: boolean): Filled | undefined {
  let best: Filled | undefined;
  let start = -1;
  // A writer who capitalises capitalises place names; a lower-case word is then no city.
  const capitalising = capitalOnly || message.words.some((word) => /^\p{Lu}/u.test(word.raw));
  message.words.forEach((word, index) => {
    const free =
      (start >= 0 || !capitalising || /^\p{Lu}/u.test(word.raw)) &&
      !alignment.explained[index] &&
      !message.known[index] &&
      !FILLERS.has(word.norm) &&
      !STOPWORDS.has(word.norm) &&
      !message.entities.some((e) => e.start <= index && index < e.end);
    if (free && start < 0) start = index;
    const ends = !free || index === message.words.length - 1;
    if (ends && start >= 0) {
      const end = free ? index + 1 : index;
      if (!best || end - start > best.end - best.start) best = { start, end };
      start = -1;
    }
  });
  return best;
}

export function fillSlots(unit: Unit, alignment: Alignment, message: Message, text: string): Filling {
  const args: Record<string, SlotValue> = {};
  const used: { start: number; end: number }[] = [];
  const { slots } = unit.understandable;

  let recovered = 0;
  for (const slot of slots) {
    const kind = entityOf(slot);
    if (!isFree(kind)) continue;
    const placed = alignment.filled.get(slot.name);
    // A phrasing that had a place for the city and left it empty takes a leftover only if it is capitalised.
    const hadPlace = alignment.template.parts.some((part) => part.kind === "slot" && part.slot.name === slot.name);
    const span = placed ?? (kind === "city" ? leftoverRun(alignment, message, hadPlace) : undefined);
    if (!span) continue;
    const value = cut(unit, slot.name, kind === "city" ? "city" : "text", span, message, text);
    if (value === undefined) continue;
    args[slot.name] = value;
    used.push(span);
    if (!placed) for (let i = span.start; i < span.end; i++) recovered += message.weights[i] ?? 0;
  }

  const free = (entity: Entity) => !overlaps(entity, used);
  const currencySlots = slots.filter((slot) => entityOf(slot) === "currency");
  const currencies = message.entities.filter((entity) => entity.kind === "currency" && free(entity));
  const amounts = message.entities.filter((entity) => entity.kind === "number");
  const [a, b] = currencies;
  const pair = a && b ? orderPair(a, b, message.words, amounts) : a ? [a] : [];
  currencySlots.forEach((slot, index) => {
    const entity = pair[index];
    if (!entity) return;
    args[slot.name] = entity.value;
    used.push(entity);
  });

  const typed = slots
    .filter((slot) => !isFree(entityOf(slot)) && entityOf(slot) !== "currency")
    .sort((x, y) => ORDER.indexOf(entityOf(x)) - ORDER.indexOf(entityOf(y)));
  for (const slot of typed) {
    const kind = entityOf(slot);
    const placed = alignment.filled.get(slot.name)?.entity;
    const candidates = message.entities.filter((entity) => entity.kind === kind && free(entity));
    // An amount sits beside its currency: "100 USD", "$300".
    const beside = candidates.find((entity) =>
      currencySlots.length > 0 ? pair.some((c) => c.end === entity.start || c.start === entity.end) : false,
    );
    const entity = placed && free(placed) ? placed : (beside ?? candidates[0]);
    if (!entity) continue;
    const value = convert(slot, entity.value);
    if (value === undefined) continue;
    args[slot.name] = value;
    used.push(entity);
  }

  const missing = slots.filter((slot) => !slot.optional && args[slot.name] === undefined).map((slot) => slot.name);
  return { args, missing, recovered };
}
