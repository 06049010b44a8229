import { describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import { verify } from "../../src/webhook/verify.ts";
import { usageCounts } from "../support/rows.ts";
import { messageUpdate, telegramRequest } from "../support/telegram.ts";
import { arrivalAt } from "../support/webhook.ts";
import { testEnv } from "../support/worker.ts";

describe("verifying a delivery", () => {
  it("hands on the body's bytes as they were sent", async () => {
    const body = JSON.stringify(messageUpdate({ text: "Grüße" }));
    const bytes = await verify(arrivalAt("telegram").arrival, telegramRequest(undefined, { body }));
    expect(bytes).toEqual(new TextEncoder().encode(body));
  });

  it("refuses a wrong secret with 401, counted in Analytics Engine and never in D1", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    const writeDataPoint = vi.fn();
    const settings = { ...testEnv, USAGE: { writeDataPoint } } as Env;
    const { arrival, settled } = arrivalAt("telegram", "concierge", settings);
    const before = await usageCounts();
    const answer = await verify(arrival, telegramRequest(messageUpdate({ text: "hi" }), { secret: "wrong" }));
    await settled();
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(401);
    expect(writeDataPoint).toHaveBeenCalledTimes(1);
    expect(writeDataPoint.mock.calls[0]?.[0]).toMatchObject({
      blobs: ["webhook", "concierge", "telegram", "-", "rejected", ""],
    });
    expect(await usageCounts()).toEqual(before);
  });
});
