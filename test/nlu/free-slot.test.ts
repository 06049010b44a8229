import { describe, expect, it } from "vitest";
import { decide, RUN_THRESHOLD, trainMatcher } from "../../src/nlu/index.ts";
import { conciergeUnderstandables } from "./concierge.ts";
import { targetName } from "./evaluate.ts";

const matcher = trainMatcher(conciergeUnderstandables);

function read(text: string, locale = "en", by = matcher) {
  const [top] = by.understand(text, locale).candidates;
  return { target: targetName(top), args: top?.args, missing: top?.missing, confidence: top?.confidence ?? 0 };
}

describe("a to-do or a reminder's text", () => {
  it("is what the user quoted", () => {
    expect(read("please add the item 'buy a new kettle' to my list").args).toEqual({ text: "buy a new kettle" });
    expect(read("kannst du bitte „Winterreifen montieren“ auf meine Liste setzen", "de").args).toEqual({
      text: "Winterreifen montieren",
    });
  });

  it("starts after a colon that follows only cue words", () => {
    expect(read("jot down for my list: oil the bike chain").args).toEqual({ text: "oil the bike chain" });
    expect(read("reminder, 20 minutes from now: take the bread out")).toMatchObject({
      target: "remind in",
      args: { delay: "20m", text: "take the bread out" },
    });
  });

  it("leaves out a polite opening and the list it goes on", () => {
    expect(read("kannst du Geschenkpapier kaufen auf die Liste setzen", "de").args).toEqual({
      text: "Geschenkpapier kaufen",
    });
    expect(read("füge Batterien kaufen zur Liste hinzu", "de").args).toEqual({ text: "Batterien kaufen" });
  });

  it("is missing when the user only said 'something', so the bot can ask for it", () => {
    expect(read("put something on my list")).toMatchObject({ target: "todo add", args: {}, missing: ["text"] });
    expect(read("schreib etwas auf die Liste", "de")).toMatchObject({ target: "todo add", missing: ["text"] });
  });

  it("is never only function words, nor a question: asking about the list adds nothing to it", () => {
    for (const [text, locale] of [
      ["so what is on my to do list then", "en"],
      ["anything on my to do list?", "en"],
      ["was ist auf meiner Liste", "de"],
    ] as const) {
      const reading = read(text, locale);
      expect(reading.target, text).toBe("todo list");
      expect(reading.confidence, text).toBeGreaterThanOrEqual(RUN_THRESHOLD);
    }
    expect(read("how many things are on my to do list").target).toBe("todo list");
  });

  it("loses the credit for a value cut off its edge, so the reading that places it wins", () => {
    const reading = read("make a reminder for 45 minutes from now: call the garage");
    expect(reading).toMatchObject({ target: "remind in", args: { delay: "45m", text: "call the garage" } });
    expect(reading.confidence).toBeGreaterThanOrEqual(RUN_THRESHOLD);
  });
});

describe("a city", () => {
  it("ends before a verb the sentence ends with, and keeps small words inside a name", () => {
    expect(read("kannst du mir die temperatur in bad ems sagen", "de").args).toEqual({ city: "bad ems" });
    expect(read("wie warm ist es in Königstein im Taunus", "de").args).toEqual({ city: "Königstein im Taunus" });
  });

  it("written with a capital, does not run on into lower-case words", () => {
    expect(read("weather in Cape Town looking good?").args).toEqual({ city: "Cape Town" });
  });

  it("is no word of the bot's own phrasings, unless the user wrote it as a name", () => {
    const candidates = matcher.understand("subscribe to the forecast", "en").candidates;
    expect(candidates.filter((candidate) => candidate.args.city !== undefined)).toEqual([]);
    expect(read("weather in Nice this weekend").args).toEqual({ city: "Nice" });
  });

  it("keeps a short word a typo could make into a word of the bot's", () => {
    expect(read("Wetter in Graz morgen", "de").args).toEqual({ city: "Graz" });
  });

  it("from a writer who capitalises, is the capitalised words rather than the lower-case ones", () => {
    expect(read("would you look up the weather in Porto for me")).toMatchObject({
      target: "weather",
      args: { city: "Porto" },
    });
  });

  it("may hold a word the bot knows beside one it does not", () => {
    expect(read("send me the weather for new york at 7 on weekdays", "en").args).toEqual({
      digest: "weather",
      city: "new york",
      time: "07:00",
      rhythm: "weekdays",
    });
  });

  it("may be leftover words, a known one only beside an unknown one", () => {
    expect(read("subscribe weather Bergen 07:30 weekends", "en").args).toMatchObject({ city: "Bergen" });
    expect(read("daily weather in new york at 7 new york time", "en").args).toMatchObject({
      city: "new york",
    });
    expect(decide(matcher.understand("sing me a song", "en").candidates).kind).toBe("none");
  });
});
