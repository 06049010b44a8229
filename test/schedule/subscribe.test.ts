import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { interceptFetch } from "../support/outbound.ts";
import { sendTelegram, sentTexts, stubTelegramApi } from "../support/telegram.ts";

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
    await sendTelegram({ text: "/subscribe weather 08:00 UTC", userId: 603 });
    const texts = sentTexts(outbound);
    expect(texts[0]).toContain('"25:00" is not a time');
    expect(texts[1]).toContain('"Mars/Olympus" is not a time zone');
    expect(texts[2]).toContain('no digest called "weather"');
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
    expect(texts[2]).toContain("news at 06:15 (UTC)");
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
