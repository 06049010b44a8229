import { beforeEach, describe, expect, it } from "vitest";
import { PAGE_LEASE_MS } from "../../src/jobs/tick.ts";
import { stubNews } from "../bots/concierge/apis.ts";
import {
  clearScheduledWork,
  consume,
  insertReminder,
  insertSubscription,
  type QueuedMessage,
  tick,
} from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sentMessages, stubTelegramApi } from "../support/telegram.ts";

beforeEach(clearScheduledWork);

const MINUTE = 60_000;
/** Two ids to a page, at most three page jobs and three pages of two reminders a tick. */
const limits = { span: 2, maxPages: 3, reminderPage: 2, maxReminderPages: 3 };

const pagesOf = (jobs: readonly QueuedMessage[]) =>
  jobs.flatMap(({ body }) => (body.kind === "digest-page" ? [body.range] : []));
const digestIds = (jobs: readonly QueuedMessage[]) =>
  jobs.flatMap(({ body }) => (body.kind === "digest" ? [body.subscriptionId] : []));
const reminderIds = (jobs: readonly QueuedMessage[]) =>
  jobs.flatMap(({ body }) => (body.kind === "reminder" ? [body.reminderId] : []));

describe("the two-level fan-out", () => {
  it("queues page jobs, at most a tick's worth, never a range twice while its page is pending; the pages queue each digest once", async () => {
    const at = Date.parse("2030-10-01T07:00:00Z");
    const subscriptions: number[] = [];
    for (let i = 0; i < 8; i++)
      subscriptions.push((await insertSubscription({ nextRunAt: "2030-10-01T07:00:00Z" })).id);
    const ranges = [...new Set(subscriptions.map((id) => Math.floor(id / limits.span)))];
    expect(ranges.length).toBeGreaterThan(limits.maxPages);

    const first = await tick(new Date(at), limits);
    expect(pagesOf(first)).toEqual(ranges.slice(0, 3));
    const second = await tick(new Date(at + MINUTE), limits);
    expect(pagesOf(second)).toEqual(ranges.slice(3));
    // Every range is held by a page job that has not run yet.
    expect(pagesOf(await tick(new Date(at + 2 * MINUTE), limits))).toEqual([]);

    const pageJobs = [...first, ...second].filter((job) => job.body.kind === "digest-page");
    const queued = (await consume(pageJobs)).queued;
    expect(digestIds(queued).sort((a, b) => a - b)).toEqual(subscriptions);
    // Run again (a redelivered page): the rows were moved on, so nothing is queued twice.
    expect((await consume(pageJobs)).queued).toEqual([]);
    expect(await tick(new Date(at + 3 * MINUTE), limits)).toEqual([]);
  });

  it("pages a range again when its page job was lost, once the lease has run out, and sends once", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    stubNews(outbound);
    const at = Date.parse("2030-10-02T07:00:00Z");
    const subscription = await insertSubscription({ nextRunAt: "2030-10-02T07:00:00Z" });
    expect(pagesOf(await tick(new Date(at)))).toHaveLength(1);
    expect(pagesOf(await tick(new Date(at + PAGE_LEASE_MS - MINUTE)))).toEqual([]);
    const again = await tick(new Date(at + PAGE_LEASE_MS));
    expect(pagesOf(again)).toHaveLength(1);
    const digests = (await consume(again)).queued;
    await consume(digests);
    expect(sentMessages(outbound).filter((message) => message.chat_id === subscription.chatId)).toHaveLength(1);
  });

  it("lets no lease taken by a tick replayed at a later time hold a range or a reminder at an earlier one", async () => {
    const at = Date.parse("2030-10-04T07:00:00Z");
    await insertSubscription({ nextRunAt: "2030-10-04T07:00:00Z" });
    await insertReminder({ dueAt: "2030-10-04T07:00:00Z" });
    // Run by hand a day ahead; its jobs are lost.
    const ahead = await tick(new Date(at + 24 * 60 * MINUTE));
    expect(pagesOf(ahead)).toHaveLength(1);
    expect(reminderIds(ahead)).toHaveLength(1);
    const now = await tick(new Date(at + MINUTE));
    expect(pagesOf(now)).toHaveLength(1);
    expect(reminderIds(now)).toHaveLength(1);
  });

  it("queues at most a tick's pages of reminders, the rest on the next tick, none twice", async () => {
    const at = Date.parse("2030-10-03T07:00:00Z");
    const reminders: number[] = [];
    for (let i = 0; i < 7; i++) reminders.push((await insertReminder({ dueAt: "2030-10-03T07:00:00Z" })).id);
    expect(reminderIds(await tick(new Date(at), limits))).toEqual(reminders.slice(0, 6));
    expect(reminderIds(await tick(new Date(at + MINUTE), limits))).toEqual(reminders.slice(6));
    expect(reminderIds(await tick(new Date(at + 2 * MINUTE), limits))).toEqual([]);
  });
});
