import { describe, expect, it } from "vitest";
import { RUN_THRESHOLD, trainMatcher } from "../../src/nlu/index.ts";
import { conciergeUnderstandables } from "./concierge.ts";
import { targetName } from "./evaluate.ts";

const matcher = trainMatcher(conciergeUnderstandables);

/** The best reading: "intent [subcommand]" and its arguments. */
function read(text: string, locale = "en", by = matcher) {
  const [top] = by.understand(text, locale).candidates;
  return { target: targetName(top), args: top?.args, confidence: top?.confidence ?? 0 };
}

describe("plain-language requests", () => {
  it("reads what slash commands could not", () => {
    expect(read("what's the weather in Berlin")).toMatchObject({ target: "weather", args: { city: "Berlin" } });
    expect(read("weather in Paris please")).toMatchObject({ target: "weather", args: { city: "Paris" } });
    expect(read("convert 100 USD to EUR")).toMatchObject({
      target: "rate",
      args: { from: "USD", to: "EUR", amount: 100 },
    });
    expect(read("how cold is it in Oslo?")).toMatchObject({ target: "weather", args: { city: "Oslo" } });
    expect(read("show me the top 3 news")).toMatchObject({ target: "news", args: { count: 3 } });
  });

  it("gives arguments in the form the handlers accept", () => {
    expect(read("remind me in half an hour to stretch").args).toEqual({ delay: "30m", text: "stretch" });
    expect(read("remind me at 6pm to call Anna").args).toEqual({ time: "18:00", text: "call Anna" });
    expect(read("how much are 20 euros in yen").args).toEqual({ from: "EUR", to: "JPY", amount: 20 });
    expect(read("tick off the second item").args).toEqual({ n: 2 });
    expect(read("send me the weather for Berlin every weekday at 7", "en").args).toEqual({
      digest: "weather",
      city: "Berlin",
      time: "07:00",
      rhythm: "weekdays",
    });
  });

  it("keeps a city or a to-do as typed, without the words around it", () => {
    expect(read("how's the weather in New York today?").args).toEqual({ city: "New York" });
    expect(read("add 'pay the rent' to my todo list").args).toEqual({ text: "pay the rent" });
    expect(read("remind me in 10 minutes to check the weather in Berlin").args).toEqual({
      delay: "10m",
      text: "check the weather in Berlin",
    });
  });

  it("never lets a city swallow a time, a rhythm or a currency", () => {
    expect(read("weather in Lyon on weekends at 10am please", "en")).toMatchObject({
      target: "subscribe",
      args: { digest: "weather", city: "Lyon", time: "10:00", rhythm: "weekends" },
    });
  });
});

describe("robustness", () => {
  it("reads through small typos as surely as through the right spelling", () => {
    const typos: [string, string, string, Record<string, unknown>][] = [
      ["en", "wether in berlin", "weather", { city: "berlin" }],
      ["en", "shwo me the nwes", "news", {}],
      ["en", "remnd me in 15 mins to move the car", "remind in", { delay: "15m", text: "move the car" }],
      ["de", "wettr in Dresden", "weather", { city: "Dresden" }],
      ["de", "nachrichen", "news", {}],
    ];
    for (const [locale, text, target, args] of typos) {
      const reading = read(text, locale);
      expect(reading, text).toMatchObject({ target, args });
      expect(reading.confidence, text).toBeGreaterThanOrEqual(RUN_THRESHOLD);
    }
    expect(read("convrt 100 usd to eur").args).toEqual({ from: "USD", to: "EUR", amount: 100 });
  });

  it("is not put off by fillers, case or punctuation", () => {
    for (const text of [
      "hey, could you please tell me the weather in Paris?",
      "WEATHER IN PARIS!!!",
      "weather in paris.",
    ]) {
      const reading = read(text);
      expect(reading.target).toBe("weather");
      expect(String(reading.args?.city).toLowerCase()).toBe("paris");
      expect(reading.confidence).toBeGreaterThanOrEqual(RUN_THRESHOLD);
    }
  });

  it("reads other word orders the same", () => {
    const expected = { target: "remind in", args: { delay: "2h", text: "call Anna" } };
    expect(read("remind me in 2 hours to call Anna")).toMatchObject(expected);
    expect(read("in 2 hours remind me to call Anna")).toMatchObject(expected);
    expect(read("remind me to call Anna in 2 hours")).toMatchObject(expected);
  });

  it("knows which currency is converted by the words around it", () => {
    expect(read("how many yen is 10 euros").args).toEqual({ from: "EUR", to: "JPY", amount: 10 });
    expect(read("exchange rate from pounds to dollars").args).toEqual({ from: "GBP", to: "USD" });
    expect(read("wie steht der Dollar zum Euro", "de").args).toEqual({ from: "USD", to: "EUR" });
  });
});

