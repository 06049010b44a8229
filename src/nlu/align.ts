/**
 * Lines a template up with a message, the way a person reads a message
 * against a phrasing they know: literal words match (exact or stemmed),
 * typed slots take a recognised entity, free slots (city, text) take the run
 * of words between the literals around them, and anything else is left over.
 * Dynamic programming over (message word, template part) finds the best
 * line-up in O(words × parts).
 */
import { type Entity, kindBit } from "./entities/index.ts";
import type { Message } from "./message.ts";
import { isFree, type Template } from "./template.ts";

/** What a slot took: an entity, or a run of words for a free slot. */
export interface Filled {
  readonly start: number;
  readonly end: number;
  readonly entity?: Entity;
}

export interface Alignment {
  readonly template: Template;
  /** How much of the template the message says (0 to 1), of the weight of all its parts. */
  readonly recall: number;
  readonly total: number;
  /** The weight of the message's words that the template explains, and of all its words. */
  readonly said: number;
  readonly all: number;
  /** Which words the template explains. */
  readonly explained: readonly boolean[];
  readonly filled: ReadonlyMap<string, Filled>;
}

/** Rewards and costs of each step; only their ratios matter. */
const TYPED_SLOT = 1.2;
export const FREE_SLOT = 0.6;
const FREE_WORD = 0.05;
const CORRECTED = 0.85;
const SKIP_LITERAL = 0.5;
const SKIP_WORD = 0.6;
const SKIP_OPTIONAL_SLOT = 0.3;
const SKIP_SLOT = 0.6;
/**
 * A word the templates use, swallowed by a free slot, is hardly explained: it
 * was likely meant as a cue. A function word or filler swallowed by a city is
 * not explained at all: place names seldom have them.
 */
export const KNOWN_IN_FREE = 0.25;
/** A recognised value (a time, an amount) swallowed by a free slot was likely meant for a slot of its own. */
export const ENTITY_IN_FREE = 0.5;
/** From a writer who capitalises, a lower-case word is a doubtful part of a place name ("look up the weather in Porto"). */
const LOWER_IN_CITY = 0.5;

/** The steps of a line-up, as stored for walking the best path back. */
const Move = {
  SkipWord: 1,
  ContinueFree: 2,
  MatchLiteral: 3,
  SkipLiteral: 4,
  TakeEntity: 5,
  SkipSlot: 6,
  StartFree: 7,
  SkipFree: 8,
} as const;
type Move = (typeof Move)[keyof typeof Move];

/** Scratch space reused across the templates of one message. */
export interface Scratch {
  score: Float64Array;
  from: Int32Array;
  move: Uint8Array;
}

const CLOCK_KINDS = kindBit("time") | kindBit("duration");

export function scratchFor(words: number, parts: number): Scratch {
  const size = (words + 1) * (parts + 1) * 2;
  return { score: new Float64Array(size), from: new Int32Array(size), move: new Uint8Array(size) };
}

export function align(template: Template, message: Message, scratch: Scratch): Alignment {
  const { parts } = template;
  const { words, weights, entitiesAt } = message;
  const n = words.length;
  const m = parts.length;
  const cell = (i: number, k: number, inFree: number) => (i * (m + 1) + k) * 2 + inFree;
  const size = (n + 1) * (m + 1) * 2;
  const { score, from, move } = scratch;
  score.fill(Number.NEGATIVE_INFINITY, 0, size);
  score[cell(0, 0, 0)] = 0;

  // A free text may not swallow an entity one of this template's typed slots is waiting for; a city swallows none.
  const { kinds } = message;
  const { typedKinds } = template;
  const relax = (to: number, value: number, origin: number, step: Move) => {
    if (value > (score[to] ?? Number.NEGATIVE_INFINITY)) {
      score[to] = value;
      from[to] = origin;
      move[to] = step;
    }
  };

  for (let i = 0; i <= n; i++) {
    for (let k = 0; k <= m; k++) {
      for (let inFree = 0; inFree <= 1; inFree++) {
        const here = cell(i, k, inFree);
        const value = score[here] ?? Number.NEGATIVE_INFINITY;
        if (value === Number.NEGATIVE_INFINITY) continue;
        const word = words[i];
        const covering = kinds[i] ?? 0;
        const previous = parts[k - 1];
        const continuing = previous?.kind === "slot" && previous.entity === "city" ? covering : covering & typedKinds;
        if (word) {
          relax(cell(i + 1, k, 0), value - (weights[i] ?? 0) * SKIP_WORD, here, Move.SkipWord);
          if (inFree && continuing === 0) relax(cell(i + 1, k, 1), value + FREE_WORD, here, Move.ContinueFree);
        }
        const part = parts[k];
        if (!part) continue;
        const blocked = part.kind === "slot" && part.entity === "city" ? covering : covering & typedKinds;
        if (part.kind === "word") {
          if (word && (word.key === part.key || (part.alternatives?.keys.has(word.key) ?? false))) {
            const reward = part.weight * (word.corrected ? CORRECTED : 1);
            relax(cell(i + 1, k + 1, 0), value + reward, here, Move.MatchLiteral);
          }
          relax(cell(i, k + 1, 0), value - part.weight * SKIP_LITERAL, here, Move.SkipLiteral);
        } else if (isFree(part.entity)) {
          if (word && blocked === 0) relax(cell(i + 1, k + 1, 1), value + FREE_WORD, here, Move.StartFree);
          relax(cell(i, k + 1, 0), value - FREE_SLOT, here, Move.SkipFree);
        } else {
          // An optional number stays empty rather than take the hour of a time: "um 8 Uhr" has no amount.
          const numeric = part.entity === "number" || part.entity === "count";
          const inClock = numeric && part.slot.optional === true && (covering & CLOCK_KINDS) !== 0;
          for (const entity of entitiesAt[i] ?? []) {
            if (entity.kind === part.entity && !inClock)
              relax(cell(entity.end, k + 1, 0), value + TYPED_SLOT, here, Move.TakeEntity);
          }
          const skip = part.slot.optional ? SKIP_OPTIONAL_SLOT : SKIP_SLOT;
          relax(cell(i, k + 1, 0), value - skip, here, Move.SkipSlot);
        }
      }
    }
  }

  const last = (score[cell(n, m, 1)] ?? Number.NEGATIVE_INFINITY) > (score[cell(n, m, 0)] ?? 0) ? 1 : 0;
  return trace(template, message, scratch, cell(n, m, last), m);
}

