import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { backoffSeconds } from "../../src/jobs/failure.ts";
import { stubNews } from "../bots/concierge/apis.ts";
import { withoutWaiting } from "../support/clock.ts";
import {
  clearScheduledWork,
  consume,
  dueJobs,
  insertReminder,
  insertSubscription,
  type QueuedMessage,
  reminderStatus,
  subscriptionRow,
  tick,
} from "../support/jobs.ts";
import { interceptFetch, type Outbound } from "../support/outbound.ts";
import { sendTelegram, sentMessages, stubTelegramApi, TELEGRAM_API } from "../support/telegram.ts";

/** Hacker News and the Bot API stubbed; each test uses its own hour so that digest renders do not carry over. */
function stubs(): Outbound {
  const outbound = interceptFetch();
  stubNews(outbound);
  return stubTelegramApi(outbound);
}

beforeEach(clearScheduledWork);

const digestsTo = (outbound: Outbound, chatId: string) =>
  sentMessages(outbound).filter((message) => message.chat_id === chatId && message.text.includes("news digest"));

/** The Bot API answering every call with `status` and Telegram's error body, until `healthy` says otherwise. */
function failingTelegram(status: number, parameters: Record<string, number> = {}) {
  const api = { healthy: false };
  const outbound = interceptFetch();
  stubNews(outbound);
  outbound.on(TELEGRAM_API, () =>
    api.healthy
      ? Response.json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } })
      : Response.json({ ok: false, error_code: status, description: "failing", parameters }, { status }),
  );
  return { outbound, api };
}

/** The same job under another queue message id, as two overlapping ticks would queue it. */
const copyOf = (message: QueuedMessage): QueuedMessage => ({ ...message, id: crypto.randomUUID() });

