/**
 * Which of two currencies is converted from and which to. Word order is a
 * weak hint ("how many yen is 10 euros" converts euros); the words around
 * each currency are strong ones: "to", "in", "zu" before the target, "from",
 * "von" before the source, an amount beside the source, "how many" before the
 * target. Two currencies side by side read in the order written.
 */
import type { Entity, Word } from "./entities/index.ts";

const TO_CUES = new Set(["to", "into", "in", "zu", "zum", "nach"]);
const FROM_CUES = new Set(["from", "von", "vom", "aus", "between", "zwischen"]);
const HOW_MANY = new Set(["how many", "how much", "wie viel", "wie viele", "wieviel", "wieviele"]);
const ARTICLES = new Set(["the", "a", "an", "der", "die", "das", "den", "dem", "ein", "einen", "us"]);

function before(words: readonly Word[], index: number, count: number): string {
  let end = index;
  while (end > 0 && ARTICLES.has(words[end - 1]?.word ?? "")) end--;
  return words
    .slice(Math.max(0, end - count), end)
    .map((word) => word.word)
    .join(" ");
}

/** How much the words around a currency say it is the target (positive) or the source (negative). */
function targetScore(entity: Entity, words: readonly Word[], amounts: readonly Entity[]): number {
  let score = 0;
  if (TO_CUES.has(before(words, entity.start, 1))) score += 2;
  if (FROM_CUES.has(before(words, entity.start, 1))) score -= 2;
  const pair = before(words, entity.start, 2);
  if (HOW_MANY.has(pair) || HOW_MANY.has(before(words, entity.start, 1))) score += 2;
  if (amounts.some((amount) => amount.end === entity.start || amount.start === entity.end)) score -= 1.5;
  return score;
}

/** The source and target of two currencies (in message order when nothing tells them apart). */
export function orderPair(
  first: Entity,
  second: Entity,
  words: readonly Word[],
  amounts: readonly Entity[],
): [Entity, Entity] {
  // Side by side ("GBP EUR", "Euro Franken"), a pair reads in order: a cue before it is for the pair ("subscribe to").
  if (second.start === first.end) return [first, second];
  const swap = targetScore(first, words, amounts) - targetScore(second, words, amounts);
  return swap > 0 ? [second, first] : [first, second];
}
