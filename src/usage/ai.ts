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
import type { AiCall } from "./event.ts";
import { pseudonym, type UsageSinks } from "./record.ts";

const HOUR_MS = 60 * 60 * 1000;

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
