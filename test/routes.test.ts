import { describe, expect, it } from "vitest";
import { interceptFetch } from "./support/outbound.ts";
import { rowCounts } from "./support/rows.ts";
import { messageUpdate, stubTelegramApi, telegramRequest } from "./support/telegram.ts";
import { deliver } from "./support/worker.ts";

describe("routes and the contract's error codes", () => {
  it("answers GET /healthz with 200", async () => {
    const response = await deliver(new Request("https://parley.test/healthz"));
    expect(response.status).toBe(200);
  });

  it("answers 404 for an unknown bot or platform", async () => {
    const update = messageUpdate({ text: "/help" });
    expect((await deliver(telegramRequest(update, { bot: "nobody" }))).status).toBe(404);
    const otherPlatform = new Request("https://parley.test/webhooks/icq/concierge", { method: "POST", body: "{}" });
    expect((await deliver(otherPlatform)).status).toBe(404);
    expect((await deliver(new Request("https://parley.test/nowhere"))).status).toBe(404);
  });

  it("answers 404 for the names of an object's own machinery, in either place", async () => {
    const outbound = interceptFetch();
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];
    const paths = names.flatMap((name) => [
      ...["telegram", "discord", "slack"].map((platform) => `${platform}/${name}`),
      ...["concierge", "echo"].map((bot) => `${name}/${bot}`),
      `${name}/${name}`,
    ]);
    const before = await rowCounts();
    for (const path of paths) {
      const request = new Request(`https://parley.test/webhooks/${path}`, { method: "POST", body: "{}" });
      expect((await deliver(request)).status, path).toBe(404);
    }
    expect(await rowCounts()).toEqual(before);
    expect(outbound.calls).toHaveLength(0);
  });

  it("answers 401 without the secret header or with a wrong one, and sends nothing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const update = messageUpdate({ text: "/help" });
    expect((await deliver(telegramRequest(update, { secret: null }))).status).toBe(401);
    expect((await deliver(telegramRequest(update, { secret: "wrong" }))).status).toBe(401);
    expect((await deliver(telegramRequest(update, { secret: "" }))).status).toBe(401);
    expect(outbound.calls).toHaveLength(0);
  });

  it("answers 400 for a body that is not a Telegram update", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    for (const body of ["not json", "[]", "null", '{"update_id":"x"}', '{"message":{}}', '{"update_id":-1}']) {
      const response = await deliver(telegramRequest(null, { body }));
      expect(response.status, body).toBe(400);
    }
    expect(outbound.calls).toHaveLength(0);
  });

  it("answers 413 for a body over 1 MiB", async () => {
    const body = JSON.stringify({ update_id: 1, padding: "x".repeat(1024 * 1024) });
    const response = await deliver(telegramRequest(null, { body }));
    expect(response.status).toBe(413);
  });

  it("checks the secret before looking at the body", async () => {
    const response = await deliver(telegramRequest(null, { body: "not json", secret: "wrong" }));
    expect(response.status).toBe(401);
  });
});
