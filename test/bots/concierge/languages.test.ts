/**
 * The concierge in the user's language: German for a German Telegram app or
 * Discord client, the Slack user's locale, or the user's own `/language`
 * choice, numbers and dates formatted for it; English otherwise.
 */
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type Answer,
  discordWorker,
  type KeyPair,
  newKeyPair,
  slashCommand,
  stubDiscordApi,
} from "../../support/discord.ts";
import { clearScheduledWork, consume, dueJobs } from "../../support/jobs.ts";
import { hang, interceptFetch, type Outbound } from "../../support/outbound.ts";
import {
  eventCallback,
  eventRequest,
  postedTexts,
  SLACK_API,
  stubSlackApi,
  stubUserInfo,
} from "../../support/slack.ts";
import { sendTelegram, sentMessages, sentTexts, stubTelegramApi } from "../../support/telegram.ts";
import { deliver } from "../../support/worker.ts";
import { callsTo, FX_API, GEOCODING_API, type StubPlace, stubNews, stubOpenMeteo } from "./apis.ts";

/** Berlin as the geocoder names it in German, on a mild afternoon. */
const BERLIN_DE: StubPlace = {
  name: "Berlin",
  latitude: 52.52437,
  longitude: 13.41053,
  country: "Deutschland",
  temperature: 17.3,
  feelsLike: 16.8,
};

function stubApis(outbound: Outbound): Outbound {
  return stubOpenMeteo(outbound, [BERLIN_DE]).on(`${FX_API}/latest`, () =>
    Response.json({ amount: 1, base: "USD", date: "2026-11-26", rates: { EUR: 0.92345 } }),
  );
}

const GERMAN_HELP = [
  "/start — Sag Hallo",
  "/help — Zeig die Befehle",
  "/weather <city> — Das aktuelle Wetter in einer Stadt",
  "/rate <from> <to> [amount] — Zwischen Währungen umrechnen",
  "/news [count] — Top-Meldungen auf Hacker News",
  "/todo add <text> — Einen Eintrag zu deiner To-do-Liste hinzufügen",
  "/todo list [page] — Deine To-do-Liste zeigen, 10 Einträge je Seite",
  "/todo done <n> — Eintrag n deiner Liste abhaken",
  "/note <title> <file> — Ein Foto oder eine Datei unter einem Titel aufheben",
  "/notes [n] — Deine aufgehobenen Dateien zeigen oder eine zurückschicken",
  "/subscribe <digest> [its args…] <time> [zone] [rhythm] — Einen Digest zu einer Uhrzeit deiner Wahl bekommen: täglich, werktags, am Wochenende oder an gewählten Tagen",
  "/subscriptions — Deine Digests und die dieses Chats zeigen, mit dem nächsten Termin",
  "/unsubscribe <digest> — Einen Digest abbestellen: seine Nummer in /subscriptions oder sein Name",
  "/remind in <delay> <text> — Erinnert dich nach N Minuten (z. B. 10m) oder Stunden (2h)",
  "/remind at <time> <text> — Erinnert dich heute oder morgen um eine Uhrzeit (HH:MM, deine Zeitzone)",
  "/remind message — Erinnert dich an eine Nachricht (antworte mit /remind in 20m oder nutze das Nachrichtenmenü)",
  "/language [code] — Wähle die Sprache, in der ich antworte",
  "/ask <question> — Frag in deinen eigenen Worten, z. B. Wetter in Paris",
  "/forget [confirm] — Lösche alles, was ich über dich weiß",
];

const html = (text: string) => text.replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The language a user chose, as stored with their data. */
async function storedLocale(platform: string, userId: string): Promise<string | null | undefined> {
  const row = await env.DB.prepare("SELECT locale FROM users WHERE bot = 'concierge' AND platform = ? AND user_id = ?")
    .bind(platform, userId)
    .first<{ locale: string | null }>();
  return row?.locale;
}

