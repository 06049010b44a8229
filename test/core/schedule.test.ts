import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_PENDING_REMINDERS, MAX_SUBSCRIPTIONS } from "../../src/core/schedule.ts";
import type { Env } from "../../src/env.ts";
import { overrideD1, sqlOf } from "../support/d1.ts";
import { interceptFetch } from "../support/outbound.ts";
import {
  eventCallback,
  eventRequest,
  formRequest,
  freshTs,
  postedMessages,
  postedTexts,
  slashCommand,
  stubSlackAdmins,
  stubSlackApi,
  TEAM,
} from "../support/slack.ts";
import { messageUpdate, sendTelegram, sentTexts, stubTelegramApi, telegramRequest } from "../support/telegram.ts";
import { call, deliver, testEnv } from "../support/worker.ts";

async function subscriptionsOf(userId: number) {
  const { results } = await env.DB.prepare(
    "SELECT digest, local_time, zone, next_run_at FROM subscriptions WHERE bot = 'concierge' AND user_id = ?",
  )
    .bind(String(userId))
    .all<{ digest: string; local_time: string; zone: string; next_run_at: number }>();
  return results;
}

describe("/subscribe", () => {
  it("subscribes in one message, with the next run in UTC from the local time", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/subscribe news 8:00 Europe/Berlin", userId: 601 });
    const [row] = await subscriptionsOf(601);
    expect(row).toMatchObject({ digest: "news", local_time: "08:00", zone: "Europe/Berlin" });
    const next = new Date(row?.next_run_at ?? 0);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", timeStyle: "short" }).format(next)).toBe(
      "08:00",
    );
    expect(sentTexts(outbound)[0]).toContain("every day at 08:00 (Europe/Berlin)");
  });

  it("asks for what is missing, one question at a time, and remembers the zone", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/subscribe", userId: 602 });
    await sendTelegram({ text: "news", userId: 602 });
    await sendTelegram({ text: "07:30", userId: 602 });
    await sendTelegram({ text: "america/new_york", userId: 602 });
    const texts = sentTexts(outbound);
    expect(texts[0]).toContain("Which digest");
    expect(texts[1]).toContain("At what time");
    expect(texts[2]).toContain("Which time zone");
    expect(texts[3]).toContain("every day at 07:30 (America/New_York)");
    expect(await subscriptionsOf(602)).toMatchObject([
      { digest: "news", local_time: "07:30", zone: "America/New_York" },
    ]);

    await sendTelegram({ text: "/subscribe news 18:00", userId: 602 });
    expect(sentTexts(outbound)[4]).toContain("every day at 18:00 (America/New_York)");
    expect(await subscriptionsOf(602)).toMatchObject([{ local_time: "18:00" }]);
  });

  it("answers a bad time or an unknown zone clearly and stores nothing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/subscribe news 25:00 Europe/Berlin", userId: 603 });
    await sendTelegram({ text: "/subscribe news 08:00 Mars/Olympus", userId: 603 });
    await sendTelegram({ text: "/subscribe stocks 08:00 UTC", userId: 603 });
    const texts = sentTexts(outbound);
    expect(texts[0]).toContain('"25:00" is not a time');
    expect(texts[1]).toContain('"Mars/Olympus" is not a time zone');
    expect(texts[2]).toContain('no digest called "stocks"');
    expect(await subscriptionsOf(603)).toEqual([]);
    const user = await env.DB.prepare("SELECT data FROM users WHERE bot = 'concierge' AND user_id = '603'").first();
    expect(user).toBeNull();
  });

  it("lists and stops subscriptions", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/subscriptions", userId: 604 });
    await sendTelegram({ text: "/subscribe news 06:15 UTC", userId: 604 });
    await sendTelegram({ text: "/subscriptions", userId: 604 });
    await sendTelegram({ text: "/unsubscribe news", userId: 604 });
    await sendTelegram({ text: "/unsubscribe news", userId: 604 });
    const texts = sentTexts(outbound);
    expect(texts[0]).toContain("no subscriptions");
    expect(texts[2]).toContain("1. news, every day at 06:15 (UTC)");
    expect(texts[3]).toContain("Unsubscribed from <b>news</b>");
    expect(texts[4]).toContain("not subscribed");
    expect(await subscriptionsOf(604)).toEqual([]);
  });
});

