import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { stubNews } from "../bots/concierge/apis.ts";
import {
  clearScheduledWork,
  consume,
  dueJobs,
  insertReminder,
  insertSubscription,
  reminderStatus,
  subscriptionRow,
} from "../support/jobs.ts";
import { interceptFetch, type Outbound } from "../support/outbound.ts";
import { sentMessages, stubTelegramApi } from "../support/telegram.ts";

beforeEach(clearScheduledWork);

function stubs(): Outbound {
  const outbound = interceptFetch();
  stubNews(outbound);
  return stubTelegramApi(outbound);
}

/** The error log's events, one per line logged. */
function errorEvents(errors: { mock: { calls: unknown[][] } }): string[] {
  return errors.mock.calls.map((call) => (JSON.parse(String(call[0])) as { event: string }).event);
}

describe("one damaged row among good ones", () => {
  it("an address that does not parse: the others are sent, it is paused and reported once", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const outbound = stubs();
    const at = "2033-01-10T07:00:00Z";
    const good = [await insertSubscription({ nextRunAt: at }), await insertSubscription({ nextRunAt: at })];
    const damaged = await insertSubscription({ nextRunAt: at });
    await env.DB.prepare("UPDATE subscriptions SET address = 'not json' WHERE id = ?").bind(damaged.id).run();
    const reminder = await insertReminder({ dueAt: at });
    const damagedReminder = await insertReminder({ dueAt: at });
    await env.DB.prepare("UPDATE reminders SET address = '{\"chat\":1}' WHERE id = ?").bind(damagedReminder.id).run();

    const jobs = await dueJobs(at);
    expect(jobs).toHaveLength(5);
    const result = await consume(jobs);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual(jobs.map((job) => job.id).sort());
    const chats = sentMessages(outbound).map((message) => message.chat_id);
    expect(chats.sort()).toEqual([...good.map((one) => one.chatId), reminder.chatId].sort());
    expect((await subscriptionRow(damaged.id))?.status).toBe("paused");
    expect(await reminderStatus(damagedReminder.id)).toBe("failed");
    expect(
      errorEvents(errors)
        .filter((event) => event.endsWith("_invalid"))
        .sort(),
    ).toEqual(["reminder_invalid", "subscription_invalid"]);
    // Set aside: the next day's tick does not bring them back.
    expect(await dueJobs("2033-01-11T07:00:00Z")).toHaveLength(2);
  });

  it("a zone with no next run: the tick and its page go on, the row is paused and reported once", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const outbound = stubs();
    const at = "2033-01-12T07:00:00Z";
    const before = await insertSubscription({ nextRunAt: at });
    const damaged = await insertSubscription({ nextRunAt: at, zone: "Mars/Olympus" });
    const after = await insertSubscription({ nextRunAt: at });
    const jobs = await dueJobs(at);
    expect(jobs.map((job) => (job.body.kind === "digest" ? job.body.subscriptionId : 0))).toEqual([
      before.id,
      after.id,
    ]);
    await consume(jobs);
    expect(sentMessages(outbound).map((message) => message.chat_id)).toEqual([before.chatId, after.chatId]);
    expect((await subscriptionRow(damaged.id))?.status).toBe("paused");
    expect(new Date((await subscriptionRow(before.id))?.next_run_at ?? 0).toISOString()).toBe(
      "2033-01-13T07:00:00.000Z",
    );
    // A minute later nothing is due: the good rows moved on, the damaged one is paused.
    expect(await dueJobs("2033-01-12T07:01:00Z")).toEqual([]);
    expect(errorEvents(errors).filter((event) => event === "subscription_invalid")).toHaveLength(1);
  });
});