describe("scheduled digests", () => {
  it("sends exactly the subscriptions that are due, and moves them to the next day", async () => {
    const outbound = stubs();
    const due = await insertSubscription({ nextRunAt: "2030-01-10T07:00:00Z" });
    const alsoDue = await insertSubscription({ nextRunAt: "2030-01-10T06:59:00Z" });
    const later = await insertSubscription({ nextRunAt: "2030-01-10T07:01:00Z" });
    const jobs = await dueJobs("2030-01-10T07:00:00Z");
    expect(jobs.map((job) => job.body)).toEqual([
      { kind: "digest", subscriptionId: due.id, runAt: Date.parse("2030-01-10T07:00:00Z") },
      { kind: "digest", subscriptionId: alsoDue.id, runAt: Date.parse("2030-01-10T06:59:00Z") },
    ]);
    const result = await consume(jobs);
    expect(result.explicitAcks.sort()).toEqual(jobs.map((job) => job.id).sort());
    expect(digestsTo(outbound, due.chatId)).toHaveLength(1);
    expect(digestsTo(outbound, alsoDue.chatId)).toHaveLength(1);
    expect(digestsTo(outbound, later.chatId)).toHaveLength(0);
    expect(new Date((await subscriptionRow(due.id))?.next_run_at ?? 0).toISOString()).toBe("2030-01-11T07:00:00.000Z");
  });

  it("renders a digest once per period for all its subscribers", async () => {
    const outbound = stubs();
    const chats: string[] = [];
    for (let i = 0; i < 3; i++) chats.push((await insertSubscription({ nextRunAt: "2030-02-10T07:00:00Z" })).chatId);
    await consume(await dueJobs("2030-02-10T07:00:00Z"));
    expect(outbound.to("/topstories.json")).toHaveLength(1);
    expect(
      sentMessages(outbound)
        .map((message) => message.chat_id)
        .sort(),
    ).toEqual(chats.sort());
    for (const chat of chats) expect(digestsTo(outbound, chat)).toHaveLength(1);
  });

  it("sends once when the same tick runs twice, or its jobs are queued twice", async () => {
    const outbound = stubs();
    const subscription = await insertSubscription({ nextRunAt: "2030-03-10T07:00:00Z" });
    await env.DB.prepare("UPDATE subscriptions SET status = 'paused' WHERE id != ? AND status = 'active'")
      .bind(subscription.id)
      .run();
    const first = await dueJobs("2030-03-10T07:00:00Z");
    const second = await dueJobs("2030-03-10T07:00:00Z");
    expect(second).toEqual([]);
    // Overlapping ticks that both saw the row queue the same job under two message ids.
    const duplicate = first.map((job) => ({ ...job, id: crypto.randomUUID() }));
    await consume(first);
    await consume(duplicate);
    await consume(first, { attempts: 2 });
    expect(digestsTo(outbound, subscription.chatId)).toHaveLength(1);
  });

  it("catches up once after missed ticks, not once per missed minute", async () => {
    stubs();
    const subscription = await insertSubscription({ nextRunAt: "2030-04-10T05:00:00Z" });
    const jobs = await dueJobs("2030-04-10T08:30:00Z");
    expect(
      jobs.filter((job) => job.body.kind === "digest" && job.body.subscriptionId === subscription.id),
    ).toHaveLength(1);
    expect(new Date((await subscriptionRow(subscription.id))?.next_run_at ?? 0).toISOString()).toBe(
      "2030-04-11T06:00:00.000Z",
    );
  });

  it("retries a failed send through the queue, then sends it once", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { outbound, api } = failingTelegram(502);
    const subscription = await insertSubscription({ nextRunAt: "2030-05-10T07:00:00Z" });
    const jobs = await dueJobs("2030-05-10T07:00:00Z");
    const firstTry = await withoutWaiting(() => consume(jobs));
    expect(firstTry.retryMessages).toEqual([{ msgId: jobs[0]?.id, delaySeconds: 10 }]);
    expect(firstTry.explicitAcks).toEqual([]);
    api.healthy = true;
    const failedCalls = outbound.to("/sendMessage").length;
    const secondTry = await consume(jobs, { attempts: 2 });
    expect(secondTry.explicitAcks).toEqual([jobs[0]?.id]);
    const retried = sentMessages(outbound).slice(failedCalls);
    expect(retried.map((message) => message.chat_id)).toEqual([subscription.chatId]);
    expect(retried[0]?.text).toContain("news digest");
  });

  it("closes a job that ran out of retries in the ledger and logs it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const subscription = await insertSubscription({ nextRunAt: "2030-06-10T07:00:00Z" });
    const job = {
      id: crypto.randomUUID(),
      body: { kind: "digest" as const, subscriptionId: subscription.id, runAt: Date.parse("2030-06-10T07:00:00Z") },
    };
    failingTelegram(500);
    await withoutWaiting(() => consume([job], { attempts: 5 }));
    const result = await consume([job], { queue: "parley-jobs-dlq", attempts: 1 });
    expect(result.explicitAcks).toEqual([job.id]);
    expect(errors.mock.calls.map((call) => String(call[0])).join("\n")).toContain('"event":"dead_letter"');
    const ledger = await env.DB.prepare("SELECT status FROM deliveries WHERE job = ? AND period = ?")
      .bind(`subscription:${subscription.id}`, "2030-06-10T07:00:00.000Z")
      .first();
    expect(ledger).toEqual({ status: "dead" });
  });

  it("pauses the subscription of a user who blocked the bot, instead of retrying", async () => {
    const outbound = interceptFetch();
    stubNews(outbound);
    outbound.on(TELEGRAM_API, () =>
      Response.json(
        { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
        { status: 403 },
      ),
    );
    const subscription = await insertSubscription({ nextRunAt: "2030-07-10T07:00:00Z" });
    const jobs = (await dueJobs("2030-07-10T07:00:00Z")).filter(
      (job) => job.body.kind === "digest" && job.body.subscriptionId === subscription.id,
    );
    const result = await consume(jobs);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toEqual([jobs[0]?.id]);
    expect((await subscriptionRow(subscription.id))?.status).toBe("paused");
    const next = await dueJobs("2030-07-11T07:00:00Z");
    expect(next.filter((job) => job.body.kind === "digest" && job.body.subscriptionId === subscription.id)).toEqual([]);
  });
});

