import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TEST_SECRETS } from "../secrets.ts";
import { interceptFetch } from "../support/outbound.ts";
import { messageUpdate, sentMessages, stubTelegramApi, telegramRequest } from "../support/telegram.ts";
import { deliver } from "../support/worker.ts";

function toEcho(text: string, secret: string = TEST_SECRETS.ECHO_TELEGRAM_WEBHOOK_SECRET) {
  return deliver(telegramRequest(messageUpdate({ text, userId: 301 }), { bot: "echo", secret }));
}

describe("a second bot beside the example bot", () => {
  it("has its own secret, token, commands and state", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    expect((await toEcho("hi", TEST_SECRETS.TELEGRAM_WEBHOOK_SECRET)).status).toBe(401);
    await toEcho("hello");
    await toEcho("/echo again");
    const messages = sentMessages(outbound);
    expect(messages.map((m) => m.text)).toEqual(["hello (message 1)", "again (message 2)"]);
    expect(messages[0]?.call.url.pathname).toBe("/bot5151:echo-test-token/sendMessage");
    const rows = await env.DB.prepare("SELECT bot FROM users WHERE user_id = '301'").all<{ bot: string }>();
    expect(rows.results.map((row) => row.bot)).toEqual(["echo"]);
  });

  it("repeats over 100 KB of text in at most three messages, the rest cut with a note", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await toEcho(Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(" "));
    const texts = sentMessages(outbound).map((message) => message.text);
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/ w\d+ …\n<i>\(The rest was too long to send\.\)<\/i>$/);
  });

  it("does not know the example bot's commands", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await deliver(
      telegramRequest(messageUpdate({ text: "/weather Berlin", userId: 302 }), {
        bot: "echo",
        secret: TEST_SECRETS.ECHO_TELEGRAM_WEBHOOK_SECRET,
      }),
    );
    expect(sentMessages(outbound).map((message) => message.text)).toEqual([
      "I did not understand that. Send /help to see what I can do.",
    ]);
    expect(outbound.to("open-meteo")).toHaveLength(0);
  });
});
