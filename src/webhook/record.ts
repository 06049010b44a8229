/**
 * Record: every delivery writes one log line, and its usage is recorded
 * after the answer has gone (src/usage/record.ts), whether it was handled or
 * ended at the door.
 */
import type { AiTrace } from "../ai/tier.ts";
import { log } from "../log.ts";
import type { Outcome } from "../usage/event.ts";
import { recordUsage } from "../usage/record.ts";
import { type Arrival, type Delivery, logFields, type Result } from "./delivery.ts";

/** How tier 2 took part, in the log line: `tier: 2`, the model, its outcome, tokens and milliseconds. */
function aiFields(ai: AiTrace) {
  return {
    tier: 2,
    model: ai.model,
    aiOutcome: ai.outcome,
    tokensIn: ai.tokensIn,
    tokensOut: ai.tokensOut,
    aiMs: ai.ms,
  };
}

/** Writes the delivery's log line and records its usage; run it after the answer has gone. */
export function record(delivery: Delivery, result: Result): Promise<void> {
  const { env, update } = delivery;
  const fields = {
    ...logFields(update),
    intent: result.intent,
    outcome: result.outcome,
    ...(result.ai ? aiFields(result.ai) : {}),
    ...(result.queued ? { note: "queued", queuedFrom: result.queued.from, retryIn: result.queued.delaySeconds } : {}),
    ...(result.understood
      ? { tier: result.understood.tier, confidence: result.understood.confidence, reading: result.understood.reading }
      : {}),
    ms: Date.now() - delivery.started,
    d1: env.trace.d1RoundTrips,
    subrequests: env.trace.subrequests,
  };
  log("info", "delivery", fields);
  const { bot, platform, intent, outcome, ms } = fields;
  const userId = update.user.id;
  return recordUsage(delivery.settings, [
    { source: "webhook", bot, platform, intent, outcome, ms, at: delivery.started, userId },
  ]);
}

/**
 * Logs a delivery that ended before any handler (refused at the door, or a
 * platform's retry) and records its usage after the answer. One that failed
 * verification (`verified: false`) goes to Analytics Engine only.
 */
export function recordRefusal(
  arrival: Arrival,
  ended: { readonly eventId?: string; readonly outcome: Outcome; readonly reason?: string },
  options: { readonly verified: boolean } = { verified: true },
): void {
  const { bot, adapter, started } = arrival;
  log("info", "delivery", { bot: bot.name, platform: adapter.name, ...ended });
  const event = {
    source: "webhook",
    bot: bot.name,
    platform: adapter.name,
    intent: "-",
    outcome: ended.outcome,
  } as const;
  arrival.later(
    recordUsage(arrival.settings, [{ ...event, ms: Date.now() - started, at: started }], { rollup: options.verified }),
  );
}
