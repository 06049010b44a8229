import { describe, expect, it } from "vitest";
import { BOUNDS_MS, bucketOf, quantile } from "../../src/usage/buckets.ts";
import type { UsageEvent } from "../../src/usage/event.ts";
import { readUsage } from "../../src/usage/query.ts";
import { recordUsage } from "../../src/usage/record.ts";
import { UsageQuery } from "../../src/usage/report.ts";
import { rollUp } from "../../src/usage/writer.ts";
import { testEnv } from "../support/worker.ts";

const HOUR = 60 * 60 * 1000;

/** Events of bot `bot` at `at` (a webhook delivery by default). */
function events(count: number, event: Partial<UsageEvent> & { bot: string; at: number }): UsageEvent[] {
  return Array.from({ length: count }, () => ({
    source: "webhook",
    platform: "telegram",
    intent: "weather",
    outcome: "ok",
    ms: 40,
    ...event,
  }));
}

describe("duration buckets", () => {
  it("puts a duration in the first bucket whose bound holds it, and the slowest past the last", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(5)).toBe(0);
    expect(bucketOf(6)).toBe(1);
    expect(bucketOf(100)).toBe(BOUNDS_MS.indexOf(100));
    expect(bucketOf(10 * 60 * 1000)).toBe(BOUNDS_MS.length);
  });

  it("reads p50 and p95 off the bucket counts", () => {
    const counts = new Array<number>(BOUNDS_MS.length + 1).fill(0);
    counts[bucketOf(10)] = 50;
    counts[bucketOf(100)] = 45;
    counts[bucketOf(1000)] = 5;
    expect(quantile(counts, 0.5)).toBe(10);
    expect(quantile(counts, 0.95)).toBe(100);
    expect(quantile(counts, 0.99)).toBeGreaterThan(750);
    expect(quantile(counts, 0.99)).toBeLessThanOrEqual(1000);
  });

  it("interpolates inside a bucket, reports the slowest as at least the last bound, and nothing as undefined", () => {
    const counts = new Array<number>(BOUNDS_MS.length + 1).fill(0);
    counts[bucketOf(100)] = 4; // (75, 100]
    expect(quantile(counts, 0.5)).toBe(87.5);
    counts.fill(0);
    counts[BOUNDS_MS.length] = 1;
    expect(quantile(counts, 0.5)).toBe(30_000);
    expect(quantile(counts.fill(0), 0.5)).toBeUndefined();
  });
});

