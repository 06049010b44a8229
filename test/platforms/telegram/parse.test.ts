/** Telegram messages as the bot reads them: a mention of the bot addresses it and is not part of what was said; in a forum topic only a real reply is about a message. */
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

describe("a message in a forum topic", () => {
  /** Telegram gives every message in a topic the topic's opening message as `reply_to_message`. */
  function inTopic(text: string, replyTo: { message_id: number; text?: string; fromBot?: boolean }) {
    const raw = messageUpdate({ text, group: true });
    const message = raw.message as Record<string, unknown>;
    message.message_thread_id = 40;
    message.is_topic_message = true;
    message.reply_to_message = {
      message_id: replyTo.message_id,
      date: 0,
      chat: { id: -100, type: "supergroup" },
      ...(replyTo.fromBot ? { from: { id: BOT_ID, is_bot: true, first_name: "Concierge" } } : {}),
      ...(replyTo.text === undefined ? {} : { text: replyTo.text }),
    };
    return toUpdate(TgUpdate.parse(raw), "concierge", identity);
  }

  it("is about no message when it only sits in the topic", async () => {
    const update = await inTopic("/remind in 10m stretch", { message_id: 40, text: "", fromBot: true });
    expect(update?.about).toBeUndefined();
    expect(update?.route).toMatchObject({ threadId: "40" });
  });

  it("that sits in a topic the bot opened is not a reply to the bot", async () => {
    const update = await inTopic("nice weather today", { message_id: 40, fromBot: true });
    expect(update?.addressed).toBe(false);
  });

  it("is about the message it replies to within the topic", async () => {
    const update = await inTopic("/remind in 10m", { message_id: 55, text: "Buy milk" });
    expect(update?.about).toMatchObject({ text: "Buy milk", ref: { messageId: "55" } });
  });
});
