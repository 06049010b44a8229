/**
 * D1 access for the jobs runtime: leases that keep a range of due
 * subscriptions or a reminder from being queued twice, moving subscriptions
 * on with a guard, damaged rows set aside one by one, and digest renders
 * shared once made.
 */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { JobStore } from "../../src/store/jobs.ts";
import { clearScheduledWork, insertReminder, insertSubscription, subscriptionRow } from "../support/jobs.ts";

beforeEach(clearScheduledWork);

const store = () => new JobStore(env.DB);
const MINUTE = 60_000;
const NOW = Date.parse("2035-02-01T07:00:00Z");
/** One range holds every subscription of these tests. */
const SPAN = 1_000_000;
const range = (id: number) => Math.floor(id / SPAN);

describe("leases on ranges of due subscriptions", () => {
  it("leases each range with due rows once, until the lease runs out", async () => {
    const { id } = await insertSubscription({ nextRunAt: "2035-02-01T07:00:00Z" });
    await insertSubscription({ nextRunAt: "2035-02-01T06:59:00Z" });
    await insertSubscription({ nextRunAt: "2035-02-01T07:01:00Z" });
    expect(await store().claimDigestPages(NOW, SPAN, NOW + 5 * MINUTE, 10)).toEqual([{ range: range(id), due: 2 }]);
    expect(await store().claimDigestPages(NOW + MINUTE, SPAN, NOW + 6 * MINUTE, 10)).toEqual([]);
    expect(await store().claimDigestPages(NOW + 5 * MINUTE, SPAN, NOW + 10 * MINUTE, 10)).toEqual([
      { range: range(id), due: 3 },
    ]);
  });

  it("holds nothing with a lease taken by a tick replayed at a later time", async () => {
    const { id } = await insertSubscription({ nextRunAt: "2035-02-01T07:00:00Z" });
    const later = NOW + 60 * MINUTE;
    expect(await store().claimDigestPages(later, SPAN, later + 5 * MINUTE, 10)).toHaveLength(1);
    expect(await store().claimDigestPages(NOW, SPAN, NOW + 5 * MINUTE, 10)).toEqual([{ range: range(id), due: 1 }]);
  });

  it("moves a subscription on only from the run it was read at, and lets go of the range", async () => {
    const { id } = await insertSubscription({ nextRunAt: "2035-02-01T07:00:00Z" });
    const [page] = await store().claimDigestPages(NOW, SPAN, NOW + 5 * MINUTE, 10);
    const { rows } = await store().dueInRange(range(id) * SPAN, (range(id) + 1) * SPAN, NOW);
    const from = rows.get(id)?.next_run_at ?? 0;
    const nextDay = from + 24 * 60 * MINUTE;
    await store().advance([{ id, from, to: nextDay }], { range: page?.range ?? -1, leaseUntil: NOW + 5 * MINUTE });
    // A second page job read the same run before the first moved it on: its move changes nothing.
    await store().advance([{ id, from, to: nextDay + MINUTE }], { range: -1, leaseUntil: 0 });
    expect(await subscriptionRow(id)).toMatchObject({ next_run_at: nextDay });
    const leases = await env.DB.prepare("SELECT COUNT(*) AS count FROM digest_pages").first<{ count: number }>();
    expect(leases?.count).toBe(0);
  });
});

describe("leases on due reminders", () => {
  it("gives a queued reminder out again only once its lease has run out", async () => {
    const { id } = await insertReminder({ dueAt: "2035-02-01T07:00:00Z" });
    const leaseUntil = NOW + 15 * MINUTE;
    expect(await store().dueReminders(NOW, leaseUntil, 10)).toEqual([id]);
    await store().markRemindersQueued([id], leaseUntil);
    expect(await store().dueReminders(NOW + MINUTE, NOW + 16 * MINUTE, 10)).toEqual([]);
    expect(await store().dueReminders(leaseUntil, leaseUntil + 15 * MINUTE, 10)).toEqual([id]);
  });
});

describe("rows read for send jobs", () => {
  it("sets a damaged row aside by its id and returns the others", async () => {
    const good = await insertSubscription({ nextRunAt: "2035-02-01T07:00:00Z" });
    const bad = await insertSubscription({ nextRunAt: "2035-02-01T07:00:00Z" });
    await env.DB.prepare("UPDATE subscriptions SET address = 'not json' WHERE id = ?").bind(bad.id).run();
    const { rows, invalid } = await store().subscriptions([good.id, bad.id]);
    expect([...rows.keys()]).toEqual([good.id]);
    expect(rows.get(good.id)).toMatchObject({
      bot: "concierge",
      platform: "telegram",
      address: { chatId: good.chatId },
    });
    expect(invalid).toEqual([bad.id]);
  });
});

describe("digest renders", () => {
  it("keeps the first render of a period for each arguments and language, for every batch that asks after it", async () => {
    const period = "2035-02-01T07";
    const render = (args: string, locale: string, text: string) =>
      store().storeRender("concierge", "weather", { args, period, locale, reply: { text }, failed: false }, NOW);
    await render('{"city":"Berlin"}', "en", "first");
    await render('{"city":"Berlin"}', "en", "second");
    await render('{"city":"Berlin"}', "de", "erste");
    await render('{"city":"Paris"}', "en", "paris");
    const cached = (args: string, locale: string, at = period) =>
      store().cachedRender("concierge", "weather", args, locale, at);
    expect(await cached('{"city":"Berlin"}', "en")).toEqual({ text: "first" });
    expect(await cached('{"city":"Berlin"}', "de")).toEqual({ text: "erste" });
    expect(await cached('{"city":"Paris"}', "en")).toEqual({ text: "paris" });
    expect(await cached('{"city":"Berlin"}', "en", "2035-02-01T08")).toBeUndefined();
  });
});