describe("the hourly rollup", () => {
  it("sums a batch of events into one row per hour, key and bucket, and one user per hour", () => {
    const at = Date.parse("2031-01-01T10:20:00Z");
    const batch = [
      ...events(3, { bot: "a", at, ms: 40, userId: "1" }),
      ...events(1, { bot: "a", at: at + HOUR, ms: 40, userId: "1" }),
    ];
    const { rows, users } = rollUp(batch, ["h1", "h1", "h1", "h1"]);
    expect(rows.map((row) => [new Date(row.hour).toISOString(), row.count, row.totalMs])).toEqual([
      ["2031-01-01T10:00:00.000Z", 3, 120],
      ["2031-01-01T11:00:00.000Z", 1, 40],
    ]);
    expect(users).toHaveLength(2);
  });

  it("counts deliveries per hour by platform, errors, digests and active users, over hours and calls", async () => {
    const ten = Date.parse("2031-02-01T10:00:00Z");
    const bot = "rollup";
    // Separate calls, as separate deliveries write them: the rows add up.
    for (const batch of [
      events(3, { bot, at: ten + 60_000, userId: "1" }),
      events(2, { bot, at: ten + 120_000, platform: "slack", userId: "U1" }),
      events(1, { bot, at: ten + 180_000, outcome: "handler_error", userId: "2" }),
      events(1, { bot, at: ten + 240_000, outcome: "user_error", intent: "fallback", userId: "2" }),
      events(2, { bot, at: ten + 300_000, outcome: "rate_limited", intent: "-", userId: "3" }),
      events(1, { bot, at: ten + 360_000, outcome: "rejected", intent: "-" }),
      events(1, { bot, at: ten + 420_000, outcome: "duplicate", intent: "-" }),
      events(1, { bot, at: ten + 480_000, outcome: "ignored", intent: "-", userId: "9" }),
      events(2, { bot, at: ten + HOUR + 60_000, userId: "1" }),
      events(4, { bot, at: ten + HOUR, source: "queue", intent: "digest:news", platform: "telegram" }),
      events(1, { bot, at: ten + HOUR, source: "queue", intent: "reminder", platform: "telegram" }),
      events(5, { bot: "someone-else", at: ten, userId: "1" }),
    ]) {
      await recordUsage({ DB: testEnv.DB }, batch);
    }
    const report = await readUsage(testEnv.DB, { from: ten - HOUR, to: ten + 2 * HOUR, bot });
    expect(report.hours.map((hour) => hour.hour)).toEqual([
      "2031-02-01T09:00:00.000Z",
      "2031-02-01T10:00:00.000Z",
      "2031-02-01T11:00:00.000Z",
    ]);
    const [nine, tenHour, eleven] = report.hours;
    expect(nine).toMatchObject({ deliveries: { slack: 0, telegram: 0 }, handled: 0, activeUsers: 0 });
    expect(tenHour).toMatchObject({
      deliveries: { telegram: 8, slack: 2 },
      handled: 7,
      errors: 1,
      rateLimited: 2,
      rejected: 1,
      activeUsers: 4,
      digestsSent: 0,
    });
    expect(eleven).toMatchObject({ deliveries: { telegram: 2, slack: 0 }, handled: 2, activeUsers: 1, digestsSent: 4 });
    expect(report.platforms).toEqual(["slack", "telegram"]);
    expect(report.totals).toMatchObject({
      deliveries: 12,
      handled: 9,
      errors: 1,
      userErrors: 1,
      rateLimited: 2,
      rejected: 1,
      duplicates: 1,
      digestsSent: 4,
      // Users 1, U1 (Slack), 2 and 3; the one who was only ignored does not count.
      activeUsers: 4,
    });
    expect(report.totals.errorRate).toBeCloseTo(1 / 9);
    const all = await readUsage(testEnv.DB, { from: ten, to: ten + HOUR, bot: null });
    expect(all.totals.deliveries).toBe(15);
    // User 1 of Telegram is one user across both bots.
    expect(all.totals.activeUsers).toBe(4);
  });

  it("counts every active user of a write that holds many, each once", async () => {
    const at = Date.parse("2031-03-01T10:00:00Z");
    const bot = "crowd";
    // 60 users, several statements' worth, and each of the first 10 twice in the same write.
    const crowd = Array.from({ length: 70 }, (_, index) => ({
      source: "webhook" as const,
      bot,
      platform: "telegram",
      intent: "help",
      outcome: "ok" as const,
      ms: 5,
      at: at + index,
      userId: String(index % 60),
    }));
    await recordUsage({ DB: testEnv.DB }, crowd, { pruneAt: at });
    await recordUsage({ DB: testEnv.DB }, crowd.slice(0, 30));
    const report = await readUsage(testEnv.DB, { from: at, to: at + HOUR, bot });
    expect(report.totals).toMatchObject({ deliveries: 100, activeUsers: 60 });
  });

  it("reports p50 and p95 per intent from the buckets, most used first", async () => {
    const at = Date.parse("2031-03-01T10:00:00Z");
    const bot = "percentiles";
    await recordUsage({ DB: testEnv.DB }, [
      ...events(50, { bot, at, ms: 10 }),
      ...events(45, { bot, at, ms: 100 }),
      ...events(5, { bot, at, ms: 1000, outcome: "handler_error" }),
      ...events(3, { bot, at, intent: "news", ms: 300 }),
      ...events(7, { bot, at, intent: "-", outcome: "rate_limited", ms: 1 }),
    ]);
    const report = await readUsage(testEnv.DB, { from: at, to: at + HOUR, bot });
    expect(report.intents).toEqual([
      {
        source: "webhook",
        intent: "weather",
        count: 100,
        errors: 5,
        userErrors: 0,
        p50Ms: 10,
        p95Ms: 100,
        meanMs: 100,
      },
      { source: "webhook", intent: "news", count: 3, errors: 0, userErrors: 0, p50Ms: 250, p95Ms: 295, meanMs: 300 },
    ]);
  });
});

describe("the usage query", () => {
  it("rounds the range out to whole hours and defaults to the last day", () => {
    const parsed = UsageQuery.parse({ from: "2031-01-01T10:20Z", to: "2031-01-01T12:05:00+01:00" });
    expect(parsed).toEqual({ from: Date.parse("2031-01-01T10:00Z"), to: Date.parse("2031-01-01T12:00Z"), bot: null });
    const recent = UsageQuery.parse({ bot: "concierge" });
    expect(recent.to - recent.from).toBe(24 * HOUR);
    expect(recent.bot).toBe("concierge");
    const week = UsageQuery.parse({ since: "7d", to: "2031-01-08" });
    expect(new Date(week.from).toISOString()).toBe("2031-01-01T00:00:00.000Z");
  });

  it("refuses what is not a date, a range the wrong way round or too long, and from with since", () => {
    for (const query of [
      { from: "yesterday" },
      { from: "2031-13-01" },
      { from: "2031-01-01T10:00" },
      { from: "2031-01-02", to: "2031-01-01" },
      { from: "2031-01-01", to: "2031-03-01" },
      { from: "2031-01-01", since: "24h" },
      { since: "forever" },
      { bot: "Not A Bot" },
    ]) {
      expect(UsageQuery.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });
});
