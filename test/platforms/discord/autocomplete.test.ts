import { beforeAll, describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { defineBot, defineIntent, defineSubcommand } from "../../../src/core/intent.ts";
import { SUGGEST_TIMEOUT_MS } from "../../../src/core/suggest.ts";
import { callsTo, FX_API, GEOCODING_API } from "../../bots/concierge/apis.ts";
import { AUTOCOMPLETE_RESULT, autocomplete, discordWorker, type KeyPair, newKeyPair } from "../../support/discord.ts";
import { hang, interceptFetch } from "../../support/outbound.ts";
import { rowCounts, usageCounts } from "../../support/rows.ts";
import { expired, noting } from "../../support/time.ts";

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

let keys: KeyPair;
let worker: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  keys = await newKeyPair();
  worker = discordWorker(keys, [concierge, defineBot({ name: "lab", intents: [pick] })]);
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

  it("claims nothing and stores nothing for a suggestion", async () => {
    interceptFetch().on(`${FX_API}/currencies`, () => Response.json(CURRENCIES));
    const request = autocomplete("rate", { from: "e" }, "from", { userId: "1001" });
    const [rows, usage] = [await rowCounts(), await usageCounts()];
    for (let copy = 0; copy < 2; copy++) {
      expect((await worker.send(request)).data?.choices?.map((choice) => choice.value)).toEqual(["EUR", "JPY", "USD"]);
    }
    expect(await rowCounts()).toEqual(rows);
    expect(await usageCounts()).toEqual(usage);
  });

  it("offers nothing for an argument or command it does not know", async () => {
    expect((await worker.send(autocomplete("rate", { nope: "x" }, "nope"))).data?.choices).toEqual([]);
    expect((await worker.send(autocomplete("gone", { x: "x" }, "x"))).data?.choices).toEqual([]);
  });
});
