import { describe, expect, it } from "vitest";
import { recognise } from "../../src/nlu/entities/index.ts";
import { wordOf } from "../../src/nlu/template.ts";
import { tokenize } from "../../src/nlu/text.ts";
import type { EntityKind, Locale } from "../../src/nlu/types.ts";

/** The entities of one kind that the recognisers find in `text`. */
function entities(kind: EntityKind, text: string, locale: Locale) {
  const words = tokenize(text).tokens.map(wordOf);
  return recognise({ words, text, locale })
    .filter((entity) => entity.kind === kind)
    .map((entity) => ({ ...entity, said: text.slice(words[entity.start]?.start, words[entity.end - 1]?.end) }));
}

/** The values of one kind that the recognisers find in `text`. */
function found(kind: EntityKind, text: string, locale: Locale = "en") {
  return entities(kind, text, locale).map((entity) => entity.value);
}

/** The words each entity of one kind covers, as typed. */
function said(kind: EntityKind, text: string, locale: Locale = "en") {
  return entities(kind, text, locale).map((entity) => entity.said);
}

describe("currencies", () => {
  it("reads codes, symbols and names as three-letter codes", () => {
    expect(found("currency", "convert 100 usd to EUR")).toEqual(["USD", "EUR"]);
    expect(found("currency", "$300 in €")).toEqual(["USD", "EUR"]);
    expect(found("currency", "dollars, euros, yen and pounds")).toEqual(["USD", "EUR", "JPY", "GBP"]);
    expect(found("currency", "100 Pfund in Franken", "de")).toEqual(["GBP", "CHF"]);
  });

  it("tells dollars and crowns apart by the word before them", () => {
    expect(found("currency", "swiss francs to canadian dollars")).toEqual(["CHF", "CAD"]);
    expect(found("currency", "1000 dänische Kronen in Euro", "de")).toEqual(["DKK", "EUR"]);
    expect(found("currency", "how many swedish kronor")).toEqual(["SEK"]);
  });

  it("does not take everyday words that are also codes, or qualifiers alone", () => {
    expect(found("currency", "try again with the swiss team")).toEqual([]);
    expect(found("currency", "100 TRY to EUR")).toEqual(["TRY", "EUR"]);
  });

  it("reads names of three words, and a place that only qualifies a currency as no currency", () => {
    expect(found("currency", "is it raining in hong kong")).toEqual([]);
    expect(found("currency", "50 hong kong dollars in new zealand dollars")).toEqual(["HKD", "NZD"]);
  });
});

describe("numbers", () => {
  it("reads digits with decimal commas, decimal points and thousands", () => {
    expect(found("number", "12.50 and 2,50 and 1,000 and 1.000")).toEqual([12.5, 2.5, 1000, 1000]);
  });

  it("reads number words in English and German", () => {
    expect(found("number", "twenty five or three hundred")).toEqual([25, 300]);
    expect(found("number", "fünfundzwanzig oder sieben", "de")).toEqual([25, 7]);
  });

  it("reads ordinals as counts, and 'one' after an ordinal as the item", () => {
    expect(found("count", "the third one")).toEqual([3]);
    expect(found("count", "den ersten Punkt", "de")).toEqual([1]);
    expect(found("count", "the 2nd item")).toEqual([2]);
  });
});

describe("durations", () => {
  it("gives the remind intent's form: whole hours in h, the rest in m", () => {
    expect(found("duration", "in 10 minutes")).toEqual(["10m"]);
    expect(found("duration", "in 2h")).toEqual(["2h"]);
    expect(found("duration", "in 90 mins")).toEqual(["90m"]);
    expect(found("duration", "in an hour")).toEqual(["1h"]);
    expect(found("duration", "in 3 days")).toEqual(["72h"]);
  });

  it("reads halves and quarters", () => {
    expect(found("duration", "in half an hour")).toEqual(["30m"]);
    expect(found("duration", "in an hour and a half")).toEqual(["90m"]);
    expect(found("duration", "in 1.5 hours")).toEqual(["90m"]);
    expect(found("duration", "in a quarter of an hour")).toEqual(["15m"]);
    expect(found("duration", "in einer halben Stunde", "de")).toEqual(["30m"]);
    expect(found("duration", "in anderthalb Stunden", "de")).toEqual(["90m"]);
    expect(found("duration", "in einer Stunde", "de")).toEqual(["1h"]);
  });

  it("reads a quarter hour said as one word, weeks, and 'from now' as part of the delay", () => {
    expect(found("duration", "in einer Viertelstunde", "de")).toEqual(["15m"]);
    expect(found("duration", "in einer Dreiviertelstunde", "de")).toEqual(["45m"]);
    expect(found("duration", "in 2 weeks")).toEqual(["336h"]);
    expect(said("duration", "a reminder 90 minutes from now: leave")).toEqual(["90 minutes from now"]);
  });

  it("does not read a clock time's a.m. as minutes", () => {
    expect(found("duration", "at 7 a.m.")).toEqual([]);
  });
});

