import { defineBot, defineIntent, defineSubcommand } from "parley";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { SUGGEST_TIMEOUT_MS } from "../../../src/core/suggest.ts";
import { callsTo, FX_API, GEOCODING_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import {
  AUTOCOMPLETE_RESULT,
  autocomplete,
  discordWorker,
  type KeyPair,
  newKeyPair,
  slashCommand,
  stubDiscordApi,
} from "../../support/discord.ts";
import { countingLimiter } from "../../support/limiter.ts";
import { hang, interceptFetch } from "../../support/outbound.ts";
import { rowCounts, usageCounts } from "../../support/rows.ts";
import { expired, noting, unlimited } from "../../support/time.ts";
import { testEnv } from "../../support/worker.ts";

const CURRENCIES = {
  AUD: "Australian Dollar",
  EUR: "Euro",
  GBP: "British Pound",
  JPY: "Japanese Yen",
  USD: "United States Dollar",
};

/** A numeric argument of a subcommand, with examples but no suggestion source. */
const pick = defineIntent({
  command: "pick",
  description: "Pick",
  subcommands: [
    defineSubcommand({
      name: "size",
      description: "Pick a size",
      args: [{ name: "n", type: "integer", description: "Size", examples: ["5", "10", "x", "15"] }],
      run: () => {},
    }),
  ],
});

/** Look-ups a user may make a minute: `limit` of `SUGGEST_LIMITER` in wrangler.toml. */
const SUGGEST_BUDGET = 10;

/** Autocomplete answers counted in the usage rollup, by outcome. */
async function autocompleteCounts(): Promise<Record<string, number>> {
  const { results } = await testEnv.DB.prepare(
    "SELECT outcome, SUM(count) AS count FROM usage_rollup WHERE intent = 'autocomplete' GROUP BY outcome",
  ).all<{ outcome: string; count: number }>();
  return Object.fromEntries(results.map((row) => [row.outcome, row.count]));
}

let keys: KeyPair;
let worker: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  keys = await newKeyPair();
  worker = discordWorker(keys, [concierge, defineBot({ name: "lab", intents: [pick] })]);
});

// Suggestions are cached for minutes: each test starts from an empty cache, whatever ran before it.
beforeEach(async () => {
  const { keys: cached } = await testEnv.CACHE.list({ prefix: "suggest:" });
  await Promise.all(cached.map((key) => testEnv.CACHE.delete(key.name)));
});

