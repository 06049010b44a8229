import { describe, expect, it, vi } from "vitest";
import { decodeUtf8, parse } from "../../src/webhook/parse.ts";
import { eventRequest } from "../support/slack.ts";
import { messageUpdate, telegramRequest } from "../support/telegram.ts";
import { arrivalAt } from "../support/webhook.ts";

describe("parsing a verified body", () => {
  it("hands on the update the platform sent", async () => {
    const request = telegramRequest(messageUpdate({ text: "/help", userId: 811 }));
    const bytes = new Uint8Array(await request.clone().arrayBuffer());
    const parsed = await parse(arrivalAt("telegram").arrival, request, bytes);
    expect(parsed).toMatchObject({
      kind: "update",
      update: { platform: "telegram", user: { id: "811" }, text: "/help" },
    });
  });

  it("refuses a body that is not UTF-8 with 400, without showing it to the adapter", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    const { arrival, settled } = arrivalAt("telegram");
    const adapterParse = vi.spyOn(arrival.adapter, "parse");
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const answer = await parse(arrival, telegramRequest(undefined, { body: "{}" }), bytes);
    await settled();
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(400);
    expect(await (answer as Response).json()).toEqual({ error: "body is not UTF-8" });
    expect(adapterParse).not.toHaveBeenCalled();
  });

  it("decodes strictly, keeping a leading byte-order mark as it was sent", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe("\ufeff{}");
    expect(decodeUtf8(new Uint8Array([0xc3, 0x28]))).toBeUndefined();
  });

  it("gives back what the adapter answers alone: Slack's check of its events URL", async () => {
    const request = await eventRequest({ token: "t", challenge: "c-811", type: "url_verification" });
    const bytes = new Uint8Array(await request.clone().arrayBuffer());
    const answer = await parse(arrivalAt("slack").arrival, request, bytes);
    expect(await (answer as Response).json()).toEqual({ challenge: "c-811" });
  });
});
