import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { clearSchedule } from "../support/schedule.ts";
import { testEnv } from "../support/worker.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The tick's time, on the hour. */
const NOW = Date.parse("2034-03-01T12:00:00Z");

/**
 * Runs the Worker's Cron handler at NOW, as Cloudflare would. Delivery ids
 * and renders are pruned by the tick's scheduledTime, usage by the wall
 * clock, so both are set to NOW.
 */
async function cronTick(): Promise<void> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  const ctx = createExecutionContext();
  await worker.scheduled?.(createScheduledController({ scheduledTime: NOW, cron: "* * * * *" }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
}

/** The values of `column` in `table` that the test wrote (they start with "kept" or "gone"). */
async function remaining(table: string, column: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT ${column} AS name FROM ${table} WHERE ${column} LIKE 'kept%' OR ${column} LIKE 'gone%' ORDER BY 1`,
  ).all<{ name: string }>();
  return results.map((row) => row.name);
}

/** A row one unit past the retention, to be gone, and one at its edge, to be kept: [name, time]. */
function around(boundary: number, unit: number): [string, number][] {
  return [
    ["gone", boundary - unit],
    ["kept", boundary],
  ];
}

// Nothing is due, so the tick only prunes.
beforeEach(clearSchedule);
afterEach(() => {
  vi.useRealTimers();
});

describe("what the Cron tick forgets", () => {
  it("handled delivery ids after seven days", async () => {
    const boundary = NOW - 7 * DAY;
    await env.DB.batch(
      around(boundary, 1).map(([id, at]) =>
        env.DB.prepare(
          "INSERT INTO processed_events (platform, bot, event_id, received_at) VALUES ('telegram', 'concierge', ?, ?)",
        ).bind(id, at),
      ),
    );
    await cronTick();
    expect(await remaining("processed_events", "event_id")).toEqual(["kept"]);
  });

  it("shared digest renders after seven days", async () => {
    const boundary = NOW - 7 * DAY;
    await env.DB.batch(
      around(boundary, 1).map(([period, at]) =>
        env.DB.prepare(
          "INSERT INTO digest_renders (bot, digest, period, reply, created_at) VALUES ('concierge', 'news', ?, '{}', ?)",
        ).bind(period, at),
      ),
    );
    await cronTick();
    expect(await remaining("digest_renders", "period")).toEqual(["kept"]);
  });

  it("hourly usage after ninety days", async () => {
    const boundary = NOW - 90 * DAY;
    await env.DB.batch(
      around(boundary, HOUR).map(([intent, hour]) =>
        env.DB.prepare(
          `INSERT INTO usage_rollup (hour, bot, platform, source, intent, outcome, bucket, count, total_ms)
           VALUES (?, 'concierge', 'telegram', 'webhook', ?, 'ok', 0, 1, 5)`,
        ).bind(hour, intent),
      ),
    );
    await cronTick();
    expect(await remaining("usage_rollup", "intent")).toEqual(["kept"]);
  });

  it("active users after ninety days", async () => {
    const boundary = NOW - 90 * DAY;
    await env.DB.batch(
      around(boundary, HOUR).map(([userHash, hour]) =>
        env.DB.prepare(
          "INSERT INTO usage_users (hour, bot, platform, user_hash) VALUES (?, 'concierge', 'telegram', ?)",
        ).bind(hour, userHash),
      ),
    );
    await cronTick();
    expect(await remaining("usage_users", "user_hash")).toEqual(["kept"]);
  });

  it("rate-limit notices after an hour", async () => {
    const boundary = NOW - HOUR;
    await env.DB.batch(
      around(boundary, MINUTE).map(([userId, windowStart]) =>
        env.DB.prepare(
          "INSERT INTO rate_limit_notices (window_start, bot, platform, user_id) VALUES (?, 'concierge', 'telegram', ?)",
        ).bind(windowStart, userId),
      ),
    );
    await cronTick();
    expect(await remaining("rate_limit_notices", "user_id")).toEqual(["kept"]);
  });
});