describe("arguments beyond the phrasing", () => {
  it("fills a slot the phrasing had no place for, and counts its words as read", () => {
    const reading = read("news at 7:30 on weekdays utc", "en");
    expect(reading).toMatchObject({
      target: "subscribe",
      args: { digest: "news", time: "07:30", rhythm: "weekdays", zone: "UTC" },
    });
    expect(reading.confidence).toBeGreaterThanOrEqual(RUN_THRESHOLD);
  });

  it("takes the digest a subscription's other arguments imply", () => {
    expect(read("send me usd to chf every friday at 9", "en").args).toEqual({
      digest: "rates",
      from: "USD",
      to: "CHF",
      time: "09:00",
      rhythm: "fri",
    });
  });

  it("reads two currencies side by side in the order written", () => {
    expect(read("subscribe me to chf usd at 9 please", "en").args).toMatchObject({
      from: "CHF",
      to: "USD",
    });
  });

  it("takes no amount from the hour of a time", () => {
    const { candidates } = matcher.understand("Kurs Dollar zu Yen jeden Tag um 8 Uhr", "de");
    expect(candidates[0]?.intent).toBe("subscribe");
    expect(candidates.find((candidate) => candidate.intent === "rate")?.args).toEqual({ from: "USD", to: "JPY" });
  });

  it("weighs a phrasing with the arguments it yields, not by its words alone", () => {
    for (const text of ["wie viele Yen sind 50 Franken", "samstags um 8 das wetter in bonn bitte"]) {
      expect(read(text, "de").confidence, text).toBeGreaterThanOrEqual(RUN_THRESHOLD);
    }
  });
});

describe("German", () => {
  it("reads every intent in German", () => {
    expect(read("wie ist das Wetter in München", "de")).toMatchObject({ target: "weather", args: { city: "München" } });
    expect(read("rechne 50 Pfund in Euro um", "de").args).toEqual({ from: "GBP", to: "EUR", amount: 50 });
    expect(read("erinnere mich in einer Stunde an die Wäsche", "de").args).toEqual({ delay: "1h", text: "die Wäsche" });
    expect(read("zeig mir die Top 3 Nachrichten", "de").args).toEqual({ count: 3 });
    expect(read("setz Milch auf meine Liste", "de")).toMatchObject({ target: "todo add", args: { text: "Milch" } });
    expect(read("schick mir jeden Montag um 9 den Kurs von USD in JPY", "de").args).toEqual({
      digest: "rates",
      from: "USD",
      to: "JPY",
      time: "09:00",
      rhythm: "mon",
    });
  });

  it("reads German from a user whose language is set to English, and says so", () => {
    const understanding = matcher.understand("wie ist das Wetter in Köln", "en");
    expect(understanding.locale).toBe("de");
    expect(understanding.candidates[0]?.args).toEqual({ city: "Köln" });
  });

  it("takes a regional language tag as its language", () => {
    expect(matcher.understand("Wetter in Graz", "de-AT").locale).toBe("de");
  });
});
