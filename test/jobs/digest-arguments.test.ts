/**
 * Digests with arguments at the queue: one render (one outside call) per
 * digest, arguments and period, however many subscribe to it; and a render
 * that fails becomes a short notice each subscriber gets once that period,
 * counted in usage.
 */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import {
  BERLIN,
  callsTo,
  PARIS,
  type StubPlace,
  stubNews,
  stubOpenMeteo,
  WEATHER_API,
} from "../bots/concierge/apis.ts";
import { clearScheduledWork, consume, dueJobs, insertSubscription, subscriptionRow } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sentMessages, stubTelegramApi } from "../support/telegram.ts";

beforeEach(clearScheduledWork);

const ROME: StubPlace = {
  name: "Rome",
  latitude: 41.89193,
  longitude: 12.51133,
  country: "Italy",
  temperature: 15,
  feelsLike: 14,
};

/** A weather subscription's arguments as subscribing stores them. */
const argsOf = (place: StubPlace) =>
  JSON.stringify({ city: place.name, country: place.country, latitude: place.latitude, longitude: place.longitude });

async function subscribeTo(place: StubPlace, nextRunAt: string) {
  return insertSubscription({ nextRunAt, digest: "weather", args: argsOf(place) });
}

const textsTo = (outbound: ReturnType<typeof interceptFetch>, chatId: string) =>
  sentMessages(outbound)
    .filter((message) => String(message.chat_id) === chatId)
    .map((message) => message.text);

async function renderFailures(): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT SUM(count) AS n FROM usage_rollup WHERE intent = 'digest-render:weather' AND outcome = 'handler_error'",
  ).first<{ n: number | null }>();
  return row?.n ?? 0;
}

describe("a digest with arguments", () => {
  it("is rendered once for every subscriber of the same arguments, across batches: one forecast call", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    const at = "2030-05-06T05:00:00Z";
    const subscribers = [];
    for (let i = 0; i < 6; i++) subscribers.push(await subscribeTo(BERLIN, at));
    const jobs = await dueJobs(at);
    expect(jobs).toHaveLength(6);
    // Two batches: the second finds the first one's render in D1.
    await consume(jobs.slice(0, 3));
    await consume(jobs.slice(3));
    expect(callsTo(outbound, WEATHER_API)).toHaveLength(1);
    for (const { chatId } of subscribers)
      expect(textsTo(outbound, chatId)).toEqual([expect.stringContaining("Berlin")]);
  });

  it("is rendered once per distinct arguments: three cities, three forecast calls, each to its own subscribers", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()), [BERLIN, PARIS, ROME]);
    const at = "2030-05-07T05:00:00Z";
    const byPlace = new Map<StubPlace, string[]>();
    for (const place of [BERLIN, PARIS, ROME]) {
      const chats = [];
      for (let i = 0; i < 3; i++) chats.push((await subscribeTo(place, at)).chatId);
      byPlace.set(place, chats);
    }
    await consume(await dueJobs(at));
    const calls = callsTo(outbound, WEATHER_API).map((call) => Number(call.url.searchParams.get("latitude")));
    expect(calls.sort()).toEqual([BERLIN.latitude, PARIS.latitude, ROME.latitude].sort());
    for (const [place, chats] of byPlace) {
      for (const chat of chats) expect(textsTo(outbound, chat)).toEqual([expect.stringContaining(place.name)]);
    }
  });

  it("that cannot be fetched sends each subscriber a short notice once that period, asks once, and shows in usage", async () => {
    const outbound = interceptFetch().on(
      `${WEATHER_API}/forecast`,
      () => new Response("upstream down", { status: 503 }),
    );
    stubOpenMeteo(stubTelegramApi(outbound));
    const at = "2030-05-08T05:00:00Z";
    const first = await subscribeTo(BERLIN, at);
    const second = await subscribeTo(BERLIN, at);
    const before = await renderFailures();
    const jobs = await dueJobs(at);
    await consume(jobs);
    // Delivered again (a retry of the batch): nothing more is sent, and the service is not asked again.
    await consume(jobs);
    const notice = "I could not fetch today's weather for Berlin. It comes again next time.";
    expect(textsTo(outbound, first.chatId)).toEqual([notice]);
    expect(textsTo(outbound, second.chatId)).toEqual([notice]);
    expect(callsTo(outbound, WEATHER_API)).toHaveLength(1);
    expect((await renderFailures()) - before).toBe(1);
  });

  it("made before digests took arguments (no arguments, no rhythm stored) is sent daily as before", async () => {
    const outbound = stubNews(stubTelegramApi(interceptFetch()));
    const at = "2030-05-09T06:00:00Z";
    const row = await env.DB.prepare(
      `INSERT INTO subscriptions (bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, updated_at)
       VALUES ('concierge', 'telegram', '8301', '8301', '{"chatId":"8301"}', 'news', '08:00', 'Europe/Berlin', ?, 0)
       RETURNING id, args, rhythm`,
    )
      .bind(Date.parse(at))
      .first<{ id: number; args: string; rhythm: string }>();
    expect(row).toMatchObject({ args: "{}", rhythm: "daily" });
    await consume(await dueJobs(at));
    expect(textsTo(outbound, "8301")).toEqual([expect.stringContaining("Story 1")]);
    expect((await subscriptionRow(row?.id ?? 0))?.next_run_at).toBe(Date.parse("2030-05-10T06:00:00Z"));
  });
});
