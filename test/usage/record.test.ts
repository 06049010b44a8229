import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { readUsage } from "../../src/usage/query.ts";
import { pseudonym } from "../../src/usage/record.ts";
import { stubNews } from "../bots/concierge/apis.ts";
import { capturingDataset } from "../support/analytics.ts";
import { overrideD1 } from "../support/d1.ts";
import { consume, dueJobs, insertSubscription } from "../support/jobs.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { messageUpdate, sentTexts, stubTelegramApi, telegramRequest } from "../support/telegram.ts";
import { deliver, testEnv } from "../support/worker.ts";

const HOUR = 60 * 60 * 1000;

const ping = defineIntent({
  command: "ping",
  description: "Answers pong",
  run(ctx) {
    ctx.reply("pong");
  },
});
const meter = defineBot({ name: "meter", intents: [ping] });

/** The test database, except that every statement on the usage tables fails. */
function usageFailingDb(db: D1Database): D1Database {
  return overrideD1(db, {
    prepare(sql) {
      if (sql.includes("usage_")) throw new Error("D1_ERROR: usage table unavailable");
      return db.prepare(sql);
    },
  });
}

/** The report of the current hour (all recording in these tests happens now). */
function thisHour(bot: string | null) {
  const now = Date.now();
  const from = now - (now % HOUR);
  return readUsage(testEnv.DB, { from, to: from + HOUR, bot });
}

describe("recording usage", () => {
  it("records a delivery in D1 and in Analytics Engine, with the user as a pseudonym", async () => {
    stubTelegramApi(interceptFetch());
    const { points, dataset } = capturingDataset();
    const response = await labWorker(meter, { USAGE: dataset }).send("/ping", { userId: 801 });
    expect(response.status).toBe(200);
    const hash = await pseudonym("telegram", "801");
    expect(points).toEqual([
      {
        indexes: ["meter"],
        blobs: ["webhook", "meter", "telegram", "ping", "ok", hash],
        doubles: [expect.any(Number)],
      },
    ]);
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    const report = await thisHour("meter");
    expect(report.totals).toMatchObject({ deliveries: 1, handled: 1, errors: 0, activeUsers: 1 });
    expect(report.intents).toMatchObject([{ source: "webhook", intent: "ping", count: 1 }]);
    const stored = await testEnv.DB.prepare("SELECT user_hash FROM usage_users WHERE bot = 'meter'").all();
    expect(stored.results).toEqual([{ user_hash: hash }]);
  });

  it("records refused deliveries and platform retries apart from handled ones", async () => {
    stubTelegramApi(interceptFetch());
    const before = (await thisHour("concierge")).totals;
    const update = messageUpdate({ text: "/help", userId: 802 });
    await deliver(telegramRequest(null, { body: "not json" }));
    await deliver(telegramRequest(update));
    await deliver(telegramRequest(update));
    const after = (await thisHour("concierge")).totals;
    expect(after.rejected - before.rejected).toBe(1);
    expect(after.duplicates - before.duplicates).toBe(1);
    expect(after.handled - before.handled).toBe(1);
  });

  it("counts forged deliveries in Analytics Engine only, keeping them out of D1: anyone can send them", async () => {
    const { points, dataset } = capturingDataset();
    const before = (await thisHour("concierge")).totals;
    const response = await deliver(
      telegramRequest(messageUpdate({ text: "/help", userId: 803 }), { secret: "wrong" }),
      {
        ...testEnv,
        USAGE: dataset,
      },
    );
    expect(response.status).toBe(401);
    expect(points).toEqual([
      {
        indexes: ["concierge"],
        blobs: ["webhook", "concierge", "telegram", "-", "rejected", ""],
        doubles: [expect.any(Number)],
      },
    ]);
    expect((await thisHour("concierge")).totals.rejected).toBe(before.rejected);
  });

  it("records every Cron tick and every digest sent from the queue", async () => {
    stubNews(stubTelegramApi(interceptFetch()));
    const before = await thisHour(null);
    const ctx = createExecutionContext();
    const controller = createScheduledController({
      scheduledTime: Date.parse("2001-01-01T00:00:00Z"),
      cron: "* * * * *",
    });
    await worker.scheduled?.(controller, testEnv, ctx);
    await waitOnExecutionContext(ctx);
    await insertSubscription({ nextRunAt: "2030-06-01T07:00:00Z" });
    await consume(await dueJobs("2030-06-01T07:00:00Z"));
    const after = await thisHour(null);
    const runs = (report: typeof after, intent: string) =>
      report.intents.find((row) => row.intent === intent)?.count ?? 0;
    expect(runs(after, "tick") - runs(before, "tick")).toBe(1);
    expect(after.intents.find((row) => row.intent === "tick")?.source).toBe("cron");
    expect(after.totals.digestsSent - before.totals.digestsSent).toBe(1);
    expect(after.intents.find((row) => row.intent === "digest:news")?.source).toBe("queue");
  });
});

describe("a failing metrics write", () => {
  it("never fails the delivery: the user is answered and the failure is logged", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = {
      writeDataPoint() {
        throw new Error("Analytics Engine unavailable");
      },
    };
    const response = await labWorker(meter, { DB: usageFailingDb(testEnv.DB), USAGE: broken }).send("/ping", {
      userId: 803,
    });
    expect(response.status).toBe(200);
    expect(sentTexts(outbound)).toEqual(["pong"]);
    const logged = errors.mock.calls.map((call) => String(call[0]));
    expect(logged.filter((line) => line.includes('"event":"usage_write_failed"'))).toHaveLength(2);
    expect(logged.join("\n")).toContain("usage table unavailable");
  });

  it("never fails a Cron tick", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const ctx = createExecutionContext();
    const controller = createScheduledController({
      scheduledTime: Date.parse("2001-01-01T00:00:00Z"),
      cron: "* * * * *",
    });
    const failing = { ...testEnv, DB: usageFailingDb(testEnv.DB) } as Env;
    await expect(worker.scheduled?.(controller, failing, ctx)).resolves.toBeUndefined();
    await waitOnExecutionContext(ctx);
  });
});
