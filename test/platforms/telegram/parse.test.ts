/** Telegram messages as the bot reads them: a mention of the bot addresses it and is not part of what was said. */
import { describe, expect, it } from "vitest";
import { TgUpdate, toUpdate } from "../../../src/platforms/telegram/parse.ts";
import { BOT_ID, BOT_USERNAME, messageUpdate } from "../../support/telegram.ts";

const identity = { botId: BOT_ID, username: async () => BOT_USERNAME };

async function read(options: Parameters<typeof messageUpdate>[0]) {
  return toUpdate(TgUpdate.parse(messageUpdate(options)), "concierge", identity);
}

describe("a message that mentions the bot", () => {
  it("is addressed to it, and read without the mention", async () => {
    const update = await read({ text: "what's the weather in Berlin?", group: true, mention: true });
    expect(update).toMatchObject({ addressed: true, text: "what's the weather in Berlin?" });
    expect(update?.command).toBeUndefined();
  });

  it("wherever the mention stands", async () => {
    const text = `weather in Paris @${BOT_USERNAME}`;
    const raw = messageUpdate({ text, group: true });
    const message = raw.message as { entities: unknown[] };
    message.entities = [{ type: "mention", offset: text.indexOf("@"), length: BOT_USERNAME.length + 1 }];
    const update = await toUpdate(TgUpdate.parse(raw), "concierge", identity);
    expect(update).toMatchObject({ addressed: true, text: "weather in Paris" });
  });

  it("of another bot, in a group, is not addressed to this one and keeps its text", async () => {
    const raw = messageUpdate({ text: "@other_bot weather in Paris", group: true });
    const message = raw.message as { entities: unknown[] };
    message.entities = [{ type: "mention", offset: 0, length: "@other_bot".length }];
    const update = await toUpdate(TgUpdate.parse(raw), "concierge", identity);
    expect(update).toMatchObject({ addressed: false, text: "@other_bot weather in Paris" });
  });
});
