import { beforeAll, describe, expect, it } from "vitest";
import {
  discordWorker,
  type KeyPair,
  newKeyPair,
  nowSeconds,
  PONG,
  ping,
  sign,
  slashCommand,
  stubDiscordApi,
} from "../../support/discord.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { deliver } from "../../support/worker.ts";

let keys: KeyPair;
let worker: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  keys = await newKeyPair();
  worker = discordWorker(keys);
});

describe("Discord signature check", () => {
  it("answers a signed PING with PONG", async () => {
    expect(await worker.send(ping())).toEqual({ status: 200, type: PONG });
  });

  it("refuses a bad signature, another key's, a stale or future timestamp and a tampered body, touching nothing", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const other = await newKeyPair();
    const command = slashCommand("help");
    const timestamp = nowSeconds();
    const signature = await sign(keys.privateKey, String(timestamp), JSON.stringify(command));
    const refused = [
      await worker.send(command, { signature: "ab".repeat(64) }),
      await worker.send(command, { signature: "not hex" }),
      await worker.send(command, { signature: null }),
      await worker.send(command, { signWith: other.privateKey }),
      await worker.send(command, { timestamp: timestamp - 6 * 60 }),
      await worker.send(command, { timestamp: timestamp + 6 * 60 }),
      await worker.send(command, { signature, timestamp, body: JSON.stringify({ ...command, type: 1 }) }),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect(outbound.calls).toHaveLength(0);
    // The untouched delivery with that very signature is accepted.
    expect((await worker.send(command, { signature, timestamp })).status).toBe(200);
  });

  it("accepts a timestamp a little off the Worker's clock", async () => {
    expect((await worker.send(ping(), { timestamp: nowSeconds() - 60 })).type).toBe(PONG);
  });

  it("checks the signature before reading the body", async () => {
    expect((await worker.send(null, { body: "not json", signature: "ab".repeat(64) })).status).toBe(401);
  });

  it("answers 400 for a signed body that is not an interaction Parley knows", async () => {
    for (const body of ["not json", "[]", '{"type":1}', '{"type":99,"application_id":"1"}']) {
      const timestamp = nowSeconds();
      const signature = await sign(keys.privateKey, String(timestamp), body);
      expect((await worker.send(null, { body, signature, timestamp })).status, body).toBe(400);
    }
  });

  it("answers 400 for an interaction of another application", async () => {
    expect((await worker.send({ ...ping(), application_id: "999" })).status).toBe(400);
  });

  it("answers 404 for an unknown bot, and for a bot without Discord secrets", async () => {
    expect((await worker.send(ping(), { bot: "nobody" })).status).toBe(404);
    const request = new Request("https://parley.test/webhooks/discord/concierge", {
      method: "POST",
      body: JSON.stringify(ping()),
    });
    // The deployment's own Worker: its test environment holds no Discord secrets.
    expect((await deliver(request)).status).toBe(404);
  });
});
