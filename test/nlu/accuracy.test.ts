/**
 * The accuracy floor: on every labelled split, in both languages, intents
 * are read right at least 95% of the time and all arguments at least 90%.
 * `npm run nlu:eval -- --failures` shows what a drop is made of.
 */
import { describe, expect, it } from "vitest";
import { trainMatcher } from "../../src/nlu/index.ts";
import { conciergeUnderstandables } from "./concierge.ts";
import { score } from "./evaluate.ts";
import { SPLITS } from "./fixtures/index.ts";

const matcher = trainMatcher(conciergeUnderstandables);

describe("accuracy on the labelled messages", () => {
  for (const split of SPLITS) {
    it(`${split.name} ${split.locale}: intents ≥ 95%, arguments ≥ 90%, no wrong reading confident enough to run`, () => {
      const result = score(matcher, split.messages, conciergeUnderstandables);
      expect(result.intentAccuracy).toBeGreaterThanOrEqual(0.95);
      expect(result.slotAccuracy).toBeGreaterThanOrEqual(0.9);
      expect(result.wrongRuns).toBe(0);
    });
  }

  it("has at least 150 labelled messages per language, about 15% out of scope", () => {
    for (const locale of ["en", "de"]) {
      const messages = SPLITS.filter((split) => split.locale === locale).flatMap((split) => split.messages);
      const outOfScope = messages.filter((message) => message.expected === null).length;
      expect(messages.length).toBeGreaterThanOrEqual(150);
      expect(outOfScope / messages.length).toBeGreaterThan(0.12);
    }
  });
});
