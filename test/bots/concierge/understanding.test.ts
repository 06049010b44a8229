/**
 * The concierge in plain words, on every platform and in English and
 * German: a private message on Telegram, `/ask` on Discord (which delivers
 * only commands), a direct message or a mention on Slack. What is read
 * surely runs as its command would; what is nearly read is offered ("did
 * you mean …?"); what is not read at all gets what the bot can do.
 */
import { describe, expect, it, vi } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { type From, PLATFORMS, type Platform, type Said, talkTo } from "../../support/everywhere.ts";
import type { Outbound } from "../../support/outbound.ts";
import { BERLIN, PARIS, type StubPlace, stubNews, stubOpenMeteo, stubRates } from "./apis.ts";

const OSLO: StubPlace = {
  name: "Oslo",
  latitude: 59.91273,
  longitude: 10.74609,
  country: "Norway",
  temperature: -3.5,
  feelsLike: -8.1,
};

const services = (outbound: Outbound) => stubRates(stubNews(stubOpenMeteo(outbound, [BERLIN, PARIS, OSLO])));

/** A reply as written by the bot: plain text, bold, italic, links. */
type Part = string | { readonly b: string } | { readonly i: string } | { readonly link: string; readonly to: string };

/** `parts` as each platform's renderer writes them (only what these replies need: no characters to escape). */
function rendered(platform: Platform, parts: readonly Part[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return platform === "discord" ? part.replace(/^(\d+)\./gm, "$1\\.") : part;
      if ("b" in part)
        return { telegram: `<b>${part.b}</b>`, discord: `**${part.b}**`, slack: `*${part.b}*` }[platform];
      if ("i" in part) return { telegram: `<i>${part.i}</i>`, discord: `*${part.i}*`, slack: `_${part.i}_` }[platform];
      return {
        telegram: `<a href="${part.to}">${part.link}</a>`,
        discord: `[${part.link}](${part.to})`,
        slack: `<${part.to}|${part.link}>`,
      }[platform];
    })
    .join("");
}

type Locale = "en" | "de";

/** The concierge's weather report on the stand-ins' partly cloudy afternoon, with its Refresh button. */
function weatherIn(label: string, place: StubPlace, locale: Locale): { parts: Part[]; refresh: string } {
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const degrees = (value: number) => (locale === "en" ? `${number(value)}°C` : `${number(value)} °C`);
  const now =
    locale === "en"
      ? `Partly cloudy, ${degrees(place.temperature)} (feels like ${degrees(place.feelsLike)})\nHumidity 71%, wind 14.4 km/h`
      : `Teilweise bewölkt, ${degrees(place.temperature)} (gefühlt ${degrees(place.feelsLike)})\nLuftfeuchtigkeit 71\u00a0%, Wind 14,4 km/h`;
  const measured = locale === "en" ? "Measured at 14:15 local time" : "Gemessen um 14:15 Ortszeit";
  return {
    parts: [{ b: label }, `\n${now}\n`, { i: measured }],
    refresh: locale === "en" ? "Refresh" : "Aktualisieren",
  };
}

interface Case {
  readonly words: Readonly<Record<Locale, string>>;
  readonly answer: (locale: Locale) => Part[];
  /** The weather report's Refresh button sends this. */
  readonly refresh?: string;
}

const story = (n: number, locale: Locale): Part[] => [
  `\n${n}. `,
  { link: `Story ${n}`, to: `https://example.net/${n}` },
  locale === "en" ? ` (${n * 10} points)` : ` (${n * 10} Punkte)`,
];

