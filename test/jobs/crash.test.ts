import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import { REMINDER_LEASE_MS } from "../../src/jobs/tick.ts";
import { stubNews } from "../bots/concierge/apis.ts";
import { overrideD1 } from "../support/d1.ts";
import {
  clearScheduledWork,
  consume,
  dueJobs,
  insertReminder,
  insertSubscription,
  type QueuedMessage,
  reminderStatus,
  tick,
} from "../support/jobs.ts";
import { interceptFetch, type Outbound } from "../support/outbound.ts";
import { sentMessages, stubTelegramApi } from "../support/telegram.ts";
import { testEnv } from "../support/worker.ts";

beforeEach(clearScheduledWork);

function stubs(): Outbound {
  const outbound = interceptFetch();
  stubNews(outbound);
  return stubTelegramApi(outbound);
}

const sentTo = (outbound: Outbound, chatId: string) =>
  sentMessages(outbound).filter((message) => message.chat_id === chatId);

const SETTLE = /^UPDATE deliveries SET status/;

/**
 * The test environment with a D1 that goes down after two deliveries were
 * settled: from then on every statement fails, and so does a third settle
 * (whether it comes alone or in a batch with others).
 */
function dbFailingAfterTwoSettles(): Env {
  let prepared = 0;
  let committed = 0;
  const db = overrideD1(testEnv.DB, {
    prepare(sql) {
      if (committed >= 2 || (SETTLE.test(sql) && prepared >= 2)) throw new Error("D1_ERROR: database unavailable");
      if (SETTLE.test(sql)) prepared++;
      return testEnv.DB.prepare(sql);
    },
    async batch(statements) {
      const results = await testEnv.DB.batch(statements);
      committed = prepared;
      return results;
    },
  });
  return { ...testEnv, DB: db };
}

async function ledgerStatuses(): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT status FROM deliveries ORDER BY job").all<{ status: string }>();
  return results.map((row) => row.status);
}

describe("a consumer that dies mid-batch", () => {
  it("leaves each sent message settled, so that the re-run batch sends every chat its digest exactly once", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const outbound = stubs();
    const chats: string[] = [];
    for (let i = 0; i < 5; i++) chats.push((await insertSubscription({ nextRunAt: "2032-01-10T07:00:00Z" })).chatId);
    const jobs = await dueJobs("2032-01-10T07:00:00Z");
    expect(jobs).toHaveLength(5);
    await expect(consume(jobs, { env: dbFailingAfterTwoSettles() })).rejects.toThrow("database unavailable");
    // The queue delivers the batch again, under the same message ids.
    await consume(jobs, { attempts: 2 });
    for (const chat of chats) expect(sentTo(outbound, chat), chat).toHaveLength(1);
    expect(await ledgerStatuses()).toEqual(["sent", "sent", "sent", "sent", "sent"]);
  });

  it("lets another copy of a job send once the claim of a consumer that died has run out, and no sooner", async () => {
    const outbound = stubs();
    const subscription = await insertSubscription({ nextRunAt: "2032-01-11T07:00:00Z" });
    const [job] = await dueJobs("2032-01-11T07:00:00Z");
    if (!job) throw new Error("nothing was due");
    // What a consumer that claimed the delivery and then died leaves behind.
    await env.DB.prepare(
      "INSERT INTO deliveries (job, period, owner, status, updated_at, lease_until) VALUES (?, ?, 'dead-consumer', 'sending', ?, ?)",
    )
      .bind(`subscription:${subscription.id}`, "2032-01-11T07:00:00.000Z", Date.now(), Date.now() + 60_000)
      .run();
    const copy = (): QueuedMessage => ({ ...job, id: crypto.randomUUID() });
    const early = copy();
    expect((await consume([early])).explicitAcks).toEqual([early.id]);
    expect(sentTo(outbound, subscription.chatId)).toHaveLength(0);

    await env.DB.prepare("UPDATE deliveries SET lease_until = ? WHERE owner = 'dead-consumer'")
      .bind(Date.now() - 1)
      .run();
    await consume([copy()]);
    await consume([copy()]);
    expect(sentTo(outbound, subscription.chatId)).toHaveLength(1);
    expect(await ledgerStatuses()).toEqual(["sent"]);
  });

  it("queues a reminder again when its job was lost, once its lease has run out, and sends it once", async () => {
    const outbound = stubs();
    const at = Date.parse("2032-01-12T07:00:00Z");
    const reminder = await insertReminder({ dueAt: "2032-01-12T07:00:00Z" });
    const reminders = (jobs: readonly QueuedMessage[]) => jobs.filter((job) => job.body.kind === "reminder");
    const lost = reminders(await tick(new Date(at)));
    expect(lost).toHaveLength(1);
    expect(reminders(await tick(new Date(at + REMINDER_LEASE_MS - 60_000)))).toEqual([]);
    const again = reminders(await tick(new Date(at + REMINDER_LEASE_MS)));
    expect(again).toHaveLength(1);
    await consume(again);
    // The lost job turns up after all: the ledger stops it.
    await consume(lost);
    expect(sentTo(outbound, reminder.chatId)).toHaveLength(1);
    expect(await reminderStatus(reminder.id)).toBe("sent");
  });
});