describe("Discord autocomplete", () => {
  it("suggests currency codes by code, then by name", async () => {
    const outbound = interceptFetch().on(`${FX_API}/currencies`, () => Response.json(CURRENCIES));
    const byCode = await worker.send(autocomplete("rate", { from: "us" }, "from"));
    expect(byCode).toEqual({
      status: 200,
      type: AUTOCOMPLETE_RESULT,
      data: {
        choices: [
          { name: "USD — United States Dollar", value: "USD" },
          { name: "AUD — Australian Dollar", value: "AUD" },
        ],
      },
    });
    const byName = await worker.send(autocomplete("rate", { from: "USD", to: "yen" }, "to"));
    expect(byName.data?.choices).toEqual([{ name: "JPY — Japanese Yen", value: "JPY" }]);
    expect(callsTo(outbound, FX_API)).toHaveLength(2);
  });

  it("offers the examples before anything is typed, without asking anyone", async () => {
    const outbound = interceptFetch();
    const answer = await worker.send(autocomplete("rate", { from: "" }, "from"));
    expect(answer.data?.choices?.map((choice) => choice.value)).toEqual(["USD", "EUR", "GBP"]);
    expect(outbound.calls).toHaveLength(0);
  });

  it("suggests places for /weather, one per name, showing the place the name will find", async () => {
    const outbound = interceptFetch().on(`${GEOCODING_API}/search`, () =>
      Response.json({
        results: [
          { name: "Paris", latitude: 48.85, longitude: 2.35, country: "France", admin1: "Île-de-France" },
          { name: "Paris", latitude: 33.66, longitude: -95.55, country: "United States", admin1: "Texas" },
          { name: "Parma", latitude: 44.8, longitude: 10.33, country: "Italy", admin1: "Emilia-Romagna" },
        ],
      }),
    );
    const answer = await worker.send(autocomplete("weather", { city: "Par" }, "city"));
    expect(answer.data?.choices).toEqual([
      { name: "Paris, Île-de-France, France", value: "Paris" },
      { name: "Parma, Emilia-Romagna, Italy", value: "Parma" },
    ]);
    const [search] = callsTo(outbound, GEOCODING_API);
    expect(Object.fromEntries(search?.url.searchParams ?? [])).toMatchObject({ name: "Par", count: "5" });
  });

  it("waits for two letters before looking a place up", async () => {
    const outbound = interceptFetch();
    expect((await worker.send(autocomplete("weather", { city: "P" }, "city"))).data?.choices).toEqual([]);
    expect(outbound.calls).toHaveLength(0);
  });

  it("offers nothing when the source fails", async () => {
    interceptFetch().on(`${FX_API}/currencies`, () => new Response("down", { status: 503 }));
    expect(await worker.send(autocomplete("rate", { from: "us" }, "from"))).toEqual({
      status: 200,
      type: AUTOCOMPLETE_RESULT,
      data: { choices: [] },
    });
  });

  it("offers nothing, without waiting for the source, once the suggestion timeout runs out", async () => {
    interceptFetch().on(`${GEOCODING_API}/search`, hang);
    const timeout = noting(expired);
    const impatient = discordWorker(keys, [concierge], timeout.timer);
    expect((await impatient.send(autocomplete("weather", { city: "Berlin" }, "city"))).data?.choices).toEqual([]);
    expect(timeout.asked).toEqual([SUGGEST_TIMEOUT_MS]);
  });

  it("gives numbers for a numeric option, and finds arguments of subcommands", async () => {
    const answer = await worker.send(autocomplete("pick", { n: "1" }, "n", { subcommand: "size", focusedType: 4 }), {
      bot: "lab",
    });
    expect(answer.data?.choices).toEqual([
      { name: "10", value: 10 },
      { name: "15", value: 15 },
    ]);
  });

  it("claims nothing and keeps no state for a suggestion, only counts it in usage", async () => {
    interceptFetch().on(`${FX_API}/currencies`, () => Response.json(CURRENCIES));
    const request = autocomplete("rate", { from: "e" }, "from", { userId: "1001" });
    const [rows, usage, counted] = [await rowCounts(), await usageCounts(), await autocompleteCounts()];
    for (let copy = 0; copy < 2; copy++) {
      expect((await worker.send(request)).data?.choices?.map((choice) => choice.value)).toEqual(["EUR", "JPY", "USD"]);
    }
    expect(await rowCounts()).toEqual(rows);
    expect(await usageCounts()).toEqual({ counted: usage.counted + 2, activeUsers: usage.activeUsers });
    expect((await autocompleteCounts()).ok).toBe((counted.ok ?? 0) + 2);
  });

  it("asks a source at most the budget's times per user, then answers from the examples alone", async () => {
    const outbound = interceptFetch().on(`${GEOCODING_API}/search`, () => Response.json({ results: [] }));
    const limited = discordWorker(keys, [concierge], unlimited, {
      SUGGEST_LIMITER: countingLimiter(SUGGEST_BUDGET).limiter,
    });
    const before = await autocompleteCounts();
    const typed = (city: string, userId: string) => limited.send(autocomplete("weather", { city }, "city", { userId }));
    for (let keystroke = 0; keystroke < 60; keystroke++) await typed(`Place ${keystroke}`, "1101");
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(SUGGEST_BUDGET);
    expect((await typed("Tok", "1101")).data?.choices).toEqual([{ name: "Tokyo", value: "Tokyo" }]);
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(SUGGEST_BUDGET);
    // Another user has a budget of their own.
    await typed("Tok", "1102");
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(SUGGEST_BUDGET + 1);
    const after = await autocompleteCounts();
    expect((after.ok ?? 0) - (before.ok ?? 0)).toBe(SUGGEST_BUDGET + 1);
    expect((after.rate_limited ?? 0) - (before.rate_limited ?? 0)).toBe(61 - SUGGEST_BUDGET);
  });

  it("reuses what a source found for anyone typing the same text, but keeps nothing from a failure", async () => {
    let healthy = false;
    const outbound = interceptFetch().on(`${FX_API}/currencies`, () =>
      healthy ? Response.json(CURRENCIES) : new Response("down", { status: 503 }),
    );
    const typed = (text: string, userId: string, arg = "from") =>
      worker.send(autocomplete("rate", { [arg]: text }, arg, { userId }));
    expect((await typed("pound", "1201")).data?.choices).toEqual([]);
    healthy = true;
    const first = await typed("Pound", "1201");
    expect(first.data?.choices).toEqual([{ name: "GBP — British Pound", value: "GBP" }]);
    expect(await typed("  pOUND ", "1202")).toEqual(first);
    expect(callsTo(outbound, FX_API)).toHaveLength(2);
    // Another argument is another question, even to the same source.
    await typed("pound", "1202", "to");
    expect(callsTo(outbound, FX_API)).toHaveLength(3);
  });

  it("offers nothing for an argument or command it does not know", async () => {
    expect((await worker.send(autocomplete("rate", { nope: "x" }, "nope"))).data?.choices).toEqual([]);
    expect((await worker.send(autocomplete("gone", { x: "x" }, "x"))).data?.choices).toEqual([]);
  });
});

