/**
 * The concierge's digests with arguments and rhythms, as users subscribe to
 * them: typed, in plain words, and for a whole chat by someone with rights
 * there on each platform; and what bad input is answered with (nothing stored).
 */
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  slashCommand as discordCommand,
  discordWorker,
  type KeyPair,
  newKeyPair,
  stubDiscordApi,
} from "../../support/discord.ts";
import { clearScheduledWork } from "../../support/jobs.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { formRequest, slashCommand, stubSlackAdmins, stubSlackApi } from "../../support/slack.ts";
import {
  callbackUpdate,
  sendTelegram,
  sentMessages,
  sentTexts,
  stubChatMembers,
  stubTelegramApi,
  telegramRequest,
} from "../../support/telegram.ts";
import { call, deliver } from "../../support/worker.ts";
import { BERLIN, stubOpenMeteo, stubRates } from "./apis.ts";

beforeEach(clearScheduledWork);

interface Row {
  digest: string;
  args: string;
  rhythm: string;
  local_time: string;
  zone: string;
  user_id: string;
  next_run_at: number;
}

async function rowsIn(chatId: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    "SELECT digest, args, rhythm, local_time, zone, user_id, next_run_at FROM subscriptions WHERE chat_id = ? ORDER BY id",
  )
    .bind(chatId)
    .all<Row>();
  return results;
}

const telegram = () => stubOpenMeteo(stubRates(stubTelegramApi(interceptFetch())));

describe("/subscribe with a digest's arguments and a rhythm", () => {
  it("subscribes to a city's weather on weekdays, keeping the place as found, and lists it with its next time", async () => {
    const outbound = telegram();
    await sendTelegram({ text: "/subscribe weather berlin 07:00 Europe/Berlin weekdays", userId: 8101 });
    const [row] = await rowsIn("8101");
    expect(row).toMatchObject({ digest: "weather", rhythm: "weekdays", local_time: "07:00", zone: "Europe/Berlin" });
    expect(JSON.parse(row?.args ?? "{}")).toMatchObject({ city: "Berlin", latitude: BERLIN.latitude });
    const day = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "short" });
    expect(["Sat", "Sun"]).not.toContain(day.format(new Date(row?.next_run_at ?? 0)));
    expect(sentTexts(outbound)[0]).toContain("Subscribed to <b>weather for Berlin</b> on weekdays at 07:00");

    await sendTelegram({ text: "/subscribe rates usd eur 08:30 mon,wed,fri", userId: 8101 });
    expect(sentTexts(outbound)[1]).toContain("<b>USD to EUR rate</b> on Mon, Wed, Fri at 08:30 (Europe/Berlin)");
    await sendTelegram({ text: "/subscriptions", userId: 8101 });
    const list = sentTexts(outbound)[2] ?? "";
    expect(list).toContain("1. weather for Berlin, on weekdays at 07:00 (Europe/Berlin); next ");
    expect(list).toContain("2. USD to EUR rate, on Mon, Wed, Fri at 08:30 (Europe/Berlin); next ");
    expect((await rowsIn("8101")).map((item) => [item.digest, JSON.parse(item.args)])).toEqual([
      ["weather", expect.objectContaining({ city: "Berlin" })],
      ["rates", { from: "USD", to: "EUR" }],
    ]);
  });

  it("shows the next time in the user's own zone, and stops one by its number or its button", async () => {
    const outbound = telegram();
    await sendTelegram({ text: "/subscribe news 08:00 America/New_York", userId: 8102 });
    await sendTelegram({ text: "/subscribe news 3 09:00 Asia/Tokyo weekends", userId: 8102 });
    await sendTelegram({ text: "/subscriptions", userId: 8102 });
    const list = sentTexts(outbound)[2] ?? "";
    // The zone remembered last is Tokyo's: the New York digest's 08:00 is 21:00 or 22:00 there.
    expect(list).toMatch(/1\. news, every day at 08:00 \(America\/New_York\); next .*, (21|22):00 \(Asia\/Tokyo\)/);
    expect(list).toMatch(/2\. news, on weekends at 09:00 \(Asia\/Tokyo\); next .*, 09:00 \(Asia\/Tokyo\)/);
    await sendTelegram({ text: "/unsubscribe 2", userId: 8102 });
    expect((await rowsIn("8102")).map((row) => row.args)).toEqual(["{}"]);
    // The list's first button ("Stop 1") stops the one left.
    const markup = sentMessages(outbound)[2]?.reply_markup as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    const [stop] = markup.inline_keyboard[0] ?? [];
    expect(stop?.text).toBe("Stop 1");
    await deliver(telegramRequest(callbackUpdate(stop?.callback_data ?? "", { userId: 8102 })));
    expect(await rowsIn("8102")).toEqual([]);
  });

  it("reads plain words: the digest from its city, the rhythm, and asks only for the zone", async () => {
    const outbound = telegram();
    await sendTelegram({ text: "send me the weather for Berlin every morning at 7", userId: 8103 });
    expect(sentTexts(outbound)[0]).toContain("Which time zone");
    expect(await rowsIn("8103")).toEqual([]);
    await sendTelegram({ text: "Europe/Berlin", userId: 8103 });
    expect(await rowsIn("8103")).toMatchObject([
      { digest: "weather", rhythm: "daily", local_time: "07:00", zone: "Europe/Berlin" },
    ]);
    await sendTelegram({ text: "schick mir montags um 8 den Kurs von USD in EUR", userId: 8103, languageCode: "de" });
    expect((await rowsIn("8103"))[1]).toMatchObject({ digest: "rates", rhythm: "mon", local_time: "08:00" });
    expect(sentTexts(outbound).at(-1)).toContain("Abonniert");
  });
});