describe("/remind", () => {
  it("stores a reminder N minutes ahead", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const before = Date.now();
    await sendTelegram({ text: "/remind in 15m stretch your legs", userId: 605 });
    const row = await env.DB.prepare("SELECT text, due_at FROM reminders WHERE user_id = '605'").first<{
      text: string;
      due_at: number;
    }>();
    expect(row?.text).toBe("stretch your legs");
    expect((row?.due_at ?? 0) - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect((row?.due_at ?? 0) - before).toBeLessThanOrEqual(15 * 60_000 + 5000);
    expect(sentTexts(outbound)[0]).toContain("in <b>15 min</b>");
  });

  it("refuses a delay or time it does not understand, storing nothing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/remind in soon call mum", userId: 606 });
    await sendTelegram({ text: "/remind at 7pm call mum", userId: 606 });
    expect(sentTexts(outbound)[0]).toContain("not a delay");
    expect(sentTexts(outbound)[1]).toContain("not a time");
    expect(await env.DB.prepare("SELECT id FROM reminders WHERE user_id = '606'").first()).toBeNull();
  });
});

describe("what a reply repeats of the user's words", () => {
  it("is at most 100 characters of a digest, time, zone or delay it does not understand, in one message", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const long = "a".repeat(3000);
    const cut = `${"a".repeat(99)}…`;
    await sendTelegram({ text: `/subscribe ${"a".repeat(100_000)} 08:00 UTC`, userId: 611 });
    await sendTelegram({ text: `/subscribe news ${long} UTC`, userId: 611 });
    await sendTelegram({ text: `/subscribe news 08:00 ${long}`, userId: 611 });
    await sendTelegram({ text: `/unsubscribe ${long}`, userId: 611 });
    await sendTelegram({ text: `/remind in ${long} call mum`, userId: 611 });
    await sendTelegram({ text: `/remind at ${long} call mum`, userId: 611 });
    expect(sentTexts(outbound)).toEqual([
      `There is no digest called "${cut}". You can subscribe to: news, weather, rates.`,
      `"${cut}" is not a time I understand. Use the 24-hour clock, like 08:00 or 18:30.`,
      `"${cut}" is not a time zone I know. Use a name like Europe/Berlin or America/New_York.`,
      `You are not subscribed to "${cut}". See /subscriptions.`,
      `"${cut}" is not a delay I understand. Use minutes or hours, like 10m or 2h.`,
      `"${cut}" is not a time I understand. Use the 24-hour clock, like 18:30.`,
    ]);
  });

  it("is at most 100 characters of a reminder's text, while the reminder keeps all of it", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const text = `stretch ${"b".repeat(400)}`;
    await sendTelegram({ text: `/remind in 10m ${text}`, userId: 612 });
    expect(sentTexts(outbound)).toEqual([`I will remind you in <b>10 min</b>: stretch ${"b".repeat(91)}…`]);
    const row = await env.DB.prepare("SELECT text FROM reminders WHERE user_id = '612'").first<{ text: string }>();
    expect(row?.text).toBe(text);
  });
});

/** Sends `text` from `userId` in a Telegram group of its own. */
function inGroup(userId: number, group: number, text: string): Promise<Response> {
  return sendTelegram({ text, userId, group: true, chatId: -group });
}

async function pendingReminders(userId: number): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT COUNT(*) AS n FROM reminders WHERE bot = 'concierge' AND user_id = ? AND status = 'pending'",
  )
    .bind(String(userId))
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const SUBSCRIPTIONS_FULL =
  "You already have 10 subscriptions, the most one person can have. " +
  "Unsubscribe from one first (in the chat where you made it), then try again.";
