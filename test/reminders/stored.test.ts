/** The message a reminder is about, as stored: read back through its schema, a damaged one sets the reminder aside. */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { clearScheduledWork, consume, dueJobs, reminderStatus } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sentMessages, stubTelegramApi } from "../support/telegram.ts";

beforeEach(clearScheduledWork);

async function reminderAbout(chatId: string, about: string | null): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, about, created_at)
     VALUES ('concierge', 'telegram', ?, ?, ?, '', ?, ?, 0) RETURNING id`,
  )
    .bind(chatId, chatId, JSON.stringify({ chatId }), Date.parse("2031-04-01T07:00:00Z"), about)
    .first<{ id: number }>();
  return row?.id ?? 0;
}

describe("a stored reminder about a message", () => {
  it("is sent with the quote it was stored with", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const id = await reminderAbout("900", JSON.stringify({ text: "Renew the passport", ref: { messageId: "12" } }));
    await consume(await dueJobs("2031-04-01T07:00:00Z"));
    expect(await reminderStatus(id)).toBe("sent");
    expect(sentMessages(outbound).map((message) => message.call.json)).toMatchObject([
      { chat_id: "900", text: "<b>Reminder</b>\n<i>“Renew the passport”</i>", reply_parameters: { message_id: 12 } },
    ]);
  });

  it.each([
    ["not JSON", "{"],
    ["words that are not text", JSON.stringify({ text: 5, ref: {} })],
    ["a link that is not https", JSON.stringify({ text: "x", link: "javascript:alert(1)", ref: {} })],
    ["no ref", JSON.stringify({ text: "x" })],
  ])("with %s is marked failed and not sent", async (_case, about) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const outbound = stubTelegramApi(interceptFetch());
    const id = await reminderAbout("901", about);
    await consume(await dueJobs("2031-04-01T07:00:00Z"));
    expect(await reminderStatus(id)).toBe("failed");
    expect(sentMessages(outbound)).toEqual([]);
  });
});
