/** Plain-language understanding, offline: train a matcher from examples, read messages with it. */
export { ASK_THRESHOLD, type Decision, decide, RUN_THRESHOLD } from "./confidence.ts";
export { trainMatcher } from "./matcher.ts";
export type {
  Candidate,
  EntityKind,
  Locale,
  Matcher,
  SlotSpec,
  SlotValue,
  Understandable,
  Understanding,
} from "./types.ts";