describe("on Telegram, in the language of the user's app", () => {
  it("gives German help to a German app", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/help", userId: 3101, languageCode: "de" });
    expect(sentTexts(outbound)).toEqual([["<b>Befehle</b>", ...GERMAN_HELP.map(html)].join("\n")]);
  });

  it("answers the weather in German, the numbers and units as German writes them", async () => {
    const outbound = stubApis(stubTelegramApi(interceptFetch()));
    await sendTelegram({ text: "/weather Berlin", userId: 3102, languageCode: "de" });
    const [message] = sentMessages(outbound);
    expect(message?.text).toBe(
      [
        "<b>Berlin, Deutschland</b>",
        "Teilweise bewölkt, 17,3 °C (gefühlt 16,8 °C)",
        "Luftfeuchtigkeit 71\u00a0%, Wind 14,4 km/h",
        "<i>Gemessen um 14:15 Ortszeit</i>",
      ].join("\n"),
    );
    expect(message?.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Aktualisieren", callback_data: "/weather Berlin" }]],
    });
    expect(callsTo(outbound, GEOCODING_API)[0]?.url.searchParams.get("language")).toBe("de");
  });

  it("converts in German, with German grouping, decimals and dates", async () => {
    const outbound = stubApis(stubTelegramApi(interceptFetch()));
    await sendTelegram({ text: "/rate usd eur 1234.5", userId: 3103, languageCode: "de-AT" });
    await sendTelegram({ text: "/rate usd eur 1234.5", userId: 3104, languageCode: "en" });
    expect(sentTexts(outbound)).toEqual([
      "<b>1.234,50 USD = 1.140,00 EUR</b>\n1 USD = 0,92345 EUR\n<i>Referenzkurs vom 26.11.2026</i>",
      "<b>1,234.50 USD = 1,140.00 EUR</b>\n1 USD = 0.92345 EUR\n<i>Reference rate of Nov 26, 2026</i>",
    ]);
  });

  it("says Parley's own corrections and questions in German too", async () => {
    const outbound = stubApis(stubTelegramApi(interceptFetch()));
    for (const text of ["/rate usd", "frobnicate", "/weather", "Atlantis"]) {
      await sendTelegram({ text, userId: 3105, languageCode: "de" });
    }
    expect(sentTexts(outbound)).toEqual([
      "Entschuldigung, to fehlt. So geht es: /rate &lt;from&gt; &lt;to&gt; [amount]",
      "Das habe ich nicht verstanden. Das kann ich; /help zeigt alle Befehle.",
      "Welche Stadt?",
      "Einen Ort namens „Atlantis“ habe ich nicht gefunden. Prüf die Schreibweise oder versuch eine größere Stadt in der Nähe.",
    ]);
  });

  it("speaks English to an app in a language the bot does not speak", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/help", userId: 3106, languageCode: "fr" });
    expect(sentTexts(outbound)[0]).toMatch(/^<b>Commands<\/b>\n\/start — Say hello\n/);
  });
});