describe("times of day", () => {
  it("reads clock times as HH:MM", () => {
    expect(found("time", "at 5pm")).toEqual(["17:00"]);
    expect(found("time", "at 18:30")).toEqual(["18:30"]);
    expect(found("time", "tomorrow at 9")).toEqual(["09:00"]);
    expect(found("time", "um 8 Uhr", "de")).toEqual(["08:00"]);
    expect(found("time", "heute abend um 8", "de")).toEqual(["20:00"]);
  });

  it("reads spelled times that chrono misses", () => {
    expect(found("time", "half past 7")).toEqual(["07:30"]);
    expect(found("time", "quarter to 9")).toEqual(["08:45"]);
    expect(found("time", "at seven")).toEqual(["07:00"]);
    expect(found("time", "at 7 in the evening")).toEqual(["19:00"]);
    expect(found("time", "um halb acht", "de")).toEqual(["07:30"]);
    expect(found("time", "um viertel nach drei", "de")).toEqual(["03:15"]);
  });

  it("reads a day part said before the hour", () => {
    expect(found("time", "kannst du mir abends um 8 die news schicken", "de")).toEqual(["20:00"]);
    expect(said("time", "abends um 8", "de")).toEqual(["abends um 8"]);
    expect(found("time", "every evening at 8")).toEqual(["20:00"]);
    expect(said("time", "every evening at 8")).toEqual(["8"]);
    expect(found("time", "in the afternoon at 3")).toEqual(["15:00"]);
  });

  it("prefers the reading that starts first where two overlap", () => {
    expect(found("time", "remind me at half past 4 in the afternoon")).toEqual(["16:30"]);
  });

  it("leaves a zone after the hour to the zone", () => {
    expect(said("time", "um 8 Uhr UTC", "de")).toEqual(["8 Uhr"]);
    expect(found("zone", "um 8 Uhr UTC", "de")).toEqual(["UTC"]);
  });

  it("leaves relative times to durations", () => {
    expect(found("time", "in 10 minutes")).toEqual([]);
  });
});

describe("zones, digests and rhythms", () => {
  it("reads IANA zones in their canonical spelling", () => {
    expect(found("zone", "at 8 america/new_york")).toEqual(["America/New_York"]);
    expect(found("zone", "07:00 Europe/Berlin")).toEqual(["Europe/Berlin"]);
    expect(found("zone", "at 8 UTC")).toEqual(["UTC"]);
  });

  it("reads a city's time as its zone, in English and German", () => {
    expect(found("zone", "at 17:00 London time")).toEqual(["Europe/London"]);
    expect(found("zone", "8am tokyo local time")).toEqual(["Asia/Tokyo"]);
    expect(found("zone", "um 17 Uhr Londoner Zeit", "de")).toEqual(["Europe/London"]);
    expect(found("zone", "um 8 Uhr New Yorker Zeit", "de")).toEqual(["America/New_York"]);
    expect(found("zone", "9 Uhr Tokioter Zeit", "de")).toEqual(["Asia/Tokyo"]);
    expect(found("zone", "at 9 CET")).toEqual(["Europe/Berlin"]);
  });

  it("takes a word that announces a zone into it, and reads no zone from a city alone", () => {
    expect(said("zone", "um 7:30, Zeitzone Europe/Berlin", "de")).toEqual(["Zeitzone Europe/Berlin"]);
    expect(said("zone", "at 7 time zone UTC")).toEqual(["time zone UTC"]);
    expect(found("zone", "weather in London at 7")).toEqual([]);
  });

  it("names the digest from its words in both languages", () => {
    expect(found("digest", "the headlines")).toEqual(["news"]);
    expect(found("digest", "the forecast")).toEqual(["weather"]);
    expect(found("digest", "the exchange rate")).toEqual(["rates"]);
    expect(found("digest", "den Wechselkurs", "de")).toEqual(["rates"]);
  });

  it("reads rhythms: daily, weekdays, weekends and single days", () => {
    expect(found("rhythm", "every day")).toEqual(["daily"]);
    expect(found("rhythm", "every weekday at 7")).toEqual(["weekdays"]);
    expect(found("rhythm", "on weekends")).toEqual(["weekends"]);
    expect(found("rhythm", "every monday")).toEqual(["mon"]);
    expect(found("rhythm", "jeden Freitag", "de")).toEqual(["fri"]);
    expect(found("rhythm", "werktags", "de")).toEqual(["weekdays"]);
    expect(found("rhythm", "am Wochenende", "de")).toEqual(["weekends"]);
  });

  it("reads rhythms said as one day, or as an adjective", () => {
    expect(found("rhythm", "jeden Werktag um 8", "de")).toEqual(["weekdays"]);
    expect(found("rhythm", "tägliches Wetter", "de")).toEqual(["daily"]);
    expect(found("rhythm", "weekend weather at 10")).toEqual(["weekends"]);
    expect(found("rhythm", "weekday news at 7")).toEqual(["weekdays"]);
    expect(found("rhythm", "immer montags", "de")).toEqual(["mon"]);
  });

  it("takes one weekend for no rhythm", () => {
    expect(found("rhythm", "the weather this weekend")).toEqual([]);
    expect(found("rhythm", "what about next weekend")).toEqual([]);
  });
});
