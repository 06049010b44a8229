/**
 * Signatures cover the bytes that were sent, not a decoding of them: a body
 * that is not UTF-8 reads, once invalid bytes are replaced, like another
 * body, and must not borrow that body's signature. A correctly signed body
 * that is not UTF-8 is malformed: a 400 that stores and sends nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { nowSeconds, slashCommand, stubDiscordApi } from "../support/discord.ts";
import { eventCallback, stubSlackApi } from "../support/slack.ts";
import { messageUpdate, stubTelegramApi } from "../support/telegram.ts";
import { createHarness, effectOf, type Harness, quietStubs } from "./harness.ts";

const encoder = new TextEncoder();

/**
 * `text` as UTF-8 with its U+FFFD (bytes EF BF BD) replaced by a lone 0xFF:
 * not UTF-8, yet a decoder that replaces invalid bytes reads it as `text`.
 */
function notUtf8(text: string): Uint8Array {
  const bytes = encoder.encode(text);
  const at = bytes.findIndex((byte, index) => byte === 0xef && bytes[index + 1] === 0xbf && bytes[index + 2] === 0xbd);
  if (at === -1) throw new Error("no U+FFFD to replace");
  return new Uint8Array([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at + 3)]);
}

const slackEvent = (user: string) => JSON.stringify(eventCallback({ text: "help \uFFFD", user }));
const discordCommand = () => JSON.stringify(slashCommand("weather", { city: "Berlin \uFFFD" }));

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness();
});

describe("signatures over bytes", () => {
  it("refuses on Slack a body whose bytes differ from the signed ones, though both read the same", async () => {
    const { outbound } = quietStubs(stubSlackApi);
    const body = slackEvent("U0BYTES1");
    const timestamp = nowSeconds();
    const signed = await harness.slack(body, "application/json", { timestamp });
    const signature = signed.headers.get("x-slack-signature");
    const forged = await harness.slack(notUtf8(body), "application/json", { timestamp, signature });
    expect(await effectOf(harness, outbound.calls, forged)).toMatchObject({ status: 401, stored: false, calls: 0 });
  });

  it("refuses on Discord a body whose bytes differ from the signed ones, though both read the same", async () => {
    const { outbound } = quietStubs(stubDiscordApi);
    const body = discordCommand();
    const timestamp = nowSeconds();
    const signed = await harness.discord(body, { timestamp });
    const signature = signed.headers.get("x-signature-ed25519");
    const forged = await harness.discord(notUtf8(body), { timestamp, signature });
    expect(await effectOf(harness, outbound.calls, forged)).toMatchObject({ status: 401, stored: false, calls: 0 });
  });

  it("answers 400 to a correctly signed body that is not UTF-8, on every platform, storing and sending nothing", async () => {
    const { outbound } = quietStubs((calls) => stubTelegramApi(stubSlackApi(stubDiscordApi(calls))));
    const requests: Record<string, () => Promise<Request>> = {
      telegram: async () => harness.telegram(notUtf8(JSON.stringify(messageUpdate({ text: "/help \uFFFD" })))),
      discord: () => harness.discord(notUtf8(discordCommand())),
      slack: () => harness.slack(notUtf8(slackEvent("U0BYTES2")), "application/json"),
    };
    for (const [platform, request] of Object.entries(requests)) {
      const effect = await effectOf(harness, outbound.calls, await request());
      expect(effect, platform).toMatchObject({ status: 400, stored: false, calls: 0 });
      const response = await harness.deliver(await request());
      expect(await response.json(), platform).toEqual({ error: "body is not UTF-8" });
    }
  });
});