const CASES: readonly Case[] = [
  {
    words: { en: "what's the weather in Berlin", de: "wie ist das Wetter in Berlin" },
    answer: (locale) => weatherIn("Berlin, Germany", BERLIN, locale).parts,
    refresh: "/weather Berlin",
  },
  {
    words: { en: "weather in Paris please", de: "Wetter in Paris bitte" },
    answer: (locale) => weatherIn("Paris, Île-de-France, France", PARIS, locale).parts,
    refresh: "/weather Paris",
  },
  {
    words: { en: "convert 100 USD to EUR", de: "rechne 100 USD in EUR um" },
    answer: (locale) =>
      locale === "en"
        ? [{ b: "100 USD = 92.35 EUR" }, "\n1 USD = 0.92345 EUR\n", { i: "Reference rate of Nov 26, 2026" }]
        : [{ b: "100 USD = 92,35 EUR" }, "\n1 USD = 0,92345 EUR\n", { i: "Referenzkurs vom 26.11.2026" }],
  },
  {
    words: { en: "how cold is it in Oslo?", de: "wie kalt ist es in Oslo?" },
    answer: (locale) => weatherIn("Oslo, Norway", OSLO, locale).parts,
    refresh: "/weather Oslo",
  },
  {
    words: { en: "show me the top 3 news", de: "zeig mir die Top 3 Nachrichten" },
    answer: (locale) => [
      { b: locale === "en" ? "Top stories on Hacker News" : "Top-Meldungen auf Hacker News" },
      ...[1, 2, 3].flatMap((n) => story(n, locale)),
    ],
  },
  {
    words: { en: "remind me in 10 minutes to stretch", de: "erinnere mich in 10 Minuten ans Dehnen" },
    answer: (locale) =>
      locale === "en"
        ? ["I will remind you in ", { b: "10 min" }, ": stretch"]
        : ["Ich erinnere dich in ", { b: "10 Min." }, ": Dehnen"],
  },
];

/** Where plain words are said: each platform's private chat, and a mention in a Slack channel. */
const PLACES: readonly { readonly name: string; readonly platform: Platform; readonly group: boolean }[] = [
  ...PLATFORMS.map((platform) => ({ name: platform, platform, group: false })),
  { name: "slack, mentioned in a channel", platform: "slack", group: true },
];

const NOT_UNDERSTOOD: Readonly<Record<Locale, string>> = {
  en: "I did not understand that. Here is what I can do; /help lists every command.",
  de: "Das habe ich nicht verstanden. Das kann ich; /help zeigt alle Befehle.",
};

/** The commands a press can start, as the none-band answer offers them: the first ten, in the bot's order. */
const COMMAND_BUTTONS = [
  "/start",
  "/help",
  "/weather",
  "/news",
  "/todo add",
  "/todo list",
  "/todo done",
  "/note",
  "/notes",
  "/subscribe",
].map((command) => ({ label: command, value: command }));

let nextUser = 1;
const freshUser = (): number => 16_000 + nextUser++;

/** The texts said, for comparing whole answers. */
const texts = (said: readonly Said[]) => said.map((reply) => reply.text);

describe("plain words run the command they name", () => {
  for (const place of PLACES) {
    for (const locale of ["en", "de"] as const) {
      it(`on ${place.name}, in ${locale === "en" ? "English" : "German"}`, async () => {
        const chat = await talkTo(concierge, { services });
        for (const { words, answer, refresh } of CASES) {
          const said = await chat.say(
            place.platform,
            { words: words[locale] },
            { user: freshUser(), locale, ...place },
          );
          expect(texts(said), words[locale]).toEqual([rendered(place.platform, answer(locale))]);
          const label = locale === "en" ? "Refresh" : "Aktualisieren";
          expect(said[0]?.buttons, words[locale]).toEqual(refresh ? [{ label, value: refresh }] : []);
        }
      });
    }
  }

  it("in a Telegram group, when the message mentions the bot", async () => {
    const chat = await talkTo(concierge, { services });
    const said = await chat.say(
      "telegram",
      { words: "what's the weather in Berlin" },
      { user: freshUser(), group: true },
    );
    expect(texts(said)).toEqual([rendered("telegram", weatherIn("Berlin, Germany", BERLIN, "en").parts)]);
  });

  it("and say how they were understood in the delivery's log line", async () => {
    const lines = vi.spyOn(console, "info").mockImplementation(() => {});
    const chat = await talkTo(concierge, { services });
    await chat.say("slack", { words: "convert 100 USD to EUR" }, { user: freshUser() });
    await chat.say("telegram", { words: "news weather" }, { user: freshUser() });
    await chat.say("discord", { words: "frobnicate" }, { user: freshUser() });
    await chat.say("telegram", { command: "help" }, { user: freshUser() });
    const deliveries = lines.mock.calls
      .map((call) => JSON.parse(String(call[0])))
      .filter((line) => line.event === "delivery");
    expect(deliveries.map(({ intent, outcome, tier, reading }) => ({ intent, outcome, tier, reading }))).toEqual([
      { intent: "rate", outcome: "ok", tier: 1, reading: "rate" },
      { intent: "did_you_mean", outcome: "ok", tier: 1, reading: "news" },
      { intent: "fallback", outcome: "user_error", tier: 1, reading: "todo add" },
      { intent: "help", outcome: "ok", tier: undefined, reading: undefined },
    ]);
    const [sure, near, none] = deliveries.map((line) => line.confidence);
    expect(sure).toBe(1);
    expect(near).toBeGreaterThanOrEqual(0.45);
    expect(near).toBeLessThan(0.75);
    expect(none).toBeLessThan(0.45);
  });
});

