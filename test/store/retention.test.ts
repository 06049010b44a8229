import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { clearScheduledWork, insertSubscription, tick } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sendTelegram, stubTelegramApi } from "../support/telegram.ts";
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
beforeEach(clearScheduledWork);
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
          "INSERT INTO digest_renders (bot, digest, args, period, locale, reply, created_at) VALUES ('concierge', 'news', '{}', ?, 'en', '{}', ?)",
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

describe("what the Cron tick forgets of tier 2", () => {
  it("conversation memory after a day", async () => {
    const boundary = NOW - DAY;
    await env.DB.batch(
      around(boundary, 1).map(([text, at]) =>
        env.DB.prepare(
          `INSERT INTO ai_memory (bot, platform, chat_id, user_id, role, text, created_at)
           VALUES ('concierge', 'telegram', '1', '1', 'user', ?, ?)`,
        ).bind(text, at),
      ),
    );
    await cronTick();
    expect(await remaining("ai_memory", "text")).toEqual(["kept"]);
  });

  it("model calls per user and day, two days on", async () => {
    const boundary = NOW - 2 * DAY;
    await env.DB.batch(
      around(boundary, DAY).map(([userId, day]) =>
        env.DB.prepare(
          "INSERT INTO ai_calls (bot, platform, user_id, day, calls) VALUES ('concierge', 'telegram', ?, ?, 1)",
        ).bind(userId, day),
      ),
    );
    await cronTick();
    expect(await remaining("ai_calls", "user_id")).toEqual(["kept"]);
  });

  it("hourly model usage after ninety days", async () => {
    const boundary = NOW - 90 * DAY;
    await env.DB.batch(
      around(boundary, HOUR).map(([model, hour]) =>
        env.DB.prepare(
          `INSERT INTO ai_usage (hour, bot, platform, model, outcome, count, tokens_in, tokens_out, total_ms)
           VALUES (?, 'concierge', 'telegram', ?, 'answered', 1, 10, 2, 300)`,
        ).bind(hour, model),
      ),
    );
    await cronTick();
    expect(await remaining("ai_usage", "model")).toEqual(["kept"]);
  });
});

