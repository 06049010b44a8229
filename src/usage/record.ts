/**
 * Records usage in two sinks:
 *
 * - Workers Analytics Engine (the `USAGE` binding), whenever it is bound:
 *   one data point per event, for ad-hoc SQL over raw events in production.
 *   Locally it is bound too but writes go nowhere.
 * - The hourly rollup in D1, always: it is what `GET /admin/usage`, the
 *   `/admin` page and `npm run usage` read, so that `npm run dev` and
 *   production show the same view from the same code.
 *
 * Recording runs after the answer has gone (callers pass it to `waitUntil`).
 * Rollup writes are coalesced per isolate (src/usage/writer.ts): under load,
 * one D1 batch carries many deliveries' usage. It never throws: a failing
 * metrics write is logged and the work it measured stands.
 */
import { describeError, log } from "../log.ts";
import { UsageStore } from "../store/usage.ts";
import { dataPoint } from "./analytics.ts";
import { NONE, type Outcome, type UsageEvent } from "./event.ts";
import { addToRollup, rollUp } from "./writer.ts";

export interface UsageSinks {
  readonly DB: D1Database;
  readonly USAGE?: AnalyticsEngineDataset;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, "0"));

/**
 * A stable pseudonym for a user on a platform, the same for every bot, so
 * that distinct users can be counted without keeping their ids. It hides an
 * id from a casual reader; it is not anonymisation (ids can be guessed and hashed).
 */
export async function pseudonym(platform: string, userId: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${platform}:${userId}`));
  return hex(digest).slice(0, 16).join("");
}

/** Writes `events` to both sinks; with `pruneAt`, the D1 write also forgets what is past retention. */
export async function recordUsage(
  sinks: UsageSinks,
  events: readonly UsageEvent[],
  options: {
    readonly pruneAt?: number;
    /**
     * False for requests that failed verification: anyone can send those, so
     * they go to Analytics Engine only and can never make D1 do work.
     */
    readonly rollup?: boolean;
  } = {},
): Promise<void> {
  if (events.length === 0) return;
  try {
    const hashes = await Promise.all(
      events.map((event) => (event.userId === undefined ? undefined : pseudonym(event.platform, event.userId))),
    );
    try {
      for (const [index, event] of events.entries()) sinks.USAGE?.writeDataPoint(dataPoint(event, hashes[index]));
    } catch (error) {
      log("error", "usage_write_failed", { sink: "analytics_engine", error: describeError(error) });
    }
    if (options.rollup === false) return;
    if (options.pruneAt === undefined) {
      await addToRollup(
        sinks.DB,
        events.map((event, index) => ({ event, userHash: hashes[index] })),
      );
      return;
    }
    // Once a minute, from the Cron tick: written at once, with the pruning.
    const { rows, users } = rollUp(events, hashes);
    await new UsageStore(sinks.DB).add(rows, users, options.pruneAt);
  } catch (error) {
    log("error", "usage_write_failed", { sink: "d1", events: events.length, error: describeError(error) });
  }
}

/**
 * Runs a Cron tick and records it: its duration, and `handler_error` if it
 * threw (the error still reaches the runtime). Timed and pruned by the wall
 * clock, not the tick's scheduledTime, so that replaying a tick at another
 * time (as `wrangler dev --test-scheduled` does) neither files usage under
 * that time nor prunes by it.
 */
export async function meterTick(sinks: UsageSinks, ctx: ExecutionContext, tick: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  let outcome: Outcome = "handler_error";
  try {
    await tick();
    outcome = "ok";
  } finally {
    const event: UsageEvent = {
      source: "cron",
      bot: NONE,
      platform: NONE,
      intent: "tick",
      outcome,
      ms: Date.now() - started,
      at: started,
    };
    ctx.waitUntil(recordUsage(sinks, [event], { pruneAt: started }));
  }
}
