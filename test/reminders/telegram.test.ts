/** "Remind me about this message" on Telegram: `/remind …` sent as a reply to the message. */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_PENDING_REMINDERS } from "../../src/core/schedule.ts";
import { clearScheduledWork, fireReminders } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import {
  BOT_ID,
  messageUpdate,
  sentMessages,
  stubTelegramApi,
  TELEGRAM_API,
  telegramRequest,
} from "../support/telegram.ts";
import { deliver } from "../support/worker.ts";

beforeEach(clearScheduledWork);

interface Original {
  readonly messageId: number;
  readonly text?: string;
  readonly caption?: string;
  readonly fromBot?: boolean;
}

/** `text` from user `userId`, sent as a reply to `original` (another user's message unless `fromBot`). */
function replyTo(original: Original, text: string, options: { userId: number; group?: boolean }) {
  const update = messageUpdate({ text, userId: options.userId, ...(options.group ? { group: true } : {}) });
  const message = update.message as Record<string, unknown>;
  const from = original.fromBot
    ? { id: BOT_ID, is_bot: true, first_name: "Concierge" }
    : { id: 9999, is_bot: false, first_name: "Bea" };
  const replied = {
    message_id: original.messageId,
    date: 0,
    chat: message.chat,
    from,
    ...(original.text === undefined ? {} : { text: original.text }),
    ...(original.caption === undefined ? {} : { caption: original.caption }),
  };
  return deliver(telegramRequest({ ...update, message: { ...message, reply_to_message: replied } }));
}

/** Runs the tick `minutes` from now and sends the reminders it queued. */
const reminderRows = (userId: number) =>
  env.DB.prepare("SELECT text, about FROM reminders WHERE user_id = ?").bind(String(userId)).all();

describe("a /remind sent as a reply to a message", () => {
  it("reminds of that message: quotes it and answers it in the same chat", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await replyTo({ messageId: 321, text: "Buy milk   on the way\nhome" }, "/remind in 20m", { userId: 801 });
    expect(sentMessages(outbound).at(-1)?.text).toBe("I will remind you in <b>20 min</b>: Buy milk on the way home");
    expect(await fireReminders(19)).toBe(0);
    expect(await fireReminders(21)).toBe(1);
    const reminder = sentMessages(outbound).at(-1);
    expect(reminder?.call.json).toMatchObject({
      chat_id: "801",
      text: "<b>Reminder</b>\n<i>“Buy milk on the way home”</i>",
      reply_parameters: { message_id: 321, allow_sending_without_reply: true },
    });
  });

  it("keeps the words given with it, in a group, about the bot's own message", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await replyTo({ messageId: 77, text: "Sunny, 24 °C in Rome", fromBot: true }, "/remind in 1h pack a hat", {
      userId: 802,
      group: true,
    });
    expect(await fireReminders(61)).toBe(1);
    expect(sentMessages(outbound).at(-1)?.call.json).toMatchObject({
      chat_id: "-100",
      text: "<b>Reminder</b>: pack a hat\n<i>“Sunny, 24 °C in Rome”</i>",
      reply_parameters: { message_id: 77, allow_sending_without_reply: true },
    });
  });

  it("quotes a long message cut short, and a photo by its caption", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await replyTo({ messageId: 5, text: "word ".repeat(300) }, "/remind in 5m", { userId: 803 });
    await replyTo({ messageId: 6, caption: "The whiteboard" }, "/remind in 5m", { userId: 803 });
    expect(await fireReminders(6)).toBe(2);
    const texts = sentMessages(outbound)
      .slice(-2)
      .map((message) => message.text);
    expect(texts).toContain(`<b>Reminder</b>\n<i>“${"word ".repeat(19)}word…”</i>`);
    expect(texts).toContain("<b>Reminder</b>\n<i>“The whiteboard”</i>");
  });

  it("still arrives, with its quote, when the message was deleted in the meantime", async () => {
    const outbound = interceptFetch();
    const delivered: unknown[] = [];
    // Telegram refuses to answer a deleted message unless told to send anyway.
    outbound.on(TELEGRAM_API, (call) => {
      const body = call.json as { reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean } };
      const answer = body.reply_parameters;
      if (answer?.message_id === 404 && answer.allow_sending_without_reply !== true) {
        const description = "Bad Request: message to be replied not found";
        return Response.json({ ok: false, error_code: 400, description }, { status: 400 });
      }
      delivered.push(call.json);
      return Response.json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } });
    });
    await replyTo({ messageId: 404, text: "Call the dentist" }, "/remind in 2m", { userId: 804 });
    expect(await fireReminders(3)).toBe(1);
    expect(delivered.at(-1)).toMatchObject({ text: "<b>Reminder</b>\n<i>“Call the dentist”</i>" });
  });

  it("counts towards the cap on pending reminders, and past it stores nothing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    for (let n = 0; n < MAX_PENDING_REMINDERS; n += 1) {
      await env.DB.prepare(
        `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, created_at)
         VALUES ('concierge', 'telegram', '805', '805', '{"chatId":"805"}', 'earlier', ?, 0)`,
      )
        .bind(Date.now() + 3_600_000)
        .run();
    }
    await replyTo({ messageId: 9, text: "One too many" }, "/remind in 20m", { userId: 805 });
    expect(sentMessages(outbound).at(-1)?.text).toContain(
      `You already have ${MAX_PENDING_REMINDERS} reminders waiting`,
    );
    const { results } = await reminderRows(805);
    expect(results.filter((row) => row.about !== null)).toEqual([]);
  });

  it("without a reply, /remind in 20m still asks what to remind of", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await deliver(telegramRequest(messageUpdate({ text: "/remind in 20m", userId: 806 })));
    expect(sentMessages(outbound).at(-1)?.text).toBe("What should I remind you of?");
    expect((await reminderRows(806)).results).toEqual([]);
  });

  it("/remind message without a message to be about says how to use it", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await deliver(telegramRequest(messageUpdate({ text: "/remind message", userId: 807 })));
    expect(sentMessages(outbound).at(-1)?.text).toBe(
      'Use this on a message: reply to it with /remind in 20m, or choose "Remind me" in its menu.',
    );
    expect((await reminderRows(807)).results).toEqual([]);
  });
});
