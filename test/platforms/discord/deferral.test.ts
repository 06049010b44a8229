import { env } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { UserError } from "../../../src/core/errors.ts";
import { INLINE_BUDGET_MS } from "../../../src/platforms/discord/respond.ts";
import { BERLIN, forecastAt, GEOCODING_API, WEATHER_API } from "../../bots/concierge/apis.ts";
import {
  buttonIds,
  buttonPress,
  DEFERRED_MESSAGE,
  DEFERRED_UPDATE,
  DISCORD_API,
  discordWorker,
  EPHEMERAL,
  type KeyPair,
  MESSAGE,
  newKeyPair,
  sentToDiscord,
  slashCommand,
  stubDiscordApi,
} from "../../support/discord.ts";
import { after, interceptFetch, type Outbound, type Responder } from "../../support/outbound.ts";
import { expired, type Gate, gate, noting } from "../../support/time.ts";

/** Two replies, the second a correction for the user's eyes only. */
const partial = defineIntent({
  command: "partial",
  description: "Does half the job",
  run(ctx) {
    ctx.reply("Half done.");
    throw new UserError("The other half failed.");
  },
});

const lab = defineBot({ name: "lab", intents: [partial] });

let keys: KeyPair;
let worker: ReturnType<typeof discordWorker>;
/** A Worker whose inline budget has run out before any handler could finish. */
let deferring: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  keys = await newKeyPair();
  worker = discordWorker(keys, [concierge, lab]);
  deferring = discordWorker(keys, [concierge, lab], expired);
});

/** Open-Meteo answering Berlin; with `search`, the place search not before that gate opens. */
function berlinOpenMeteo(outbound: Outbound, search?: Gate): Outbound {
  const { temperature: _t, feelsLike: _f, ...place } = BERLIN;
  const found: Responder = () => Response.json({ results: [place] });
  return outbound
    .on(`${GEOCODING_API}/search`, search ? after(search, found) : found)
    .on(`${WEATHER_API}/forecast`, () => Response.json(forecastAt(BERLIN)));
}

const originalPath = (interaction: { application_id: string; token: string }) =>
  `/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`;

describe("Discord deferred answers", () => {
  it("defers a command still working when the budget runs out, and fills the deferred message in with a PATCH", async () => {
    const search = gate();
    const outbound = berlinOpenMeteo(stubDiscordApi(interceptFetch()), search);
    const command = slashCommand("weather", { city: "Berlin" }, { userId: "901" });
    const budget = noting(expired);
    const { answer, settled } = await discordWorker(keys, [concierge], budget.timer).start(command);
    // The deferral came while the handler still waited for the place search: nothing was sent yet.
    expect(answer).toEqual({ status: 200, type: DEFERRED_MESSAGE });
    expect(budget.asked).toEqual([INLINE_BUDGET_MS]);
    expect(sentToDiscord(outbound)).toEqual([]);
    search.open();
    await settled;
    const sent = sentToDiscord(outbound);
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([`PATCH ${originalPath(command)}`]);
    expect(sent[0]?.data.content).toContain("**Berlin, Germany**");
    expect(buttonIds(sent[0]?.data)).toEqual([["0:/weather Berlin"]]);
  });

  it("retries the PATCH after the retry_after of a 429", async () => {
    const timers = vi.spyOn(globalThis, "setTimeout");
    let attempts = 0;
    const outbound = berlinOpenMeteo(interceptFetch()).on(DISCORD_API, () => {
      attempts += 1;
      return attempts === 1
        ? Response.json(
            { message: "You are being rate limited.", retry_after: 0.4, global: false },
            { status: 429, headers: { "retry-after": "1", "x-ratelimit-scope": "user" } },
          )
        : Response.json({ id: "1", content: "" });
    });
    await deferring.send(slashCommand("weather", { city: "Berlin" }, { userId: "902" }));
    const patches = sentToDiscord(outbound).filter((call) => call.method === "PATCH");
    expect(patches).toHaveLength(2);
    expect(patches[1]?.data.content).toContain("**Berlin, Germany**");
    // The body's exact 0.4 s wins over the header's rounded-up second.
    const waits = timers.mock.calls.map(([, ms]) => ms);
    expect(waits).toContain(400);
    expect(waits).not.toContain(1000);
  });

  it("waits out an emptied rate-limit bucket before the next follow-up", async () => {
    const times: number[] = [];
    const outbound = interceptFetch().on(DISCORD_API, () => {
      times.push(Date.now());
      return Response.json(
        { id: "1" },
        { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "0.5" } },
      );
    });
    await worker.send(slashCommand("partial", {}, { userId: "903" }), { bot: "lab" });
    expect(sentToDiscord(outbound)).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(450);
  });

  it("sends several replies as the deferred message and follow-ups, a private one ephemeral", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const command = slashCommand("partial", {}, { userId: "904" });
    expect((await worker.send(command, { bot: "lab" })).type).toBe(DEFERRED_MESSAGE);
    const sent = sentToDiscord(outbound);
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([
      `PATCH ${originalPath(command)}`,
      `POST /webhooks/${command.application_id}/${command.token}`,
    ]);
    expect(sent.map(({ data }) => [data.content, data.flags])).toEqual([
      ["Half done.", 4],
      ["The other half failed.", 4 | EPHEMERAL],
    ]);
  });

  it("acknowledges a press still working when the budget runs out silently, then replaces that message", async () => {
    const search = gate();
    const outbound = berlinOpenMeteo(stubDiscordApi(interceptFetch()), search);
    const press = buttonPress("0:/weather Berlin", { userId: "905" });
    const { answer, settled } = await deferring.start(press);
    expect(answer).toEqual({ status: 200, type: DEFERRED_UPDATE });
    expect(sentToDiscord(outbound)).toEqual([]);
    search.open();
    await settled;
    const sent = sentToDiscord(outbound);
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([`PATCH ${originalPath(press)}`]);
    expect(sent[0]?.data.content).toContain("**Berlin, Germany**");
  });

  it("keeps the interaction's token inside its own webhook path, whatever the token holds", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const command = { ...slashCommand("help"), token: "../../channels/300000000000000001/messages?wait=" };
    expect(await deferring.send(command)).toEqual({ status: 200, type: DEFERRED_MESSAGE });
    const token = encodeURIComponent(command.token);
    expect(sentToDiscord(outbound).map(({ method, path }) => `${method} ${path}`)).toEqual([
      `PATCH /webhooks/${command.application_id}/${token}/messages/@original`,
    ]);
  });

  it("handles a repeated interaction id once", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const command = slashCommand("todo", { text: "only once" }, { userId: "906", subcommand: "add" });
    const first = await worker.send(command);
    const second = await worker.send(command);
    expect(first).toMatchObject({ type: MESSAGE, data: { content: "Added **only once** as item 1." } });
    // The copy is acknowledged and nothing more: no second item, no message.
    expect(second).toEqual({ status: 200, type: DEFERRED_MESSAGE });
    expect(outbound.calls).toHaveLength(0);
    const row = await env.DB.prepare(
      "SELECT data FROM users WHERE bot = 'concierge' AND platform = 'discord' AND user_id = ?",
    )
      .bind("906")
      .first<{ data: string }>();
    expect(JSON.parse(row?.data ?? "{}").todos).toEqual([{ id: 101, text: "only once" }]);
  });
});
