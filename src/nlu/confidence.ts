/**
 * Confidence with bands a caller can act on (see `decide`): a clear reading
 * keeps its score; two intents that read almost equally well are both offered
 * rather than one run; a message read only in part is never run.
 */
import type { Candidate } from "./types.ts";

/** At or above: run the top candidate. */
export const RUN_THRESHOLD = 0.75;
/** At or above (and below RUN_THRESHOLD): ask which of the top candidates was meant. */
export const ASK_THRESHOLD = 0.45;

/** Below this gap to the runner-up, the top reading is not sure enough to run. */
const CLEAR_MARGIN = 0.05;
/** What a close call or a cut-off message is capped at: inside the ask band. */
const UNSURE_CAP = 0.7;

export function calibrate(candidates: readonly Candidate[], truncated: boolean): Candidate[] {
  const [first, second] = candidates;
  if (!first) return [];
  const close = second !== undefined && first.confidence - second.confidence < CLEAR_MARGIN;
  const cap = close || truncated ? UNSURE_CAP : 1;
  return candidates.map((candidate) => ({
    ...candidate,
    confidence: Math.round(Math.min(candidate.confidence, cap) * 1000) / 1000,
  }));
}

export type Decision =
  | { readonly kind: "run"; readonly candidate: Candidate }
  | { readonly kind: "ask"; readonly candidates: readonly Candidate[] }
  | { readonly kind: "none" };

/** What to do with an understanding: run it, ask "did you mean …", or say it was not understood. */
export function decide(candidates: readonly Candidate[]): Decision {
  const [first] = candidates;
  if (!first || first.confidence < ASK_THRESHOLD) return { kind: "none" };
  if (first.confidence >= RUN_THRESHOLD) return { kind: "run", candidate: first };
  return { kind: "ask", candidates: candidates.filter((candidate) => candidate.confidence >= ASK_THRESHOLD) };
}
