import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { UserError } from "../../../src/core/errors.ts";
import { defineBot, defineIntent } from "../../../src/core/intent.ts";
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
import { interceptFetch, type Outbound } from "../../support/outbound.ts";

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

beforeAll(async () => {
  keys = await newKeyPair();
  worker = discordWorker(keys, [concierge, lab]);
});

/** Open-Meteo answering Berlin, but only after longer than the inline budget. */
function slowOpenMeteo(outbound: Outbound): Outbound {
  const later = (body: unknown) =>
    new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json(body)), 1700));
  const { temperature: _t, feelsLike: _f, ...place } = BERLIN;
  return outbound
    .on(`${GEOCODING_API}/search`, () => later({ results: [place] }))
    .on(`${WEATHER_API}/forecast`, () => Response.json(forecastAt(BERLIN)));
}

const originalPath = (interaction: { application_id: string; token: string }) =>
  `/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`;

describe("Discord deferred answers", () => {
  it("defers a slow command and fills the deferred message in with a PATCH", { timeout: 15_000 }, async () => {
    const outbound = slowOpenMeteo(stubDiscordApi(interceptFetch()));
    const command = slashCommand("weather", { city: "Berlin" }, { userId: "901" });
    const started = Date.now();
    const answer = await worker.send(command);
    expect(answer).toEqual({ status: 200, type: DEFERRED_MESSAGE });
    const sent = sentToDiscord(outbound);
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([`PATCH ${originalPath(command)}`]);
    expect(sent[0]?.data.content).toContain("**Berlin, Germany**");
    expect(buttonIds(sent[0]?.data)).toEqual([["0:/weather Berlin"]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it("retries the PATCH after the retry_after of a 429", { timeout: 15_000 }, async () => {
    const times: number[] = [];
    const outbound = slowOpenMeteo(interceptFetch()).on(DISCORD_API, () => {
      times.push(Date.now());
      return times.length === 1
        ? Response.json(
            { message: "You are being rate limited.", retry_after: 0.4, global: false },
            { status: 429, headers: { "retry-after": "1", "x-ratelimit-scope": "user" } },
          )
        : Response.json({ id: "1", content: "" });
    });
    await worker.send(slashCommand("weather", { city: "Berlin" }, { userId: "902" }));
    const patches = sentToDiscord(outbound).filter((call) => call.method === "PATCH");
    expect(patches).toHaveLength(2);
    expect(patches[1]?.data.content).toContain("**Berlin, Germany**");
    // The body's exact 0.4 s wins over the header's rounded-up second.
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(380);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeLessThan(950);
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

  it("acknowledges a slow press on the user's own message silently, then replaces that message", {
    timeout: 15_000,
  }, async () => {
    const outbound = slowOpenMeteo(stubDiscordApi(interceptFetch()));
    const press = buttonPress("0:/weather Berlin", { userId: "905" });
    expect(await worker.send(press)).toEqual({ status: 200, type: DEFERRED_UPDATE });
    const sent = sentToDiscord(outbound);
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([`PATCH ${originalPath(press)}`]);
    expect(sent[0]?.data.content).toContain("**Berlin, Germany**");
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
    expect(JSON.parse(row?.data ?? "{}").todos).toEqual(["only once"]);
  });
});
