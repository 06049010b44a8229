/** What the concierge teaches the matcher, derived from its intents and out-of-scope topics as the Worker derives it. */
import { concierge } from "../../bots/concierge/index.ts";
import { understandablesOf } from "../../src/core/understanding.ts";

export const conciergeUnderstandables = understandablesOf(concierge);
