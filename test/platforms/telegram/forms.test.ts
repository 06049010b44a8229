import { describe, expect, it } from "vitest";
import { interceptFetch } from "../../support/outbound.ts";
import { sendTelegram, sentTexts, stubTelegramApi } from "../../support/telegram.ts";

describe("Telegram questions for several arguments", () => {
  it("asks /remind at's time and text in turn, one message each", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    for (const text of ["/remind at", "18:30", "stretch"]) await sendTelegram({ text, userId: 161 });
    const [time, words, done] = sentTexts(outbound);
    expect([time, words]).toEqual(["At what time? (HH:MM, e.g. 18:30)", "What should I remind you of?"]);
    expect(done).toContain("I will remind you at <b>18:30</b>");
    expect(done).toContain("stretch");
  });
});
