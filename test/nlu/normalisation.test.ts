import { describe, expect, it } from "vitest";
import { RUN_THRESHOLD, trainMatcher } from "../../src/nlu/index.ts";
import { tokenize } from "../../src/nlu/text.ts";
import { conciergeUnderstandables } from "./concierge.ts";
import { targetName } from "./evaluate.ts";

const matcher = trainMatcher(conciergeUnderstandables);

function read(text: string, locale = "en") {
  const [top] = matcher.understand(text, locale).candidates;
  return { target: targetName(top), args: top?.args, confidence: top?.confidence ?? 0 };
}

describe("chat spellings", () => {
  it("greets back whatever greeting the user types", () => {
    const greetings: [string, string][] = [
      ["hiya", "en"],
      ["yo", "en"],
      ["heya bot", "en"],
      ["servus", "de"],
      ["grüezi", "de"],
      ["huhu", "de"],
    ];
    for (const [text, locale] of greetings) {
      const reading = read(text, locale);
      expect(reading.target, text).toBe("start");
      expect(reading.confidence, text).toBeGreaterThanOrEqual(RUN_THRESHOLD);
    }
  });

  it("reads short forms as the words they stand for, keeping their place in the message", () => {
    expect(tokenize("how hot is it in Lisbon rn").tokens.map((token) => token.norm)).toEqual([
      ..."how hot is it in lisbon right now".split(" "),
    ]);
    expect(read("how hot is it in Lisbon rn")).toMatchObject({ target: "weather", args: { city: "Lisbon" } });
    expect(read("what can u help me with")).toMatchObject({ target: "help" });
    expect(read("füg Eier zur Liste hinzu", "de")).toMatchObject({ target: "todo add", args: { text: "Eier" } });
    expect(read("brauch ich nen Regenschirm in Kassel", "de")).toMatchObject({
      target: "weather",
      args: { city: "Kassel" },
    });
  });

  it("takes another form of a word the bot knows for that word, not for a typo of a third", () => {
    expect(read("mind showing me my to do list")).toMatchObject({ target: "todo list" });
  });

  it("takes a typo of a greeting for the greeting, not for a command one letter away", () => {
    expect(read("helo")).toMatchObject({ target: "start" });
    expect(read("hallo bot", "de")).toMatchObject({ target: "start" });
  });
});

describe("German compounds", () => {
  it("reads a compound of two known words as both", () => {
    expect(read("Dollarkurs in Yen", "de")).toMatchObject({ target: "rate", args: { from: "USD", to: "JPY" } });
    expect(read("stopp das Newsabo", "de")).toMatchObject({ target: "unsubscribe", args: { digest: "news" } });
  });

  it("keeps a compound's parts as typed in what is cut out of the message", () => {
    expect(read("füge Wetterjacke waschen zur Einkaufsliste hinzu", "de").args).toEqual({
      text: "Wetterjacke waschen",
    });
  });
});

describe("words naming the same digest", () => {
  it("match each other in templates and messages", () => {
    const reading = read("gib mir die Headlines", "de");
    expect(reading.target).toBe("news");
    expect(reading.confidence).toBeGreaterThanOrEqual(RUN_THRESHOLD);
  });
});