describe("/language", () => {
  it("keeps the user's choice over their app's language, read with the delivery's claim", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const lines = vi.spyOn(console, "info").mockImplementation(() => {});
    const user = { userId: 3201, languageCode: "en" };
    await sendTelegram({ text: "/language de", ...user });
    expect(await storedLocale("telegram", "3201")).toBe("de");
    await sendTelegram({ text: "/help", ...user });
    expect(sentTexts(outbound)[0]).toBe("Ab jetzt antworte ich dir auf Deutsch.");
    expect(sentTexts(outbound)[1]?.split("\n")[0]).toBe("<b>Befehle</b>");
    const deliveries = lines.mock.calls
      .map((call) => JSON.parse(String(call[0])))
      .filter((l) => l.event === "delivery");
    // /help stores nothing: its one D1 round trip is the claim, which brought the user's language along.
    expect(deliveries.map((line) => [line.intent, line.d1])).toEqual([
      ["language", 2],
      ["help", 1],
    ]);
  });

  it("lists the languages it speaks for a code it does not, and changes nothing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/language fr", userId: 3202, languageCode: "en" });
    await sendTelegram({ text: "/language klingon", userId: 3202, languageCode: "de" });
    expect(sentTexts(outbound)).toEqual([
      'I do not speak "fr". I speak English (en), Deutsch (de): send /language and one of those codes.',
      "„klingon“ spreche ich nicht. Ich spreche English (en), Deutsch (de): schick /language und eines dieser Kürzel.",
    ]);
    expect(await storedLocale("telegram", "3202")).toBeUndefined();
  });

  it("says which language it answers in, and offers the others as buttons", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/language", userId: 3203, languageCode: "de-CH" });
    const [message] = sentMessages(outbound);
    expect(message?.text).toBe(
      "Ich antworte dir auf Deutsch. Ich spreche English (en), Deutsch (de): schick /language und ein Kürzel, um zu wechseln, z. B. /language en.",
    );
    expect(message?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "English", callback_data: "/language en" },
          { text: "Deutsch", callback_data: "/language de" },
        ],
      ],
    });
  });
});

describe("on Discord, in the language of the user's client", () => {
  let keys: KeyPair;
  let worker: ReturnType<typeof discordWorker>;

  beforeAll(async () => {
    keys = await newKeyPair();
    worker = discordWorker(keys);
  });

  const content = (answer: Answer) => answer.data?.content;
  const markdown = (text: string) => text.replace(/[<>[\]]/g, "\\$&");

  it("gives German help to a German client", async () => {
    stubDiscordApi(interceptFetch());
    const answer = await worker.send(slashCommand("help", {}, { userId: "3301", locale: "de" }));
    expect(content(answer)).toBe(["**Befehle**", ...GERMAN_HELP.map(markdown)].join("\n"));
  });

  it("answers the weather and converts in German", async () => {
    stubApis(stubDiscordApi(interceptFetch()));
    const weather = await worker.send(slashCommand("weather", { city: "Berlin" }, { userId: "3302", locale: "de" }));
    expect(content(weather)).toBe(
      [
        "**Berlin, Deutschland**",
        "Teilweise bewölkt, 17,3 °C (gefühlt 16,8 °C)",
        "Luftfeuchtigkeit 71\u00a0%, Wind 14,4 km/h",
        "*Gemessen um 14:15 Ortszeit*",
      ].join("\n"),
    );
    expect(weather.data?.components?.[0]?.components[0]?.label).toBe("Aktualisieren");
    const rate = await worker.send(
      slashCommand("rate", { from: "usd", to: "eur", amount: 1250 }, { userId: "3302", locale: "de" }),
    );
    // "1." at the start of a line is escaped, so that Discord does not take it for a numbered list.
    expect(content(rate)).toBe("**1\\.250 USD = 1.154,31 EUR**\n1 USD = 0,92345 EUR\n*Referenzkurs vom 26.11.2026*");
  });

  it("takes the server's language when the interaction has no language of the user's, never over it", async () => {
    stubDiscordApi(interceptFetch());
    const server = await worker.send(slashCommand("start", {}, { userId: "3303", guildLocale: "de" }));
    expect(content(server)).toMatch(/^Hallo \*\*Ann\*\*! Ich bin Concierge/);
    const own = await worker.send(slashCommand("start", {}, { userId: "3303", locale: "en-GB", guildLocale: "de" }));
    expect(content(own)).toMatch(/^Hello \*\*Ann\*\*! I am Concierge/);
  });

  it("labels the answer field in the user's language", async () => {
    stubDiscordApi(interceptFetch());
    const answer = await worker.send(slashCommand("weather", {}, { userId: "3304", locale: "de" }));
    expect(answer.data?.title).toBe("Welche Stadt?");
    const field = (answer.data as unknown as { components: { label?: string }[] }).components[0];
    expect(field?.label).toBe("Deine Antwort");
  });
});

