/**
 * The Workers Analytics Engine shape of a usage event: one data point per
 * event, queried with the Analytics Engine SQL API. Columns by position:
 *
 *   index1  bot          (the sampling key: a busy bot cannot crowd a quiet one out of the sample)
 *   blob1   source       webhook | queue | cron
 *   blob2   bot
 *   blob3   platform
 *   blob4   intent
 *   blob5   outcome
 *   blob6   user pseudonym, or "" (count distinct for active users)
 *   double1 duration in milliseconds
 *
 * A model call of tier 2 (src/usage/ai.ts) is a data point of its own, with
 * blob1 `ai`, blob4 the model instead of an intent, blob5 its outcome,
 * double2 tokens in and double3 tokens out.
 *
 * Rows are sampled under load: weight counts with `_sample_interval`
 * (`SUM(_sample_interval)`, not `COUNT()`).
 */
import type { AiCall, UsageEvent } from "./event.ts";

export function dataPoint(event: UsageEvent, userHash: string | undefined): AnalyticsEngineDataPoint {
  return {
    indexes: [event.bot],
    blobs: [event.source, event.bot, event.platform, event.intent, event.outcome, userHash ?? ""],
    doubles: [event.ms],
  };
}

export function aiDataPoint(call: AiCall, userHash: string): AnalyticsEngineDataPoint {
  return {
    indexes: [call.bot],
    blobs: ["ai", call.bot, call.platform, call.model, call.outcome, userHash],
    doubles: [call.ms, call.tokensIn, call.tokensOut],
  };
}