describe("words read more than one way", () => {
  for (const platform of PLATFORMS) {
    it(`on ${platform}, offer each reading as a button, and a press runs it once`, async () => {
      const chat = await talkTo(concierge, { services });
      const from: From = { user: freshUser() };
      const [offer, ...rest] = await chat.say(platform, { words: "news weather" }, from);
      expect(rest).toEqual([]);
      expect(offer?.text).toBe("Did you mean one of these?");
      expect(offer?.buttons.map((button) => button.label)).toEqual(["/news", "/weather"]);
      for (const button of offer?.buttons ?? [])
        expect(new TextEncoder().encode(button.value).length).toBeLessThanOrEqual(64);
      expect(await chat.stored(platform, from.user)).toMatchObject({ questions: 1 });

      const [news, weather] = offer?.buttons ?? [];
      const ran = await chat.say(platform, { press: news?.value ?? "" }, from);
      expect(texts(ran)).toEqual([
        rendered(platform, [{ b: "Top stories on Hacker News" }, ...[1, 2, 3, 4, 5].flatMap((n) => story(n, "en"))]),
      ]);
      expect(await chat.stored(platform, from.user)).toMatchObject({ questions: 0 });

      // The choice was made: its other button, pressed later, runs nothing.
      const late = await chat.say(platform, { press: weather?.value ?? "" }, from);
      expect(texts(late)).toEqual(["That choice is no longer open. Please ask again."]);
    });
  }

  it("run nothing for someone else who presses the buttons", async () => {
    const chat = await talkTo(concierge, { services });
    const [offer] = await chat.say("telegram", { words: "news weather" }, { user: freshUser() });
    const stranger: From = { user: freshUser() };
    await chat.say("telegram", { words: "remind me" }, stranger);
    const pressed = await chat.say("telegram", { press: offer?.buttons[0]?.value ?? "" }, stranger);
    expect(texts(pressed)).toEqual(["That choice is no longer open. Please ask again."]);
    // The stranger's own choice is still open.
    expect(await chat.stored("telegram", stranger.user)).toMatchObject({ questions: 1 });
  });

  it("ask in the user's language, and a reading with a missing argument asks for it", async () => {
    const chat = await talkTo(concierge, { services });
    const from: From = { user: freshUser(), locale: "de" };
    const [offer] = await chat.say("slack", { words: "Nachrichten Wetter" }, from);
    expect(offer?.text).toBe("Meintest du eines davon?");
    const weather = offer?.buttons.find((button) => button.label === "/weather");
    expect(texts(await chat.say("slack", { press: weather?.value ?? "" }, from))).toEqual(["Welche Stadt?"]);
    const answered = await chat.say("slack", { answer: "Oslo" }, from);
    expect(texts(answered)).toEqual([rendered("slack", weatherIn("Oslo, Norway", OSLO, "de").parts)]);
  });
});

