/**
 * Messages of the kinds that used to be misread: requests wrapped in
 * courtesy, cities misspelt or named by their German adjective, informal
 * amounts and currency names, misspelt command words. The sentences here
 * are not in the labelled sets nor in the examples.
 */
import { describe, expect, it } from "vitest";
import { ASK_THRESHOLD, RUN_THRESHOLD, trainMatcher } from "../../src/nlu/index.ts";
import { conciergeUnderstandables } from "./concierge.ts";
import { targetName } from "./evaluate.ts";

const matcher = trainMatcher(conciergeUnderstandables);

function read(text: string, locale = "en") {
  const [top] = matcher.understand(text, locale).candidates;
  return { target: targetName(top), args: top?.args, confidence: top?.confidence ?? 0 };
}

describe("messages that are not the templates' kind", () => {
  it("runs a request between a greeting and thanks set apart by punctuation", () => {
    const polite = read("Hey there! Could you show me the weather in Porto, please? Thank you so much!");
    expect(polite).toMatchObject({ target: "weather", args: { city: "Porto" } });
    expect(polite.confidence).toBeGreaterThanOrEqual(RUN_THRESHOLD);
    expect(read("Guten Morgen! Wie ist das Wetter in Graz? Danke dir", "de")).toMatchObject({
      target: "weather",
      args: { city: "Graz" },
    });
  });

  it("keeps a message that is only a greeting a greeting", () => {
    expect(read("Good evening!").target).toBe("start");
  });

  it("mends a known city missed by one letter, and leaves unknown places as typed", () => {
    expect(read("weather in Amsterdm").args).toEqual({ city: "Amsterdam" });
    expect(read("Wetter in Stutgart", "de").args).toEqual({ city: "Stuttgart" });
    expect(read("weather in Muenchen").args).toEqual({ city: "Muenchen" });
    expect(read("weather in Tromsø").args).toEqual({ city: "Tromsø" });
  });

  it("reads a German city adjective before the weather as the city", () => {
    expect(read("Kölner Wetter morgen", "de").args).toEqual({ city: "Köln" });
    expect(read("Dresdner Wetter", "de").args).toEqual({ city: "Dresden" });
  });

  it("reads thousands written with k, and informal currency names", () => {
    expect(read("3k yen in euros").args).toEqual({ from: "JPY", to: "EUR", amount: 3000 });
    expect(read("2,5k Euro in Franken", "de").args).toEqual({ from: "EUR", to: "CHF", amount: 2500 });
    expect(read("30 aussie dollars to euros").args).toEqual({ from: "AUD", to: "EUR", amount: 30 });
  });

  it("reads a short command word missed by one letter as the command", () => {
    expect(read("nevs").target).toBe("news");
    expect(read("hwlp").target).toBe("help");
  });

  it("does not take a money transfer for an exchange rate", () => {
    expect(read("send 30 dollars to Max").confidence).toBeLessThan(ASK_THRESHOLD);
    expect(read("überweise 30 Euro an Max", "de").confidence).toBeLessThan(ASK_THRESHOLD);
  });
});
