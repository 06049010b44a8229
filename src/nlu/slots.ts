/**
 * From a line-up to arguments: free slots cut from the message and trimmed,
 * typed slots from the entities the template placed or, failing that, from
 * the message's other entities of the right kind; values in the form the
 * handler accepts.
 */
import { type Alignment, type Filled, FREE_SLOT } from "./align.ts";
import { orderPair } from "./currency-pair.ts";
import type { Entity } from "./entities/index.ts";
import { cut, unsaid } from "./free-slot.ts";
import type { Message } from "./message.ts";
import type { Unit } from "./model.ts";
import { entityOf, isFree } from "./template.ts";
import type { EntityKind, SlotSpec, SlotValue } from "./types.ts";
import { FILLERS, STOPWORDS } from "./words.ts";

function insideClock(entity: Entity, message: Message): boolean {
  return (
    (entity.kind === "number" || entity.kind === "count") &&
    message.entities.some(
      (other) =>
        (other.kind === "time" || other.kind === "duration") && other.start <= entity.start && entity.end <= other.end,
    )
  );
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
  /** Weight of words the template left over that a city or an unplaced entity took after all. */
  readonly recovered: number;
  /** The line-up's recall, less the free slots that took words but said nothing ("what's on my list"). */
  readonly recall: number;
}

/**
 * A city the template did not place: the longest run of words nobody
 * explains and nothing recognises ("subscribe weather Paris 07:30"). A word
 * the bot knows belongs to the run only beside one it does not ("new York").
 */
function leftoverRun(alignment: Alignment, message: Message, capitalOnly: boolean): Filled | undefined {
  const { words } = message;
  // A writer who capitalises capitalises place names; a lower-case word is then no city.
  const capitalising = capitalOnly || message.capitalising;
  const open = words.map(
    (word, index) =>
      !alignment.explained[index] &&
      !FILLERS.has(word.norm) &&
      !STOPWORDS.has(word.norm) &&
      !message.entities.some((e) => e.start <= index && index < e.end),
  );
  const named = (index: number) => open[index] === true && !message.known[index];
  let best: Filled | undefined;
  for (let start = 0; start < words.length; start++) {
    if (!open[start] || (capitalising && !message.capitalised[start])) continue;
    let end = start;
    while (end < words.length && open[end]) end++;
    let hasName = false;
    for (let i = start; i < end; i++) hasName ||= named(i);
    if (hasName && (!best || end - start > best.end - best.start)) best = { start, end };
    start = end - 1;
  }
  return best;
}

export function fillSlots(unit: Unit, alignment: Alignment, message: Message, text: string): Filling {
  const args: Record<string, SlotValue> = {};
  const used: { start: number; end: number }[] = [];
  const { slots } = unit.understandable;

  let recovered = 0;
  let recall = alignment.recall;
  for (const slot of slots) {
    const kind = entityOf(slot);
    if (!isFree(kind)) continue;
    const placed = alignment.filled.get(slot.name);
    // A phrasing that had a place for the city and left it empty takes a leftover only if it is capitalised.
    const hadPlace = alignment.template.parts.some((part) => part.kind === "slot" && part.slot.name === slot.name);
    const span = placed ?? (kind === "city" ? leftoverRun(alignment, message, hadPlace) : undefined);
    if (!span) continue;
    const kept = cut(unit, slot.name, kind === "city" ? "city" : "text", span, message, text);
    if (placed && kind === "text") recovered -= unsaid(span, kept, message);
    if (placed && !kept.said && alignment.total > 0) recall -= FREE_SLOT / alignment.total;
    if (kept.value === undefined) continue;
    args[slot.name] = kept.value;
    used.push(span);
    if (!placed) for (let i = span.start; i < span.end; i++) recovered += message.weights[i] ?? 0;
  }

  const free = (entity: Entity) => !overlaps(entity, used);
  const currencySlots = slots.filter((slot) => entityOf(slot) === "currency");
  const currencies = message.entities.filter((entity) => entity.kind === "currency" && free(entity));
  const amounts = message.entities.filter((entity) => entity.kind === "number");
  const [a, b] = currencies;
  const pair = a && b ? orderPair(a, b, message.words, amounts) : a ? [a] : [];
  // An entity the phrasing did not place still fills a slot of the intent: its words are explained after all.
  const take = (entity: Entity) => {
    used.push(entity);
    for (let i = entity.start; i < entity.end; i++) if (!alignment.explained[i]) recovered += message.weights[i] ?? 0;
  };
  currencySlots.forEach((slot, index) => {
    const entity = pair[index];
    if (!entity) return;
    args[slot.name] = entity.value;
    take(entity);
  });

  const typed = slots
    .filter((slot) => !isFree(entityOf(slot)) && entityOf(slot) !== "currency")
    .sort((x, y) => ORDER.indexOf(entityOf(x)) - ORDER.indexOf(entityOf(y)));
  for (const slot of typed) {
    const kind = entityOf(slot);
    const placed = alignment.filled.get(slot.name)?.entity;
    // "17" in "um 17 Uhr" is a time, not an amount: a number inside a time or a delay is none.
    const candidates = message.entities.filter(
      (entity) => entity.kind === kind && free(entity) && (entity === placed || !insideClock(entity, message)),
    );
    // An amount sits beside its currency: "100 USD", "$300".
    const beside = candidates.find((entity) =>
      currencySlots.length > 0 ? pair.some((c) => c.end === entity.start || c.start === entity.end) : false,
    );
    const entity = placed && free(placed) ? placed : (beside ?? candidates[0]);
    if (!entity) continue;
    const value = convert(slot, entity.value);
    if (value === undefined) continue;
    args[slot.name] = value;
    take(entity);
  }

  for (const slot of slots) {
    const implied = Object.entries(slot.impliedBy ?? {}).find(([other]) => args[other] !== undefined);
    if (args[slot.name] === undefined && implied) args[slot.name] = implied[1];
  }
  const missing = slots.filter((slot) => !slot.optional && args[slot.name] === undefined).map((slot) => slot.name);
  return { args, missing, recovered, recall };
}
