/**
 * Metering of tier 2: one event per model call (and per message refused for
 * the daily budget, which makes none), recorded in both sinks like every
 * usage event (src/usage/record.ts): a data point in Analytics Engine, and
 * the hourly `ai_usage` rollup in D1 that `/admin` reads. Recorded after the
 * answer has gone; it never throws.
 */
import { describeError, log } from "../log.ts";
import { UsageStore } from "../store/usage.ts";
import { aiDataPoint } from "./analytics.ts";
import { pseudonym, type UsageSinks } from "./record.ts";

const HOUR_MS = 60 * 60 * 1000;

/**
 * How a call to the model ended: a plain answer sent, a tool call that ran
 * an intent, a tool call the bot could not take (no such tool, arguments
 * its schema refuses) or no answer at all, the time limit, a failure, or no
 * call because the user's daily budget was spent.
 */
export type AiOutcome = "answered" | "tool_call" | "invalid" | "timeout" | "failed" | "over_budget";

/** Outcomes where tier 2 gave the user their answer. */
export const ANSWERED: readonly AiOutcome[] = ["answered", "tool_call"];

export interface AiCall {
  readonly bot: string;
  readonly platform: string;
  readonly model: string;
  readonly outcome: AiOutcome;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** How long the model took; 0 without a call. */
  readonly ms: number;
  /** When the delivery started (epoch ms): the hour it counts in. */
  readonly at: number;
  /** The platform's id of the user; Analytics Engine gets a pseudonym, D1 nothing. */
  readonly userId: string;
}

export async function recordAiCall(sinks: UsageSinks, call: AiCall): Promise<void> {
  try {
    try {
      sinks.USAGE?.writeDataPoint(aiDataPoint(call, await pseudonym(call.platform, call.userId)));
    } catch (error) {
      log("error", "usage_write_failed", { sink: "analytics_engine", error: describeError(error) });
    }
    await new UsageStore(sinks.DB).addAiCall({ ...call, hour: call.at - (call.at % HOUR_MS) });
  } catch (error) {
    log("error", "usage_write_failed", { sink: "d1", events: 1, error: describeError(error) });
  }
}
