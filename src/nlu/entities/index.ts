/** Every recogniser over one message, and the words they know for spelling correction. */
import { CURRENCY_WORDS, recogniseCurrencies } from "./currency.ts";
import { DIGEST_VOCABULARY, recogniseDigests } from "./digest.ts";
import { DURATION_WORDS, recogniseDurations } from "./duration.ts";
import type { Entity, Reading, Recogniser } from "./entity.ts";
import { NUMBER_WORDS, recogniseNumbers } from "./number.ts";
import { RHYTHM_WORDS, recogniseRhythms } from "./rhythm.ts";
import { recogniseTimes, TIME_WORDS } from "./time.ts";
import { recogniseZones } from "./zone.ts";

export { digestKey } from "./digest.ts";
export { type Entity, kindBit, type Reading, type Word } from "./entity.ts";

const RECOGNISERS: readonly Recogniser[] = [
  recogniseCurrencies,
  recogniseDigests,
  recogniseDurations,
  recogniseNumbers,
  recogniseRhythms,
  recogniseTimes,
  recogniseZones,
];

/** All entities in the message, by position; they may overlap ("7" is a number inside "at 7"). */
export function recognise(reading: Reading): Entity[] {
  return RECOGNISERS.flatMap((recogniser) => recogniser(reading)).sort((a, b) => a.start - b.start || b.end - a.end);
}

export const ENTITY_WORDS: readonly string[] = [
  ...CURRENCY_WORDS,
  ...DIGEST_VOCABULARY,
  ...DURATION_WORDS,
  ...NUMBER_WORDS,
  ...RHYTHM_WORDS,
  ...TIME_WORDS,
];
