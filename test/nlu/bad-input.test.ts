import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ASK_THRESHOLD, decide, RUN_THRESHOLD, trainMatcher } from "../../src/nlu/index.ts";
import { MAX_CHARS, MAX_TOKENS, tokenize } from "../../src/nlu/text.ts";
import { conciergeUnderstandables } from "./concierge.ts";

const matcher = trainMatcher(conciergeUnderstandables);

describe("messages that are not requests", () => {
  it("answers nothing for empty, blank and emoji-only messages", () => {
    for (const text of ["", "   ", "🙂🙂", "?!…", "\u0000\u200b"]) {
      expect(matcher.understand(text, "en").candidates, JSON.stringify(text)).toEqual([]);
    }
  });

  it("does not take chatter in a mix of languages for a request", () => {
    for (const text of ["hallo how geht's dir today", "bonjour, ça va? alles gut?", "qué tiempo hace en Madrid"]) {
      expect(decide(matcher.understand(text, "en").candidates).kind, text).toBe("none");
    }
  });

  it("reads only the start of a very long message, and never runs one", () => {
    const buried = `${"lorem ipsum dolor sit amet ".repeat(150)}weather in Paris`;
    expect(buried.length).toBeGreaterThan(4000);
    expect(decide(matcher.understand(buried, "en").candidates).kind).toBe("none");
    expect(tokenize(buried).tokens).toHaveLength(MAX_TOKENS);

    // Read only in part, a request is offered ("did you mean …"), not run.
    const long = `remind me in 10 minutes to ${"water the plants and ".repeat(30)}feed the cat`;
    expect(long.length).toBeGreaterThan(MAX_CHARS);
    const [top] = matcher.understand(long, "en").candidates;
    expect(top).toMatchObject({ intent: "remind", subcommand: "in", args: { delay: "10m" } });
    expect(top?.confidence).toBeLessThan(RUN_THRESHOLD);
    expect(top?.confidence).toBeGreaterThanOrEqual(ASK_THRESHOLD);
  });

  it("never throws, and keeps confidences between 0 and 1, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.constantFrom("en", "de", "fr", ""),
        (text, locale) => {
          const understanding = matcher.understand(text, locale);
          expect(["en", "de"]).toContain(understanding.locale);
          for (const candidate of understanding.candidates) {
            expect(candidate.confidence).toBeGreaterThanOrEqual(0);
            expect(candidate.confidence).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("training", () => {
  it("refuses a template that names a slot the intent does not have", () => {
    expect(() => trainMatcher([{ intent: "weather", slots: [], examples: { en: ["weather in {city}"] } }])).toThrow(
      /slot "city"/,
    );
  });

  it("understands any bot's intents, not only the concierge's", () => {
    const echo = trainMatcher([
      { intent: "echo", slots: [{ name: "text", type: "string" }], examples: { en: ["say {text}", "repeat {text}"] } },
      { intent: "ping", slots: [], examples: { en: ["ping", "are you there"] } },
    ]);
    expect(echo.understand("please say hello world", "en").candidates[0]).toMatchObject({
      intent: "echo",
      args: { text: "hello world" },
    });
    expect(echo.understand("are you there?", "en").candidates[0]?.intent).toBe("ping");
  });

  it("reads alternatives in a template, values implied by other slots, and requests it must not serve", () => {
    const shop = trainMatcher([
      {
        intent: "order",
        slots: [
          { name: "item", type: "string" },
          { name: "size", type: "string", impliedBy: { item: "regular" } },
        ],
        examples: { en: ["(order|buy|get) me {item}", "i would like {item}"] },
      },
      { intent: "refund", slots: [], examples: { en: ["refund my order", "i want my money back"] } },
      {
        intent: "recipe",
        slots: [{ name: "dish", type: "string" }],
        examples: { en: ["how do i cook {dish}"] },
        outOfScope: true,
      },
    ]);
    for (const verb of ["order", "buy", "get"]) {
      const [top] = shop.understand(`please ${verb} me a coffee`, "en").candidates;
      expect(top, verb).toMatchObject({ intent: "order", args: { item: "a coffee", size: "regular" } });
      expect(top?.confidence, verb).toBeGreaterThanOrEqual(RUN_THRESHOLD);
    }
    const recipe = shop.understand("how do i cook a coffee", "en").candidates;
    expect(recipe.map((candidate) => candidate.intent)).not.toContain("recipe");
    expect(decide(recipe).kind).toBe("none");
  });
});