describe("Discord autocomplete of /unsubscribe", () => {
  /** Manage Channels, with View Channel and Send Messages: may change what the channel gets. */
  const MANAGER = String(0x400 | 0x800 | 0x10);

  /** What autocomplete offers `userId` typing `typed` into /unsubscribe's digest, in a DM unless `who` says otherwise. */
  async function offered(userId: string, typed: string, who: { dm?: boolean; locale?: string } = { dm: true }) {
    const answer = await worker.send(autocomplete("unsubscribe", { digest: typed }, "digest", { userId, ...who }));
    return answer.data?.choices;
  }

  it("offers the user's subscriptions, numbered as /subscriptions lists them, before anything is typed", async () => {
    stubDiscordApi(stubOpenMeteo(interceptFetch()));
    const who = { userId: "1301", dm: true };
    await worker.send(slashCommand("subscribe", { digest: "news", time: "08:00", zone: "UTC" }, who));
    await worker.send(
      slashCommand(
        "subscribe",
        { digest: "weather", city: "Berlin", time: "07:00", zone: "Europe/Berlin", rhythm: "weekdays" },
        who,
      ),
    );
    expect(await offered("1301", "")).toEqual([
      { name: "1. news, every day at 08:00 (UTC)", value: "1" },
      { name: "2. weather for Berlin, on weekdays at 07:00 (Europe/Berlin)", value: "2" },
    ]);
    expect(await offered("1301", "berl")).toEqual([
      { name: "2. weather for Berlin, on weekdays at 07:00 (Europe/Berlin)", value: "2" },
    ]);
    // Picking one sends its number; what is offered next is what is left.
    const stopped = await worker.send(slashCommand("unsubscribe", { digest: "2" }, who));
    expect(stopped.data?.content).toContain("Unsubscribed from **weather for Berlin**");
    expect(await offered("1301", "")).toEqual([{ name: "1. news, every day at 08:00 (UTC)", value: "1" }]);
  });

  it("offers each user their own, never what another user was offered", async () => {
    stubDiscordApi(interceptFetch());
    await worker.send(
      slashCommand("subscribe", { digest: "news", time: "09:30", zone: "UTC" }, { userId: "1311", dm: true }),
    );
    expect(await offered("1311", "n")).toEqual([{ name: "1. news, every day at 09:30 (UTC)", value: "1" }]);
    await worker.send(
      slashCommand("subscribe", { digest: "news", time: "10:30", zone: "UTC" }, { userId: "1312", dm: true }),
    );
    expect(await offered("1312", "n")).toEqual([{ name: "1. news, every day at 10:30 (UTC)", value: "1" }]);
    expect(await offered("1313", "n")).toEqual([]);
  });

  it("offers the channel's own digests to everyone there, marked as such, in the user's language", async () => {
    stubDiscordApi(interceptFetch());
    await worker.send(
      slashCommand(
        "subscribe",
        { digest: "news", time: "07:15", zone: "UTC" },
        { userId: "1321", permissions: MANAGER },
      ),
    );
    expect(await offered("1322", "", {})).toEqual([
      { name: "1. news, every day at 07:15 (UTC) — for everyone in this chat", value: "1" },
    ]);
    await worker.send(slashCommand("language", { code: "de" }, { userId: "1323", dm: true }));
    expect(await offered("1323", "", { locale: "en-US" })).toEqual([
      { name: "1. news, jeden Tag um 07:15 (UTC) — für alle in diesem Chat", value: "1" },
    ]);
  });
});
