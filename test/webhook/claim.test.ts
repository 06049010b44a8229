import { describe, expect, it, vi } from "vitest";
import type { Update } from "../../src/core/update.ts";
import { claim } from "../../src/webhook/claim.ts";
import { usageCounts } from "../support/rows.ts";
import { arrivalAt } from "../support/webhook.ts";

function update(eventId: string): Update {
  return {
    platform: "telegram",
    bot: "concierge",
    eventId,
    chat: { id: "821", kind: "private" },
    user: { id: "821", name: "Ann" },
    text: "/help",
    isButtonPress: false,
    addressed: true,
    route: { chatId: "821" },
  };
}

describe("claiming an update", () => {
  it("hands on its first copy with the conversation it belongs to, and acknowledges a repeat, counted as such", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    const first = arrivalAt("telegram");
    const delivery = await claim(first.arrival, update("claim-821"));
    expect(delivery).not.toBeInstanceOf(Response);
    expect(delivery).toMatchObject({ update: { eventId: "claim-821" }, state: { userVersion: 0, question: null } });

    const repeat = arrivalAt("telegram");
    const before = await usageCounts();
    const answer = await claim(repeat.arrival, update("claim-821"));
    await repeat.settled();
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(200);
    expect((await usageCounts()).counted).toBe(before.counted + 1);
  });
});
