import { describe, expect, it } from "vitest";
import { verifySlackSignature } from "../../../src/platforms/slack/verify.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { eventCallback, eventRequest, sign, slackRequest, stubSlackApi } from "../../support/slack.ts";
import { deliver } from "../../support/worker.ts";

const now = () => Math.floor(Date.now() / 1000);

describe("Slack request signatures", () => {
  it("accepts the example from Slack's documentation", async () => {
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const request = new Request("https://parley.test/", {
      method: "POST",
      headers: {
        "x-slack-request-timestamp": "1531420618",
        "x-slack-signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      },
      body,
    });
    const secret = "8f742231b10e8888abcd99yyyzzz85a5";
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(await verifySlackSignature(request, bytes(body), secret, 1531420618_000)).toBe(true);
    expect(await verifySlackSignature(request, bytes(`${body}x`), secret, 1531420618_000)).toBe(false);
  });

  it("answers a correctly signed delivery", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const response = await deliver(await eventRequest(eventCallback({ text: "help", user: "U0SIG1" })));
    expect(response.status).toBe(200);
    expect(outbound.to("/chat.postMessage")).toHaveLength(1);
  });

  it("answers 401 and sends nothing for a bad, stale, future, tampered or missing signature", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const body = JSON.stringify(eventCallback({ text: "help", user: "U0SIG2" }));
    const json = "application/json";
    const rejected = {
      "wrong signature": await slackRequest(body, json, { signature: `v0=${"0".repeat(64)}` }),
      "signed with another secret": await slackRequest(body, json, {
        signature: await sign(body, String(now()), "another-secret"),
      }),
      "six minutes old": await slackRequest(body, json, { timestamp: now() - 6 * 60 }),
      "six minutes ahead": await slackRequest(body, json, { timestamp: now() + 6 * 60 }),
      "no signature": await slackRequest(body, json, { signature: null }),
      "no timestamp": await slackRequest(body, json, { noTimestamp: true }),
      "empty signature": await slackRequest(body, json, { signature: "" }),
    };
    for (const [name, request] of Object.entries(rejected)) {
      expect((await deliver(request)).status, name).toBe(401);
    }
    const signed = await slackRequest(body, json);
    const tampered = new Request(signed, { body: body.replace('"help"', '"news"') });
    expect((await deliver(tampered)).status).toBe(401);
    expect(outbound.calls).toHaveLength(0);
  });

  it("accepts a delivery four minutes old", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const body = JSON.stringify(eventCallback({ text: "help", user: "U0SIG3" }));
    const response = await deliver(await slackRequest(body, "application/json", { timestamp: now() - 4 * 60 }));
    expect(response.status).toBe(200);
    expect(outbound.to("/chat.postMessage")).toHaveLength(1);
  });

  it("checks the signature before looking at the body", async () => {
    const response = await deliver(await slackRequest("not json", "application/json", { signature: "v0=00" }));
    expect(response.status).toBe(401);
  });

  it("answers 400 for a signed body that is not a Slack request", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const form = "application/x-www-form-urlencoded";
    const bodies: [string, string][] = [
      ["not json", "application/json"],
      ["null", "application/json"],
      ['{"type":"event_callback","event_id":"Ev1"}', "application/json"],
      ['{"type":"event_callback","event_id":"Ev2","event":{"type":"message","text":"hi"}}', "application/json"],
      ['{"type":"url_verification"}', "application/json"],
      ["text=hello", form],
      ["payload=not-json", form],
      [`payload=${encodeURIComponent('{"type":"block_actions"}')}`, form],
    ];
    for (const [body, type] of bodies) {
      expect((await deliver(await slackRequest(body, type))).status, body).toBe(400);
    }
    expect(outbound.calls).toHaveLength(0);
  });
});
