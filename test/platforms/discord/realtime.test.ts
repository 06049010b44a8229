/**
 * Discord in real time, through the Worker as deployed with its real inline
 * budget: a quick command is answered in the webhook response, a slow one is
 * deferred inside Discord's three seconds and filled in after. The only
 * Discord test that reads the clock; its margins are wide, so that a busy
 * machine cannot fail it.
 */
import { describe, expect, it } from "vitest";
import { INLINE_BUDGET_MS } from "../../../src/platforms/discord/respond.ts";
import { BERLIN, GEOCODING_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import {
  DEFERRED_MESSAGE,
  discordEnv,
  interactionRequest,
  MESSAGE,
  newKeyPair,
  sentToDiscord,
  slashCommand,
  stubDiscordApi,
} from "../../support/discord.ts";
import { delayed, interceptFetch } from "../../support/outbound.ts";
import { callDeployed } from "../../support/worker.ts";

/** Discord shows "The application did not respond" when an interaction has no answer within this. */
const DISCORD_DEADLINE_MS = 3_000;
/** How long the place search takes: well past the inline budget. */
const SEARCH_MS = INLINE_BUDGET_MS + 1_500;

describe("Discord in real time", () => {
  it("answers a quick command inline, and defers a slow one inside Discord's deadline", {
    timeout: 20_000,
  }, async () => {
    const keys = await newKeyPair();
    const env = discordEnv(keys);
    const slowSearch = delayed(SEARCH_MS, () => Response.json({ results: [BERLIN] }));
    const outbound = stubOpenMeteo(stubDiscordApi(interceptFetch().on(`${GEOCODING_API}/search`, slowSearch)));
    const who = { userId: "700000000000002901" };

    const quick = await callDeployed(await interactionRequest(keys, slashCommand("help", {}, who)), env);
    expect(await quick.response.json()).toMatchObject({ type: MESSAGE });
    await quick.settled;

    const command = slashCommand("weather", { city: "Berlin" }, who);
    const request = await interactionRequest(keys, command);
    const started = Date.now();
    const slow = await callDeployed(request, env);
    const answeredMs = Date.now() - started;
    expect(await slow.response.json()).toEqual({ type: DEFERRED_MESSAGE });
    expect(answeredMs).toBeGreaterThanOrEqual(INLINE_BUDGET_MS);
    expect(answeredMs).toBeLessThan(DISCORD_DEADLINE_MS);
    expect(sentToDiscord(outbound)).toEqual([]);
    await slow.settled;
    const [edit, ...more] = sentToDiscord(outbound);
    expect(more).toEqual([]);
    expect(edit).toMatchObject({
      method: "PATCH",
      path: `/webhooks/${command.application_id}/${command.token}/messages/@original`,
    });
    expect(edit?.data.content).toContain("**Berlin, Germany**");
  });
});