/** Walks the best path back and measures it. */
function trace(template: Template, message: Message, scratch: Scratch, end: number, m: number): Alignment {
  const { parts } = template;
  const { weights } = message;
  const explained = new Array<boolean>(message.words.length).fill(false);
  const absorbed = new Array<boolean>(message.words.length).fill(false);
  const cityWords = new Array<boolean>(message.words.length).fill(false);
  const filled = new Map<string, Filled>();
  let matched = 0;
  let total = 0;
  let here = end;
  while (here !== 0) {
    const step = scratch.move[here] as Move;
    const origin = scratch.from[here] ?? 0;
    const i = Math.floor(here / 2 / (m + 1));
    const k = Math.floor(here / 2) % (m + 1);
    const fromI = Math.floor(origin / 2 / (m + 1));
    const part = parts[k - 1];
    switch (step) {
      case Move.ContinueFree:
      case Move.StartFree: {
        explained[i - 1] = true;
        absorbed[i - 1] = true;
        if (part?.kind === "slot") {
          cityWords[i - 1] = part.entity === "city";
          const name = part.slot.name;
          const span = filled.get(name);
          filled.set(name, { start: i - 1, end: span?.end ?? i });
        }
        break;
      }
      case Move.MatchLiteral: {
        explained[i - 1] = true;
        const word = message.words[i - 1];
        if (part?.kind === "word") matched += part.weight * (word?.corrected ? CORRECTED : 1);
        break;
      }
      case Move.TakeEntity: {
        for (let j = fromI; j < i; j++) explained[j] = true;
        if (part?.kind === "slot") {
          const entity = message.entitiesAt[fromI]?.find((e) => e.kind === part.entity && e.end === i);
          filled.set(part.slot.name, { start: fromI, end: i, ...(entity ? { entity } : {}) });
        }
        break;
      }
      default:
        break;
    }
    here = origin;
  }
  for (const part of parts) {
    if (part.kind === "word") {
      total += part.weight;
      continue;
    }
    const free = isFree(part.entity);
    const worth = free ? FREE_SLOT : TYPED_SLOT;
    if (filled.has(part.slot.name)) {
      total += worth;
      matched += worth;
    } else {
      total += part.slot.optional ? worth * SKIP_OPTIONAL_SLOT : worth;
    }
  }
  // Place names are short: the third word of a city counts half, a fifth not at all.
  const cityCredit = new Array<number>(message.words.length).fill(1);
  for (const part of parts) {
    const span = part.kind === "slot" && part.entity === "city" ? filled.get(part.slot.name) : undefined;
    if (!span) continue;
    for (let i = span.start + 2; i < span.end; i++) cityCredit[i] = i - span.start >= 4 ? 0 : 0.5;
  }
  let said = 0;
  let all = 0;
  weights.forEach((weight, index) => {
    all += weight;
    if (!explained[index]) return;
    if (!absorbed[index]) said += weight;
    else if (cityWords[index] && message.functional[index]) said += 0;
    else {
      const entity = (message.kinds[index] ?? 0) & ~kindBit("digest") ? ENTITY_IN_FREE : 1;
      const cue = message.known[index];
      const lower = cityWords[index] && message.capitalising && !message.capitalised[index] ? LOWER_IN_CITY : 1;
      said += weight * (cue ? KNOWN_IN_FREE : entity) * (cityCredit[index] ?? 1) * lower;
    }
  });
  return { template, recall: total > 0 ? matched / total : 0, total, said, all, explained, filled };
}
