import { describe, expect, it } from "vitest";
import { recognise } from "../../src/nlu/entities/index.ts";
import { wordOf } from "../../src/nlu/template.ts";
import { tokenize } from "../../src/nlu/text.ts";
import type { EntityKind, Locale } from "../../src/nlu/types.ts";

/** The values of one kind that the recognisers find in `text`. */
function found(kind: EntityKind, text: string, locale: Locale = "en") {
  const words = tokenize(text).tokens.map(wordOf);
  return recognise({ words, text, locale })
    .filter((entity) => entity.kind === kind)
    .map((entity) => entity.value);
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
});
