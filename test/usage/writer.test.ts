import { describe, expect, it, vi } from "vitest";
import type { UsageEvent } from "../../src/usage/event.ts";
import { readUsage } from "../../src/usage/query.ts";
import { addToRollup } from "../../src/usage/writer.ts";
import { overrideD1 } from "../support/d1.ts";
import { testEnv } from "../support/worker.ts";

const HOUR = 60 * 60 * 1000;

/** The test database, counting its batches; `failFirst` makes the first one fail. */
function countingDb(options: { failFirst?: boolean } = {}) {
  const counted = { batches: 0 };
  const wrapped = overrideD1(testEnv.DB, {
    batch(statements) {
      counted.batches += 1;
      if (options.failFirst && counted.batches === 1) return Promise.reject(new Error("D1_ERROR: busy"));
      return testEnv.DB.batch(statements);
    },
  });
  return { db: wrapped, counted };
}

function delivery(bot: string, at: number, user: number): { event: UsageEvent; userHash: string } {
  const event: UsageEvent = { source: "webhook", bot, platform: "telegram", intent: "help", outcome: "ok", ms: 12, at };
  return { event, userHash: `user-${user}` };
}

describe("coalesced rollup writes", () => {
  it("writes 50 concurrent deliveries' usage in one D1 batch, counting every one", async () => {
    const at = Date.parse("2031-03-01T10:05:00Z");
    const { db: counting, counted } = countingDb();
    await Promise.all(Array.from({ length: 50 }, (_, user) => addToRollup(counting, [delivery("coalesce", at, user)])));
    expect(counted.batches).toBe(1);
    const report = await readUsage(testEnv.DB, {
      from: at - (at % HOUR),
      to: at - (at % HOUR) + HOUR,
      bot: "coalesce",
    });
    expect(report.totals).toMatchObject({ deliveries: 50, handled: 50, activeUsers: 50 });
  });

  it("gathers events that keep arriving into one write, and writes a lone one after a short wait", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const at = Date.parse("2031-03-03T10:05:00Z");
      const { db: counting, counted } = countingDb();
      // One every 6 ms, as under load: the writer waits for each next one, then writes them together.
      const writes = [addToRollup(counting, [delivery("gather", at, 1)])];
      for (const user of [2, 3, 4, 5]) {
        await vi.advanceTimersByTimeAsync(6);
        writes.push(addToRollup(counting, [delivery("gather", at, user)]));
      }
      await vi.advanceTimersByTimeAsync(100);
      await Promise.all(writes);
      expect(counted.batches).toBe(1);
      // A quiet isolate's event is written after one wait, not held for the whole tenth of a second.
      const lone = addToRollup(counting, [delivery("gather", at, 6)]);
      await vi.advanceTimersByTimeAsync(10);
      await lone;
      expect(counted.batches).toBe(2);
      const report = await readUsage(testEnv.DB, {
        from: at - (at % HOUR),
        to: at - (at % HOUR) + HOUR,
        bot: "gather",
      });
      expect(report.totals).toMatchObject({ deliveries: 6, activeUsers: 6 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("logs a failed write, and writes what arrives after it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const at = Date.parse("2031-03-02T10:05:00Z");
    const { db: failing } = countingDb({ failFirst: true });
    await Promise.all(Array.from({ length: 5 }, (_, user) => addToRollup(failing, [delivery("flaky", at, user)])));
    await addToRollup(failing, [delivery("flaky", at, 99)]);
    const logged = errors.mock.calls.map((call) => String(call[0]));
    expect(logged.filter((line) => line.includes('"event":"usage_write_failed"'))).toHaveLength(1);
    const report = await readUsage(testEnv.DB, { from: at - (at % HOUR), to: at - (at % HOUR) + HOUR, bot: "flaky" });
    // The first write (the five gathered into it) was lost and logged; the later one was written.
    expect(report.totals.deliveries).toBe(1);
  });
});
