/**
 * `/forget`, the concierge's privacy command: it asks first, with a button,
 * and only the press of "Yes" (the answer to that question) erases the
 * user's data and language, pending questions, conversation memory,
 * subscriptions, reminders, model calls and rate-limit notices, and their
 * private chat, of this bot on this platform, and nothing of anyone else.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { pseudonym } from "../../src/usage/record.ts";
import { interceptFetch } from "../support/outbound.ts";
import {
  callbackUpdate,
  messageUpdate,
  sendTelegram,
  sentMessages,
  sentTexts,
  stubTelegramApi,
  telegramRequest,
} from "../support/telegram.ts";
import { deliver } from "../support/worker.ts";

const ASK =
  "Shall I erase everything I keep about you here: your data and settings, our recent conversation, pending questions, subscriptions, reminders and kept files? This cannot be undone.";

/** Tables keyed to a user, and how many rows each holds for `userId` of the concierge on Telegram. */
async function kept(userId: number): Promise<Record<string, number>> {
  const tables = [
    "users",
    "conversations",
    "subscriptions",
    "reminders",
    "ai_memory",
    "ai_calls",
    "rate_limit_notices",
  ];
  const counts = await env.DB.batch(
    tables.map((table) =>
      env.DB.prepare(
        `SELECT COUNT(*) AS n FROM ${table} WHERE bot = 'concierge' AND platform = 'telegram' AND user_id = ?`,
      ).bind(String(userId)),
    ),
  );
  const chat = await env.DB.prepare(
    "SELECT COUNT(*) AS n FROM chats WHERE bot = 'concierge' AND platform = 'telegram' AND chat_id = ?",
  )
    .bind(String(userId))
    .first<{ n: number }>();
  return {
    ...Object.fromEntries(
      tables.map((table, index) => [table, (counts[index]?.results[0] as { n: number } | undefined)?.n ?? 0]),
    ),
    privateChat: chat?.n ?? 0,
  };
}

/** What a user of the concierge leaves behind: data, a zone, a subscription, a reminder, a question, and tier 2's rows. */
async function leaveTraces(userId: number): Promise<void> {
  await sendTelegram({ text: "/todo add water the plants", userId });
  await sendTelegram({ text: "/subscribe news 08:00 Europe/Berlin", userId });
  await sendTelegram({ text: "/remind in 30m call the bakery", userId });
  await sendTelegram({ text: "/language de", userId });
  await sendTelegram({ text: "/weather", userId, group: true });
  const now = Date.now();
  const user = String(userId);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO ai_memory (bot, platform, chat_id, user_id, role, text, created_at)
       VALUES ('concierge', 'telegram', ?, ?, 'user', 'what should I wear tomorrow?', ?)`,
    ).bind(user, user, now),
    env.DB.prepare(
      "INSERT INTO ai_calls (bot, platform, user_id, day, calls) VALUES ('concierge', 'telegram', ?, ?, 3)",
    ).bind(user, now - (now % 86_400_000)),
    env.DB.prepare(
      "INSERT INTO rate_limit_notices (window_start, bot, platform, user_id) VALUES (?, 'concierge', 'telegram', ?)",
    ).bind(now - (now % 60_000), user),
  ]);
}

const EVERYTHING = {
  users: 1,
  conversations: 1,
  subscriptions: 1,
  reminders: 1,
  ai_memory: 1,
  ai_calls: 1,
  rate_limit_notices: 1,
  privateChat: 1,
};

const press = (data: string, userId: number) => deliver(telegramRequest(callbackUpdate(data, { userId })));

describe("/forget", () => {
  it("asks first, with a button to confirm and one to keep, and erases nothing yet", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await leaveTraces(8101);
    const before = sentMessages(outbound).length;
    await sendTelegram({ text: "/forget", userId: 8101, languageCode: "en" });
    await sendTelegram({ text: "/language en", userId: 8101 });
    await sendTelegram({ text: "/forget", userId: 8101 });
    const [, , asked] = sentMessages(outbound).slice(before);
    expect(asked?.text).toBe(ASK);
    expect(asked?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "Yes, erase it", callback_data: "yes" },
          { text: "No, keep it", callback_data: "no" },
        ],
      ],
    });
    expect(await kept(8101)).toEqual({ ...EVERYTHING, conversations: 2 });
  });

  it("keeps everything when the user says no, or types the confirmation without being asked", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await leaveTraces(8102);
    await sendTelegram({ text: "/language en", userId: 8102 });
    await sendTelegram({ text: "/forget", userId: 8102 });
    await press("no", 8102);
    const before = sentTexts(outbound).length;
    await sendTelegram({ text: "/forget yes", userId: 8102 });
    expect(sentTexts(outbound).slice(before - 1)).toEqual(["Nothing was erased.", ASK]);
    expect(await kept(8102)).toMatchObject({ users: 1, subscriptions: 1, reminders: 1, ai_memory: 1, ai_calls: 1 });
  });

  it("erases everything kept about the user once they press Yes, and nothing of anyone else", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await leaveTraces(8103);
    await leaveTraces(8104);
    await sendTelegram({ text: "/language en", userId: 8103 });
    await sendTelegram({ text: "/forget", userId: 8103 });
    await press("yes", 8103);
    expect(sentTexts(outbound).at(-1)).toBe(
      "Done: I have erased everything I kept about you. If you write again, I start afresh.",
    );
    expect(await kept(8103)).toEqual({
      users: 0,
      conversations: 0,
      subscriptions: 0,
      reminders: 0,
      ai_memory: 0,
      ai_calls: 0,
      rate_limit_notices: 0,
      privateChat: 0,
    });
    expect(await kept(8104)).toEqual({ ...EVERYTHING, conversations: 1 });
    // Usage under a pseudonym names nobody and stays.
    const hash = await pseudonym("telegram", "8103");
    const usage = await env.DB.prepare("SELECT COUNT(*) AS n FROM usage_users WHERE user_hash = ?")
      .bind(hash)
      .first<{ n: number }>();
    expect(usage?.n).toBeGreaterThan(0);
  });

  it("asks in the user's language", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await deliver(telegramRequest(messageUpdate({ text: "/forget", userId: 8105, languageCode: "de" })));
    expect(sentMessages(outbound)[0]?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "Ja, alles löschen", callback_data: "yes" },
          { text: "Nein, behalten", callback_data: "no" },
        ],
      ],
    });
  });
});
