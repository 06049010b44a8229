/**
 * Scores a matcher on labelled messages: the figures `npm run nlu:eval`
 * prints and the accuracy floor test holds. A labelled argument the bot's
 * reading cannot carry (no slot of that name) is not scored, so that labels
 * can run ahead of the intents they describe.
 */
import { ASK_THRESHOLD, RUN_THRESHOLD } from "../../src/nlu/index.ts";
import type { Candidate, Matcher, SlotValue, Understandable } from "../../src/nlu/types.ts";
import type { Expected, LabelledMessage } from "./fixtures/labelled.ts";

export interface Outcome {
  readonly message: LabelledMessage;
  readonly top: Candidate | undefined;
  /** Right intent (in scope) or not understood (out of scope). */
  readonly intentRight: boolean;
  /** Right intent and exactly the expected arguments (in scope only). */
  readonly slotsRight: boolean;
}

export interface Score {
  readonly messages: number;
  readonly inScope: number;
  readonly intentAccuracy: number;
  readonly slotAccuracy: number;
  /** In-scope messages whose right reading is confident enough to run. */
  readonly runRate: number;
  /** Messages that would run with the wrong intent or arguments: the costly mistakes. */
  readonly wrongRuns: number;
  readonly outcomes: readonly Outcome[];
}

/** "todo add", "weather", or "none" for not understood. */
export function targetName(target: { intent: string; subcommand?: string } | undefined): string {
  if (!target) return "none";
  return target.subcommand ? `${target.intent} ${target.subcommand}` : target.intent;
}

function sameValue(expected: SlotValue, actual: SlotValue | undefined): boolean {
  if (typeof expected === "number") return actual === expected;
  const fold = (value: string) => value.toLowerCase().replace(/\s+/g, " ").trim();
  return typeof actual === "string" && fold(actual) === fold(expected);
}

function sameArgs(expected: Expected["args"], actual: Candidate["args"]): boolean {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].every((key) => {
    const want = expected[key];
    return want !== undefined && sameValue(want, actual[key]);
  });
}

/** The expected arguments the target's slots can carry. */
function carried(expected: Expected, taught: readonly Understandable[]): Expected["args"] {
  const unit = taught.find((entry) => targetName(entry) === targetName(expected));
  const slots = new Set(unit?.slots.map((slot) => slot.name));
  return Object.fromEntries(Object.entries(expected.args).filter(([name]) => slots.has(name)));
}

function outcomeOf(matcher: Matcher, message: LabelledMessage, taught: readonly Understandable[]): Outcome {
  const [top] = matcher.understand(message.text, message.locale).candidates;
  const understood = top !== undefined && top.confidence >= ASK_THRESHOLD;
  const { expected } = message;
  if (!expected) return { message, top, intentRight: !understood, slotsRight: false };
  const intentRight = understood && targetName(top) === targetName(expected);
  return { message, top, intentRight, slotsRight: intentRight && sameArgs(carried(expected, taught), top.args) };
}

/** `taught` is what the matcher was trained on: which arguments each reading can carry. */
export function score(
  matcher: Matcher,
  messages: readonly LabelledMessage[],
  taught: readonly Understandable[],
): Score {
  const outcomes = messages.map((message) => outcomeOf(matcher, message, taught));
  const inScope = outcomes.filter((outcome) => outcome.message.expected !== null);
  const runs = (outcome: Outcome) => (outcome.top?.confidence ?? 0) >= RUN_THRESHOLD;
  return {
    messages: outcomes.length,
    inScope: inScope.length,
    intentAccuracy: outcomes.filter((outcome) => outcome.intentRight).length / Math.max(1, outcomes.length),
    slotAccuracy: inScope.filter((outcome) => outcome.slotsRight).length / Math.max(1, inScope.length),
    runRate: inScope.filter((outcome) => outcome.slotsRight && runs(outcome)).length / Math.max(1, inScope.length),
    wrongRuns: outcomes.filter((outcome) => runs(outcome) && !(outcome.slotsRight && outcome.intentRight)).length,
    outcomes,
  };
}
