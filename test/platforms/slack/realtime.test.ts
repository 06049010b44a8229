/**
 * Slack in real time, through the Worker as deployed with its real inline
 * budget: a quick slash command is answered in the webhook response, a slow
 * one is acknowledged inside Slack's three seconds and answered through its
 * response URL. The only Slack test that reads the clock; its margins are
 * wide, so that a busy machine cannot fail it.
 */
import { describe, expect, it } from "vitest";
import { INLINE_BUDGET_MS } from "../../../src/platforms/slack/index.ts";
import { BERLIN, GEOCODING_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import { delayed, interceptFetch } from "../../support/outbound.ts";
import { formRequest, postedMessages, postedTexts, slashCommand, stubSlackApi } from "../../support/slack.ts";
import { callDeployed } from "../../support/worker.ts";

/** Slack shows an error when a slash command has no answer within this. */
const SLACK_DEADLINE_MS = 3_000;
/** How long the place search takes: well past the inline budget. */
const SEARCH_MS = INLINE_BUDGET_MS + 1_500;

describe("Slack in real time", () => {
  it("answers a quick slash command inline, and acknowledges a slow one inside Slack's deadline", {
    timeout: 20_000,
  }, async () => {
    const slowSearch = delayed(SEARCH_MS, () => Response.json({ results: [BERLIN] }));
    const outbound = stubOpenMeteo(stubSlackApi(interceptFetch().on(`${GEOCODING_API}/search`, slowSearch)));

    const quick = await callDeployed(await formRequest(slashCommand({ text: "help", user: "U0LIVE1" }).fields));
    expect(await quick.response.json()).toMatchObject({ response_type: "in_channel" });
    await quick.settled;

    const { fields, responseUrl } = slashCommand({ text: "weather Berlin", user: "U0LIVE1" });
    const request = await formRequest(fields);
    const started = Date.now();
    const slow = await callDeployed(request);
    const answeredMs = Date.now() - started;
    expect(slow.response.status).toBe(200);
    expect(await slow.response.text()).toBe("");
    expect(answeredMs).toBeGreaterThanOrEqual(INLINE_BUDGET_MS);
    expect(answeredMs).toBeLessThan(SLACK_DEADLINE_MS);
    expect(postedMessages(outbound)).toEqual([]);
    await slow.settled;
    const [message, ...more] = postedMessages(outbound);
    expect(more).toEqual([]);
    expect(message?.call.url.href).toBe(responseUrl);
    expect(postedTexts(outbound)[0]).toContain("*Berlin, Germany*");
  });
});