const REMINDERS_FULL =
  "You already have 25 reminders waiting, the most one person can have. " +
  "Each one frees its place when it is sent; try again after the next one.";

describe("what one user may hold", () => {
  it("is 10 subscriptions across all chats; moving one is fine, and unsubscribing frees a place", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    expect(MAX_SUBSCRIPTIONS).toBe(10);
    // Ten digests of different arguments (news of 1 to 10 stories), and one more.
    for (let count = 1; count <= 10; count++) {
      await sendTelegram({ text: `/subscribe news ${count} 08:00 UTC`, userId: 621 });
    }
    await env.DB.prepare("UPDATE subscriptions SET chat_id = 'elsewhere' WHERE user_id = '621' AND args = '{}'").run();
    await sendTelegram({ text: "/subscribe news 08:00 UTC", userId: 621 });
    expect(sentTexts(outbound).at(-1)).toBe(SUBSCRIPTIONS_FULL);
    expect(await subscriptionsOf(621)).toHaveLength(10);

    await sendTelegram({ text: "/subscribe news 2 09:30 UTC", userId: 621 });
    expect(sentTexts(outbound).at(-1)).toContain("every day at 09:30 (UTC)");
    await sendTelegram({ text: "/unsubscribe 1", userId: 621 });
    await sendTelegram({ text: "/subscribe news 08:00 UTC", userId: 621 });
    expect(sentTexts(outbound).at(-1)).toContain("every day at 08:00 (UTC)");
    expect(await subscriptionsOf(621)).toHaveLength(10);
  });

  it("is 25 pending reminders across all chats; one sent frees a place", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    expect(MAX_PENDING_REMINDERS).toBe(25);
    for (let n = 1; n <= 25; n++) {
      await (n % 2 === 0
        ? inGroup(622, 62_200 + n, `/remind in ${n}m task ${n}`)
        : sendTelegram({ text: `/remind in ${n}m task ${n}`, userId: 622 }));
    }
    await sendTelegram({ text: "/remind at 23:59 one more", userId: 622 });
    expect(sentTexts(outbound).at(-1)).toBe(REMINDERS_FULL);
    expect(await pendingReminders(622)).toBe(25);

    await env.DB.prepare("UPDATE reminders SET status = 'sent' WHERE user_id = '622' AND text = 'task 1'").run();
    await sendTelegram({ text: "/remind in 30m one more", userId: 622 });
    expect(sentTexts(outbound).at(-1)).toBe("I will remind you in <b>30 min</b>: one more");
    expect(await pendingReminders(622)).toBe(25);
  });

  it("holds when another update took the last place after this one counted", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const insert = (text: string) =>
      env.DB.prepare(
        `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, created_at)
         VALUES ('concierge', 'telegram', '623', '623', '{"chatId":"623"}', ?, 4102444800000, 0)`,
      ).bind(text);
    await env.DB.batch(Array.from({ length: 24 }, (_, i) => insert(`earlier ${i}`)));
    let raced = false;
    // Just before this update writes its reminder, another one writes the 25th.
    const db = overrideD1(env.DB, {
      async batch(statements) {
        if (!raced && statements.some((statement) => /INSERT INTO reminders/.test(sqlOf(statement)))) {
          raced = true;
          await insert("the other update's").run();
        }
        return env.DB.batch(statements);
      },
    });
    await deliver(telegramRequest(messageUpdate({ text: "/remind in 5m this one", userId: 623 })), {
      ...testEnv,
      DB: db,
    } as Env);
    expect(raced).toBe(true);
    expect(sentTexts(outbound)).toEqual([REMINDERS_FULL]);
    expect(await pendingReminders(623)).toBe(25);
  });
});