describe("the delivery ledger", () => {
  it("sends a job queued twice once, when both copies arrive in one batch", async () => {
    const outbound = stubs();
    const subscription = await insertSubscription({ nextRunAt: "2030-08-10T07:00:00Z" });
    const reminder = await insertReminder({ dueAt: "2030-08-10T07:00:00Z" });
    const jobs = await dueJobs("2030-08-10T07:00:00Z");
    expect(jobs).toHaveLength(2);
    const batch = jobs.flatMap((job) => [job, copyOf(job)]);
    const result = await consume(batch);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual(batch.map((message) => message.id).sort());
    expect(digestsTo(outbound, subscription.chatId)).toHaveLength(1);
    expect(sentMessages(outbound).filter((message) => message.chat_id === reminder.chatId)).toHaveLength(1);
    expect(await reminderStatus(reminder.id)).toBe("sent");
  });

  it("lets only the first copy's own retry send, never a later copy, while the first has not sent", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { outbound, api } = failingTelegram(502);
    const subscription = await insertSubscription({ nextRunAt: "2030-08-11T07:00:00Z" });
    const [first] = await dueJobs("2030-08-11T07:00:00Z");
    if (!first) throw new Error("the tick queued nothing");
    expect((await withoutWaiting(() => consume([first]))).retryMessages).toEqual([
      { msgId: first.id, delaySeconds: 10 },
    ]);
    api.healthy = true;
    const failedCalls = outbound.to("/sendMessage").length;
    const copy = copyOf(first);
    expect((await consume([copy])).explicitAcks).toEqual([copy.id]);
    expect(outbound.to("/sendMessage")).toHaveLength(failedCalls);
    expect((await consume([first], { attempts: 2 })).explicitAcks).toEqual([first.id]);
    expect(
      sentMessages(outbound)
        .slice(failedCalls)
        .map((message) => message.chat_id),
    ).toEqual([subscription.chatId]);
    await consume([copyOf(first)]);
    expect(outbound.to("/sendMessage")).toHaveLength(failedCalls + 1);
  });
});

describe("ids in the ledger", () => {
  it("sends a reminder made after the newest one was deleted: its id is new, so no old ledger row matches it", async () => {
    const outbound = stubs();
    const old = await insertReminder({ dueAt: "2030-08-12T07:00:00Z" });
    await consume(await dueJobs("2030-08-12T07:00:00Z"));
    expect(await reminderStatus(old.id)).toBe("sent");
    // As the tick's pruning does once a finished reminder is old enough.
    await env.DB.prepare("DELETE FROM reminders WHERE id = ?").bind(old.id).run();
    const fresh = await insertReminder({ dueAt: "2030-08-12T08:00:00Z" });
    expect(fresh.id).toBeGreaterThan(old.id);
    await consume(await dueJobs("2030-08-12T08:00:00Z"));
    expect(sentMessages(outbound).filter((message) => message.chat_id === fresh.chatId)).toHaveLength(1);
    expect(await reminderStatus(fresh.id)).toBe("sent");
  });
});

describe("reminders", () => {
  it("fire once, at their time, in the chat they were set in", async () => {
    const outbound = stubs();
    await sendTelegram({ text: "/remind in 2m take the cake out", userId: 701 });
    const early = await tick(new Date(Date.now() + 60_000));
    expect(early.filter((job) => job.body.kind === "reminder")).toEqual([]);
    const due = (await tick(new Date(Date.now() + 3 * 60_000))).filter((job) => job.body.kind === "reminder");
    expect(due).toHaveLength(1);
    await consume(due);
    await consume(due.map((job) => ({ ...job, id: crypto.randomUUID() })));
    const again = await tick(new Date(Date.now() + 4 * 60_000));
    expect(again.filter((job) => job.body.kind === "reminder")).toEqual([]);
    const reminders = sentMessages(outbound).filter(
      (message) => message.text.includes("take the cake out") && message.text.includes("Reminder"),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.chat_id).toBe("701");
  });
});

describe("queue backoff", () => {
  it("waits longer after each failed attempt, up to ten minutes", () => {
    expect([1, 2, 3, 4, 10].map(backoffSeconds)).toEqual([10, 20, 40, 80, 600]);
  });

  it("asks the queue for the wait Telegram asked for after a 429", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    failingTelegram(429, { retry_after: 7 });
    await insertSubscription({ nextRunAt: "2030-09-10T07:00:00Z" });
    const jobs = await dueJobs("2030-09-10T07:00:00Z");
    const result = await withoutWaiting(() => consume(jobs));
    expect(result.retryMessages).toEqual([{ msgId: jobs[0]?.id, delaySeconds: 7 }]);
  });

  it("asks the queue for 10, 20, 40 seconds after the first, second and third server error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    failingTelegram(500);
    await insertSubscription({ nextRunAt: "2030-09-11T07:00:00Z" });
    const jobs = await dueJobs("2030-09-11T07:00:00Z");
    const delays: (number | undefined)[] = [];
    for (const attempts of [1, 2, 3]) {
      const result = await withoutWaiting(() => consume(jobs, { attempts }));
      delays.push(...result.retryMessages.map((retry) => retry.delaySeconds));
    }
    expect(delays).toEqual([10, 20, 40]);
  });
});
