import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { interceptFetch } from "../../support/outbound.ts";
import {
  BOT_USERNAME,
  callbackUpdate,
  freshUpdateId,
  messageUpdate,
  sendTelegram,
  sentMessages,
  sentTexts,
  stubTelegramApi,
  telegramRequest,
} from "../../support/telegram.ts";
import { deliver } from "../../support/worker.ts";

describe("Telegram webhook", () => {
  it("answers /help in a private chat with the command list", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const response = await sendTelegram({ text: "/help", userId: 101 });
    expect(response.status).toBe(200);
    const [message] = sentMessages(outbound);
    expect(message?.chat_id).toBe("101");
    expect(message?.text).toContain("<b>Commands</b>");
    expect(message?.text).toContain("/start — Say hello");
    expect(message?.call.url.pathname).toBe("/bot4242:concierge-test-token/sendMessage");
  });

  it("handles a repeated update_id once", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const update = messageUpdate({ text: "/help", userId: 102 });
    const first = await deliver(telegramRequest(update));
    const second = await deliver(telegramRequest(update));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(sentTexts(outbound)).toHaveLength(1);
  });

  it("acknowledges kinds of update it does not handle, and sends nothing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const edited = {
      update_id: freshUpdateId(),
      edited_message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "hi" },
    };
    const sticker = messageUpdate({ text: "ignored" });
    delete (sticker.message as { text?: string }).text;
    expect((await deliver(telegramRequest(edited))).status).toBe(200);
    expect((await deliver(telegramRequest(sticker))).status).toBe(200);
    expect(outbound.calls).toHaveLength(0);
  });

  it("ignores messages from other bots", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const update = messageUpdate({ text: "/help" });
    (update.message as { from: { is_bot: boolean } }).from.is_bot = true;
    expect((await deliver(telegramRequest(update))).status).toBe(200);
    expect(outbound.calls).toHaveLength(0);
  });

  describe("in a group", () => {
    it("answers /help@botname as a reply to the command", async () => {
      const outbound = stubTelegramApi(interceptFetch());
      const update = messageUpdate({ text: `/help@${BOT_USERNAME}`, group: true, userId: 103 });
      await deliver(telegramRequest(update));
      const [message] = sentMessages(outbound);
      expect(message?.chat_id).toBe("-100");
      expect(message?.text).toContain("Commands");
      const messageId = (update.message as { message_id: number }).message_id;
      expect(message?.call.json).toMatchObject({ reply_parameters: { message_id: messageId } });
    });

    it("leaves a command for another bot alone", async () => {
      const outbound = stubTelegramApi(interceptFetch());
      await sendTelegram({ text: "/help@some_other_bot", group: true, userId: 104 });
      expect(sentTexts(outbound)).toHaveLength(0);
    });

    it("does not answer every message, only commands and replies to it", async () => {
      const outbound = stubTelegramApi(interceptFetch());
      await sendTelegram({ text: "what a nice day", group: true, userId: 105 });
      expect(sentTexts(outbound)).toHaveLength(0);
      await sendTelegram({ text: "help", group: true, userId: 105, replyToBot: true });
      expect(sentTexts(outbound)).toHaveLength(1);
    });

    it("looks the bot's username up once and keeps it in the cache", async () => {
      await env.CACHE.delete("telegram:username:concierge:4242");
      const outbound = stubTelegramApi(interceptFetch());
      await sendTelegram({ text: `/help@${BOT_USERNAME}`, group: true, userId: 106 });
      await sendTelegram({ text: `/start@${BOT_USERNAME}`, group: true, userId: 106 });
      expect(outbound.to("/getMe")).toHaveLength(1);
      expect(sentTexts(outbound)).toHaveLength(2);
    });
  });

  it("treats a button press as the button's value and answers the callback query", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const update = callbackUpdate("/help", { userId: 107 });
    expect((await deliver(telegramRequest(update))).status).toBe(200);
    expect(sentTexts(outbound)[0]).toContain("Commands");
    const answered = outbound.to("/answerCallbackQuery");
    expect(answered).toHaveLength(1);
    expect(answered[0]?.json).toMatchObject({ callback_query_id: (update.callback_query as { id: string }).id });
  });

  it("answers an unknown command with the fallback text", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/frobnicate now", userId: 108 });
    expect(sentTexts(outbound)).toEqual(["I did not understand that. Send /help to see what I can do."]);
  });

  it("retries a send that Telegram rate-limits, after retry_after", async () => {
    let attempts = 0;
    const outbound = interceptFetch().on("https://api.telegram.org", () => {
      attempts += 1;
      return attempts === 1
        ? Response.json(
            { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 1 } },
            { status: 429 },
          )
        : Response.json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } });
    });
    const started = Date.now();
    await sendTelegram({ text: "/help", userId: 109 });
    expect(outbound.to("/sendMessage")).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