describe("what the Cron tick forgets of scheduled work and conversations", () => {
  it("delivery ledger rows after thirty days", async () => {
    const boundary = NOW - 30 * DAY;
    await env.DB.batch(
      around(boundary, 1).map(([job, at]) =>
        env.DB.prepare(
          "INSERT INTO deliveries (job, period, owner, status, updated_at) VALUES (?, 'once', 'm', 'sent', ?)",
        ).bind(job, at),
      ),
    );
    await cronTick();
    expect(await remaining("deliveries", "job")).toEqual(["kept"]);
  });

  it("reminders thirty days after they were due, once sent or failed, and never one still to send", async () => {
    const boundary = NOW - 30 * DAY;
    const rows: [string, number, string][] = [
      ["gone-sent", boundary - 1, "sent"],
      ["gone-failed", boundary - 1, "failed"],
      ["kept-sent", boundary, "sent"],
      ["kept-pending", boundary - DAY, "pending"],
      ["kept-queued", boundary - DAY, "queued"],
    ];
    await env.DB.batch(
      rows.map(([text, dueAt, status]) =>
        env.DB.prepare(
          `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, status, lease_until, created_at)
           VALUES ('concierge', 'telegram', '1', '1', '{"chatId":"1"}', ?, ?, ?, ?, 0)`,
        ).bind(text, dueAt, status, NOW + HOUR),
      ),
    );
    await cronTick();
    expect(await remaining("reminders", "text")).toEqual(["kept-pending", "kept-queued", "kept-sent"]);
  });

  it("conversations thirty days after their last change, unless a question is still pending", async () => {
    const boundary = NOW - 30 * DAY;
    const question = (expiresAt: number) =>
      JSON.stringify({ intent: "weather", args: {}, awaiting: "city", expiresAt });
    const rows: [string, number, string | null][] = [
      ["gone", boundary - 1, null],
      ["gone-expired-question", boundary - 1, question(boundary)],
      ["kept", boundary, null],
      ["kept-pending-question", boundary - 1, question(NOW + HOUR)],
    ];
    await env.DB.batch(
      rows.map(([userId, at, pending]) =>
        env.DB.prepare(
          `INSERT INTO conversations (bot, platform, chat_id, user_id, question, version, updated_at)
           VALUES ('concierge', 'telegram', '1', ?, ?, 1, ?)`,
        ).bind(userId, pending, at),
      ),
    );
    await cronTick();
    expect(await remaining("conversations", "user_id")).toEqual(["kept", "kept-pending-question"]);
  });

  it("chats not seen for 180 days, unless a subscription still sends to them", async () => {
    const boundary = NOW - 180 * DAY;
    const rows: [string, number][] = [
      ["gone", boundary - 1],
      ["gone-paused-subscription", boundary - 1],
      ["kept", boundary],
      ["kept-subscribed", boundary - DAY],
    ];
    await env.DB.batch(
      rows.map(([chatId, at]) =>
        env.DB.prepare(
          "INSERT INTO chats (bot, platform, chat_id, kind, updated_at) VALUES ('concierge', 'telegram', ?, 'private', ?)",
        ).bind(chatId, at),
      ),
    );
    await insertSubscription({ nextRunAt: "2040-01-01T00:00:00Z", chatId: "kept-subscribed" });
    const paused = await insertSubscription({ nextRunAt: "2040-01-01T00:00:00Z", chatId: "gone-paused-subscription" });
    await env.DB.prepare("UPDATE subscriptions SET status = 'paused' WHERE id = ?").bind(paused.id).run();
    await cronTick();
    expect(await remaining("chats", "chat_id")).toEqual(["kept", "kept-subscribed"]);
  });

  it("never a chat that still writes: a message marks it seen again", async () => {
    stubTelegramApi(interceptFetch());
    const longAgo = Date.now() - 200 * DAY;
    await env.DB.prepare(
      "INSERT INTO chats (bot, platform, chat_id, kind, updated_at) VALUES ('concierge', 'telegram', '90210', 'private', ?)",
    )
      .bind(longAgo)
      .run();
    await sendTelegram({ text: "/help", userId: 90210 });
    const row = await env.DB.prepare("SELECT updated_at FROM chats WHERE chat_id = '90210'").first<{
      updated_at: number;
    }>();
    expect(row?.updated_at).toBeGreaterThan(Date.now() - DAY);
  });

  it("broadcasts after thirty days, and leases of digest pages a day after they ran out", async () => {
    await env.DB.batch([
      ...around(NOW - 30 * DAY, 1).map(([text, at]) =>
        env.DB.prepare(
          "INSERT INTO broadcasts (bot, platform, text, chats, created_at) VALUES ('concierge', NULL, ?, 0, ?)",
        ).bind(text, at),
      ),
      env.DB.prepare("INSERT INTO digest_pages (range, lease_until, due) VALUES (1, ?, 1), (2, ?, 1)").bind(
        NOW - DAY - 1,
        NOW - DAY,
      ),
    ]);
    await cronTick();
    expect(await remaining("broadcasts", "text")).toEqual(["kept"]);
    const { results } = await env.DB.prepare("SELECT range FROM digest_pages").all<{ range: number }>();
    expect(results.map((row) => row.range)).toEqual([2]);
  });

  it("in bounded pages: a few deletes per tick, the rest on the next ticks", async () => {
    const old = NOW - 31 * DAY;
    await env.DB.batch(
      Array.from({ length: 7 }, (_, index) =>
        env.DB.prepare(
          "INSERT INTO deliveries (job, period, owner, status, updated_at) VALUES (?, 'once', 'm', 'sent', ?)",
        ).bind(`gone-${index}`, old),
      ),
    );
    const prune = { rows: 2, pages: 2 };
    await tick(new Date(NOW), { prune });
    expect(await remaining("deliveries", "job")).toHaveLength(3);
    await tick(new Date(NOW), { prune });
    expect(await remaining("deliveries", "job")).toHaveLength(0);
  });
});
