/**
 * A response URL comes in the payload: the Worker posts to it only on Slack's
 * own host (or, when `SLACK_API_BASE` points elsewhere, as in local
 * emulation, on that origin). Any other URL is ignored and the answer goes
 * through the Web API instead.
 */
import { describe, expect, it } from "vitest";
import { bots } from "../../../bots/index.ts";
import { createApp } from "../../../src/app.ts";
import type { Env } from "../../../src/env.ts";
import { platforms } from "../../../src/platforms/index.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { answerCalls, buttonPress, formRequest, SLACK_API, slashCommand, stubSlackApi } from "../../support/slack.ts";
import { expired } from "../../support/time.ts";
import { callThrough, testEnv } from "../../support/worker.ts";

/** Slack's Web API as the local stack serves it, and a response URL it hands out. */
const LOCAL_API = "http://127.0.0.1:8799/slack";
const LOCAL_RESPONSE_URL = "http://127.0.0.1:8799/slack/response/1";

const FOREIGN_URLS = [
  "https://attacker.example/collect",
  "https://hooks.slack.com.attacker.example/commands/x",
  "http://hooks.slack.com/commands/x",
  "https://hooks.slack.com:8443/commands/x",
  "https://slack.com/api/chat.postMessage",
  "http://127.0.0.1:8799/slack/response/1",
];

/** Delivers `request` to a Worker that acknowledges at once and answers afterwards, with `settings` on top. */
async function deferred(request: Request, settings: Partial<Env> = {}): Promise<number> {
  const app = createApp({ bots, platforms }, { timer: expired });
  const { response, settled } = await callThrough(app.fetch, request, { ...testEnv, ...settings } as Env);
  await settled;
  return response.status;
}

function withResponseUrl(fields: Record<string, string>, url: string): Record<string, string> {
  if (fields.payload === undefined) return { ...fields, response_url: url };
  return { payload: JSON.stringify({ ...JSON.parse(fields.payload), response_url: url }) };
}

describe("Slack response URLs", () => {
  it("answers a slash command through the Web API when its response URL is not Slack's", async () => {
    for (const url of FOREIGN_URLS) {
      const outbound = stubSlackApi(interceptFetch());
      const { fields } = slashCommand({ text: "help", user: "U0URL1" });
      expect(await deferred(await formRequest(withResponseUrl(fields, url))), url).toBe(200);
      expect(
        answerCalls(outbound).map((call) => `${call.method} ${call.url.href}`),
        url,
      ).toEqual([`POST ${SLACK_API}/chat.postMessage`]);
      expect(answerCalls(outbound)[0]?.json, url).toMatchObject({ channel: "C0GENERAL" });
    }
  });

  it("answers a button press through the Web API when its response URL is not Slack's", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const { fields } = buttonPress({ value: "/help", user: "U0URL2" });
    expect(await deferred(await formRequest(withResponseUrl(fields, "https://attacker.example/x")))).toBe(200);
    expect(answerCalls(outbound).map((call) => call.url.href)).toEqual([`${SLACK_API}/chat.postMessage`]);
  });

  it("still uses a response URL on hooks.slack.com", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const { fields, responseUrl } = slashCommand({ text: "help", user: "U0URL3" });
    expect(await deferred(await formRequest(fields))).toBe(200);
    expect(answerCalls(outbound).map((call) => call.url.href)).toEqual([responseUrl]);
  });

  it("uses a response URL on the origin of SLACK_API_BASE when that points at a local stand-in", async () => {
    const outbound = interceptFetch().on(LOCAL_API, () => Response.json({ ok: true }));
    const local = { SLACK_API_BASE: LOCAL_API };
    const { fields } = slashCommand({ text: "help", user: "U0URL4" });
    expect(await deferred(await formRequest(withResponseUrl(fields, LOCAL_RESPONSE_URL)), local)).toBe(200);
    const other = slashCommand({ text: "help", user: "U0URL4" }).fields;
    const elsewhere = "http://127.0.0.1:8800/slack/response/2";
    expect(await deferred(await formRequest(withResponseUrl(other, elsewhere)), local)).toBe(200);
    expect(answerCalls(outbound).map((call) => call.url.href)).toEqual([
      LOCAL_RESPONSE_URL,
      `${LOCAL_API}/chat.postMessage`,
    ]);
  });
});