describe("on Slack, in the user's Slack locale", () => {
  async function send(text: string, user: string): Promise<void> {
    await deliver(await eventRequest(eventCallback({ text, user })));
  }

  it("asks Slack once a day, and answers in German", async () => {
    const outbound = stubSlackApi(stubUserInfo(interceptFetch(), "de-DE"));
    await send("help", "U0DE1");
    await send("rate usd", "U0DE1");
    const lookups = outbound.to("/users.info");
    expect(lookups).toHaveLength(1);
    expect(Object.fromEntries(lookups[0]?.url.searchParams ?? [])).toEqual({ user: "U0DE1", include_locale: "true" });
    const [help, usage] = postedTexts(outbound);
    expect(help?.split("\n")[0]).toBe("*Befehle*");
    expect(usage).toBe("Entschuldigung, to fehlt. So geht es: /rate &lt;from&gt; &lt;to&gt; [amount]");
  });

  it("answers in English when Slack fails to say, or is too slow, and asks again next time", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = stubSlackApi(
      interceptFetch().on(`${SLACK_API}/users.info`, () => new Response("", { status: 500 })),
    );
    await send("help", "U0DE2");
    const slow = stubSlackApi(interceptFetch().on(`${SLACK_API}/users.info`, hang));
    await send("help", "U0DE2");
    for (const outbound of [failing, slow]) {
      expect(outbound.to("/users.info")).toHaveLength(1);
      expect(postedTexts(outbound)[0]?.split("\n")[0]).toBe("*Commands*");
    }
    expect(errors.mock.calls.map((call) => JSON.parse(String(call[0])).event)).toEqual([
      "slack_locale_failed",
      "slack_locale_failed",
    ]);
  });
});

describe("digests", () => {
  beforeEach(clearScheduledWork);

  it("are rendered once per language and sent in each subscriber's", async () => {
    const outbound = stubNews(stubTelegramApi(interceptFetch()));
    await sendTelegram({ text: "/subscribe news 08:00 Europe/Berlin", userId: 3401, languageCode: "de" });
    await sendTelegram({ text: "/subscribe news 08:00 Europe/Berlin", userId: 3402, languageCode: "en" });
    await sendTelegram({ text: "/subscribe news 08:00 Europe/Berlin", userId: 3403, languageCode: "en" });
    await sendTelegram({ text: "/language de", userId: 3403, languageCode: "en" });
    const [german, english] = sentTexts(outbound);
    expect(german).toMatch(
      /^Abonniert: <b>news<\/b>, jeden Tag um 08:00 \(Europe\/Berlin\)\. Der erste kommt am <b>\d\d\.\d\d\.\d{4} um 08:00<\/b>\.$/,
    );
    expect(english).toMatch(
      /^Subscribed to <b>news<\/b> every day at 08:00 \(Europe\/Berlin\)\. The first one comes <b>\w{3} \d{1,2}, \d{4}, 08:00<\/b>\.$/,
    );
    const due = await env.DB.prepare("SELECT MAX(next_run_at) AS at FROM subscriptions").first<{ at: number }>();
    await consume(await dueJobs(new Date(due?.at ?? 0)));
    const digests = sentMessages(outbound).slice(4);
    expect(digests).toHaveLength(3);
    const textOf = (chat: number) => digests.find((m) => String(m.chat_id) === String(chat))?.text ?? "";
    expect(textOf(3401)).toMatch(
      /^<b>Deine Nachrichten<\/b>\n1\. <a href="https:\/\/example\.net\/1">Story 1<\/a> \(10 Punkte\)/,
    );
    expect(textOf(3403)).toBe(textOf(3401));
    expect(textOf(3402)).toMatch(
      /^<b>Your news digest<\/b>\n1\. <a href="https:\/\/example\.net\/1">Story 1<\/a> \(10 points\)/,
    );
    expect(outbound.to("/topstories.json")).toHaveLength(2);
  });
});
