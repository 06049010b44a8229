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
/**
 * A reading that leads every other reading by more than this is surer than
 * its score alone says ("would you look up the weather in Porto for me"
 * reads as nothing else): it gains `LEAD_CREDIT` of the excess.
 */
const CLEAR_LEAD = 0.1;
const LEAD_CREDIT = 0.6;
/** What a close call or a cut-off message is capped at: inside the ask band. */
const UNSURE_CAP = 0.7;

/** What else is known about a message besides its candidates. */
export interface Context {
  /** Whether the message was cut before its end. */
  readonly truncated: boolean;
  /** How well the best request the bot does not serve reads it (0 when none does). */
  readonly outOfScope: number;
}

/**
 * Final confidences. A request the bot does not serve that reads the message
 * better than a candidate takes that lead off the candidate's confidence; a
 * top reading that can be asked about and is far ahead of its rivals gains
 * some of its lead.
 */
export function calibrate(candidates: readonly Candidate[], context: Context): Candidate[] {
  const { truncated, outOfScope } = context;
  const demoted = candidates
    .map((candidate) => {
      const lead = outOfScope - candidate.confidence;
      return lead > 0 ? { ...candidate, confidence: candidate.confidence * (1 - lead) } : candidate;
    })
    .sort((a, b) => b.confidence - a.confidence);
  const [first, second] = demoted;
  if (!first) return [];
  const rival = Math.max(second?.confidence ?? 0, outOfScope);
  const lead = first.confidence - rival;
  const close = lead < CLEAR_MARGIN;
  const cap = close || truncated ? UNSURE_CAP : 1;
  const gain = first.confidence >= ASK_THRESHOLD ? LEAD_CREDIT * Math.max(0, lead - CLEAR_LEAD) : 0;
  return demoted.map((candidate, index) => ({
    ...candidate,
    confidence: Math.round(Math.min(candidate.confidence + (index === 0 ? gain : 0), cap, 1) * 1000) / 1000,
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