describe("subscriptions in a Slack thread", () => {
  it("belong to the channel: listed, stopped and sent there, while reminders stay in the thread", async () => {
    const outbound = stubSlackApi(stubSlackAdmins(interceptFetch(), ["U0SUBS"]));
    const channel = "C0SUBS";
    const user = "U0SUBS";
    const mention = async (text: string, thread: string) =>
      deliver(
        await eventRequest(
          eventCallback({ type: "app_mention", text: `<@U0BOT> ${text}`, channel, user, threadTs: thread }),
        ),
      );
    const slash = async (text: string) => {
      const { response, settled } = await call(await formRequest(slashCommand({ text, channel, user }).fields));
      await settled;
      return ((await response.json()) as { blocks: { text?: { text: string } }[] }).blocks[0]?.text?.text;
    };
    const thread = freshTs();
    await mention("subscribe news 08:00 UTC", thread);
    await mention("remind in 10m water the plants", thread);
    expect(postedMessages(outbound).map((message) => message.thread_ts)).toEqual([thread, thread]);
    const rows = await env.DB.prepare(
      "SELECT chat_id, user_id, address FROM subscriptions WHERE platform = 'slack' AND chat_id = ?",
    )
      .bind(channel)
      .all<{ chat_id: string; address: string }>();
    // The address names the workspace, so that digests go out with its token.
    expect(rows.results).toEqual([
      { chat_id: channel, user_id: "", address: JSON.stringify({ chatId: channel, workspace: TEAM }) },
    ]);
    const reminder = await env.DB.prepare("SELECT address FROM reminders WHERE platform = 'slack' AND user_id = ?")
      .bind(user)
      .first<{ address: string }>();
    expect(JSON.parse(reminder?.address ?? "{}")).toEqual({ chatId: channel, threadId: thread, workspace: TEAM });

    const listed = "1. news, every day at 08:00 (UTC)";
    expect(await slash("subscriptions")).toContain(listed);
    const other = freshTs();
    await mention("subscriptions", other);
    expect(postedTexts(outbound).at(-1)).toContain(listed);
    await mention("subscribe news 09:00 UTC", other);
    expect(await slash("unsubscribe news")).toBe("Unsubscribed from *news*.");
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM subscriptions WHERE platform = 'slack' AND chat_id = ?")
        .bind(channel)
        .first("n"),
    ).toBe(0);
  });

  it("made in threads before, are moved to their channels by the migration, the latest one kept", async () => {
    const row = (user: string, chat: string, updatedAt: number) =>
      env.DB.prepare(
        `INSERT INTO subscriptions
           (bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, updated_at)
         VALUES ('concierge', 'slack', ?, ?, ?, 'news', '08:00', 'UTC', 0, ?) RETURNING id`,
      ).bind(chat, user, JSON.stringify({ chatId: chat.split(":")[0], threadId: chat.split(":")[1] }), updatedAt);
    const [, latest, single] = await env.DB.batch<{ id: number }>([
      row("U0MIG1", "C0MIG:1700000000.000001", 5),
      row("U0MIG1", "C0MIG:1700000000.000002", 9),
      row("U0MIG2", "C0MIG:1700000000.000003", 1),
    ]);
    await env.DB.batch([row("U0MIG1", "C0MIG", 2)]);
    const migration = env.TEST_MIGRATIONS.find((entry) => entry.name === "0004_slack_subscriptions_per_channel.sql");
    await env.DB.batch((migration?.queries ?? []).map((query) => env.DB.prepare(query)));
    const { results } = await env.DB.prepare(
      "SELECT id, user_id, chat_id, address FROM subscriptions WHERE user_id LIKE 'U0MIG%' ORDER BY user_id",
    ).all();
    expect(results).toEqual([
      { id: latest?.results[0]?.id, user_id: "U0MIG1", chat_id: "C0MIG", address: '{"chatId":"C0MIG"}' },
      { id: single?.results[0]?.id, user_id: "U0MIG2", chat_id: "C0MIG", address: '{"chatId":"C0MIG"}' },
    ]);
  });
});
