import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ECHO_ADMINS } from "../../bots/echo/index.ts";
import { TEST_SECRETS } from "../secrets.ts";
import { interceptFetch } from "../support/outbound.ts";
import { messageUpdate, sentMessages, stubTelegramApi, telegramRequest } from "../support/telegram.ts";
import { deliver } from "../support/worker.ts";

interface EchoOptions {
  readonly secret?: string;
  readonly userId?: number;
  readonly group?: boolean;
}

function toEcho(text: string, options: EchoOptions = {}) {
  const { secret = TEST_SECRETS.ECHO_TELEGRAM_WEBHOOK_SECRET, userId = 301, group = false } = options;
  return deliver(telegramRequest(messageUpdate({ text, userId, group }), { bot: "echo", secret }));
}

describe("a second bot beside the example bot", () => {
  it("has its own secret, token, commands and state", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    expect((await toEcho("hi", { secret: TEST_SECRETS.TELEGRAM_WEBHOOK_SECRET })).status).toBe(401);
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

  it("repeats only in a private chat: in a group it asks for one, before asking what to repeat", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await toEcho("/echo our secret", { userId: 303, group: true });
    await toEcho("/echo", { userId: 303, group: true });
    await toEcho("/start", { userId: 303, group: true });
    expect(sentMessages(outbound).map((message) => message.text)).toEqual([
      "Please use this command in a private chat with me.",
      "Please use this command in a private chat with me.",
      "Hello! I repeat whatever you send me. Try /echo hello.",
    ]);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE user_id = '303'").first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("shows /debug to its admins alone", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const admin = Number(ECHO_ADMINS.telegram?.[0]);
    await toEcho("hello", { userId: admin });
    await toEcho("/debug", { userId: admin });
    await toEcho("/debug", { userId: 304 });
    expect(sentMessages(outbound).map((message) => message.text)).toEqual([
      "hello (message 1)",
      `Chat: private ${admin}\nYou: ${admin} (Ann)\nMessages repeated for you: 1`,
      "Sorry, only the bot's admins can use this command.",
    ]);
  });
});