describe("words read no way at all", () => {
  for (const platform of PLATFORMS) {
    it(`on ${platform}, get what the bot can do, as buttons that run it`, async () => {
      const chat = await talkTo(concierge, { services });
      const from: From = { user: freshUser() };
      const [answer, ...rest] = await chat.say(platform, { words: "frobnicate the flux capacitor" }, from);
      expect(rest).toEqual([]);
      expect(answer).toEqual({ text: NOT_UNDERSTOOD.en, private: false, buttons: COMMAND_BUTTONS });
      const pressed = await chat.say(platform, { press: "/subscriptions" }, from);
      expect(texts(pressed)).toEqual([
        "You have no subscriptions here. Try /subscribe news 08:00 or /subscribe weather Berlin 07:00 weekdays (digests: news, weather, rates).",
      ]);
    });
  }

  it("in the user's language", async () => {
    const chat = await talkTo(concierge, { services });
    const said = await chat.say("discord", { words: "frobnicate" }, { user: freshUser(), locale: "de-AT" });
    expect(said).toEqual([{ text: NOT_UNDERSTOOD.de, private: false, buttons: COMMAND_BUTTONS }]);
  });

  it("unless they start with a command's name: then they are that command", async () => {
    const chat = await talkTo(concierge, { services });
    const said = await chat.say("telegram", { words: "news xyzzy plugh frob" }, { user: freshUser() });
    expect(texts(said)).toEqual(["Sorry, too many arguments. Usage: /news [count]"]);
  });
});

describe("the bot asks what it needs", () => {
  for (const platform of PLATFORMS) {
    it(`for a missing city, on ${platform}, and takes the answer`, async () => {
      const chat = await talkTo(concierge, { services });
      const from: From = { user: freshUser() };
      const asked = await chat.say(platform, { words: "weather please" }, from);
      expect(texts(asked)).toEqual(["Which city?"]);
      expect(await chat.stored(platform, from.user)).toMatchObject({ questions: 1 });
      const answered = await chat.say(platform, { answer: "Berlin" }, from);
      expect(texts(answered)).toEqual([rendered(platform, weatherIn("Berlin, Germany", BERLIN, "en").parts)]);
    });
  }

  it("in the user's language", async () => {
    const chat = await talkTo(concierge, { services });
    const from: From = { user: freshUser(), locale: "de" };
    expect(texts(await chat.say("telegram", { words: "Wetter bitte" }, from))).toEqual(["Welche Stadt?"]);
    const answered = await chat.say("telegram", { answer: "Paris" }, from);
    expect(texts(answered)).toEqual([
      rendered("telegram", weatherIn("Paris, Île-de-France, France", PARIS, "de").parts),
    ]);
  });
});

/** Hosts of the platforms' APIs: every other call is a service (or a model) the bot asked. */
const PLATFORM_HOSTS = ["api.telegram.org", "discord.com", "slack.com", "hooks.slack.com"];

describe("group chatter", () => {
  it("is not read: in a group only what is addressed to the bot is", async () => {
    const chat = await talkTo(concierge, { services });
    for (const platform of ["telegram", "slack"] as const) {
      const said = await chat.say(
        platform,
        { answer: "what's the weather in Berlin" },
        { user: freshUser(), group: true },
      );
      expect(said, platform).toEqual([]);
    }
    expect(chat.calls().filter((call) => !PLATFORM_HOSTS.includes(call.url.host))).toEqual([]);
  });
});

describe("bad input", () => {
  const long = "lorem ipsum dolor sit amet ".repeat(150).slice(0, 4000);
  for (const platform of PLATFORMS) {
    it(`on ${platform}, gets a clear answer, and nothing but the platform is called`, async () => {
      const chat = await talkTo(concierge, { services });
      const from: From = { user: freshUser() };
      for (const words of ["🙂🙂🙂", long, "hallo how geht's dir today", "¿qué tiempo hace en Madrid?"]) {
        const said = await chat.say(platform, { words }, from);
        expect(said, words.slice(0, 30)).toEqual([
          { text: NOT_UNDERSTOOD.en, private: false, buttons: COMMAND_BUTTONS },
        ]);
      }
      // Nothing at all: a mention alone on Slack, an empty question on Discord, and on Telegram
      // a message with neither words nor a file, which Telegram never sends, is no message.
      const empty = texts(await chat.say(platform, { words: "" }, { ...from, group: platform === "slack" }));
      const emptyAnswers = {
        telegram: [],
        discord: ["Sorry, question is empty. Usage: /ask \\<question\\>"],
        slack: [NOT_UNDERSTOOD.en],
      };
      expect(empty).toEqual(emptyAnswers[platform]);
      expect(chat.calls().filter((call) => !PLATFORM_HOSTS.includes(call.url.host))).toEqual([]);
    });
  }
});