describe("bad input", () => {
  it("gets a clear answer and stores nothing", async () => {
    const outbound = telegram();
    const attempts: [string, string][] = [
      ["/subscribe stocks 08:00 UTC", 'There is no digest called "stocks"'],
      ["/subscribe weather Atlantis 08:00 UTC", 'I could not find a place called "Atlantis"'],
      ["/subscribe weather Berlin 08:00 UTC funday", '"funday" is not a rhythm I know'],
      ["/subscribe news 08:00 UTC mon,funday", '"mon,funday" is not a rhythm I know'],
      ["/subscribe rates USD XXX 08:00 UTC", "I have no exchange rate from USD to XXX"],
      ["/subscribe news 11 08:00 UTC", "I can show 1 to 10 stories"],
    ];
    for (const [text] of attempts) await sendTelegram({ text, userId: 8104 });
    expect(sentTexts(outbound)).toEqual(attempts.map(([, answer]) => expect.stringContaining(answer)));
    // No zone given and none remembered: the zone is asked for, and nothing is stored meanwhile.
    await sendTelegram({ text: "/subscribe news 08:00", userId: 8104 });
    expect(sentTexts(outbound).at(-1)).toContain("Which time zone");
    expect(await rowsIn("8104")).toEqual([]);
  });
});

describe("a whole chat's digest", () => {
  it("on Telegram: a group admin subscribes the group, anyone lists it, only an admin stops it", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(stubChatMembers(interceptFetch(), { 8201: "administrator" })));
    const inGroup = (userId: number, text: string) => sendTelegram({ text, userId, group: true, chatId: -8200 });
    await inGroup(8202, "/subscribe weather Berlin 07:00 Europe/Berlin");
    expect(sentTexts(outbound).at(-1)).toContain("Only someone who manages this chat");
    expect(await rowsIn("-8200")).toEqual([]);

    await inGroup(8201, "/subscribe weather Berlin 07:00 Europe/Berlin");
    expect(sentTexts(outbound).at(-1)).toContain("This chat gets <b>weather for Berlin</b> every day at 07:00");
    expect(await rowsIn("-8200")).toMatchObject([{ digest: "weather", user_id: "" }]);
    await inGroup(8202, "/subscriptions");
    expect(sentTexts(outbound).at(-1)).toContain("1. weather for Berlin, every day at 07:00");
    await inGroup(8202, "/unsubscribe 1");
    expect(sentTexts(outbound).at(-1)).toContain("Only someone who manages this chat");
    expect(await rowsIn("-8200")).toHaveLength(1);
    await inGroup(8201, "/unsubscribe 1");
    expect(await rowsIn("-8200")).toEqual([]);
  });

  it("holds at most 10 subscriptions a chat, whoever of its admins made them", async () => {
    const admins = { 8211: "administrator", 8212: "creator" };
    const outbound = stubOpenMeteo(stubTelegramApi(stubChatMembers(interceptFetch(), admins)));
    const inGroup = (userId: number, text: string) => sendTelegram({ text, userId, group: true, chatId: -8210 });
    for (let count = 1; count <= 10; count++)
      await inGroup(count % 2 ? 8211 : 8212, `/subscribe news ${count} 08:00 UTC`);
    await inGroup(8212, "/subscribe weather Berlin 08:00 UTC");
    expect(sentTexts(outbound).at(-1)).toContain("This chat already has 10 subscriptions for everyone");
    expect(await rowsIn("-8210")).toHaveLength(10);
  });

  it("on Slack: a workspace admin subscribes the channel, others may not", async () => {
    stubSlackApi(stubSlackAdmins(interceptFetch(), ["U0BOSS"]));
    const slash = async (user: string, text: string) => {
      const { response, settled } = await call(
        await formRequest(slashCommand({ text, channel: "C0DIGEST", user }).fields),
      );
      await settled;
      return ((await response.json()) as { blocks: { text?: { text: string } }[] }).blocks[0]?.text?.text ?? "";
    };
    expect(await slash("U0ANN", "subscribe news 08:00 UTC")).toContain("Only someone who manages this chat");
    expect(await rowsIn("C0DIGEST")).toEqual([]);
    expect(await slash("U0BOSS", "subscribe news 08:00 UTC")).toContain("This chat gets *news*");
    expect(await slash("U0ANN", "subscriptions")).toContain("1. news, every day at 08:00 (UTC)");
    expect(await slash("U0ANN", "unsubscribe news")).toContain("Only someone who manages this chat");
    expect(await slash("U0BOSS", "unsubscribe news")).toContain("Unsubscribed from *news*");
    expect(await rowsIn("C0DIGEST")).toEqual([]);
  });

  describe("on Discord", () => {
    let keys: KeyPair;
    beforeAll(async () => {
      keys = await newKeyPair();
    });

    it("a member who may manage the channel subscribes it; one who may not is refused", async () => {
      stubDiscordApi(interceptFetch());
      const worker = discordWorker(keys);
      const subscribe = (permissions: string) =>
        worker.send(
          discordCommand(
            "subscribe",
            { digest: "news", time: "08:00", zone: "UTC", rhythm: "weekends" },
            { permissions },
          ),
        );
      // View Channel and Send Messages, without Manage Channels.
      expect((await subscribe(String(0x400 | 0x800))).data?.content).toContain("Only someone who manages this chat");
      expect(await rowsIn("300000000000000001")).toEqual([]);
      expect((await subscribe(String(0x400 | 0x800 | 0x10))).data?.content).toContain(
        "This chat gets **news** on weekends",
      );
      expect(await rowsIn("300000000000000001")).toMatchObject([{ user_id: "", rhythm: "weekends" }]);
    });
  });
});
