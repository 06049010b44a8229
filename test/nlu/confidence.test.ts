import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/nlu/confidence.ts";
import { conciergeExamples } from "../../src/nlu/fixtures/concierge-examples.ts";
import { ASK_THRESHOLD, decide, RUN_THRESHOLD, trainMatcher } from "../../src/nlu/index.ts";
import type { Candidate } from "../../src/nlu/types.ts";

const matcher = trainMatcher(conciergeExamples);
const decision = (text: string, locale = "en") => decide(matcher.understand(text, locale).candidates);

function candidate(intent: string, confidence: number): Candidate {
  return { intent, args: {}, missing: [], confidence };
}

describe("decide", () => {
  it("runs at or above the run threshold, asks between the thresholds, and gives up below", () => {
    expect(decide([candidate("weather", RUN_THRESHOLD)])).toEqual({
      kind: "run",
      candidate: candidate("weather", RUN_THRESHOLD),
    });
    expect(decide([candidate("weather", 0.6), candidate("news", 0.5), candidate("rate", 0.3)])).toEqual({
      kind: "ask",
      candidates: [candidate("weather", 0.6), candidate("news", 0.5)],
    });
    expect(decide([candidate("weather", ASK_THRESHOLD - 0.01)])).toEqual({ kind: "none" });
    expect(decide([])).toEqual({ kind: "none" });
  });
});

describe("calibrate", () => {
  it("offers rather than runs when the runner-up reads almost as well", () => {
    const close = calibrate([candidate("todo", 0.95), candidate("news", 0.93)], false);
    expect(decide(close).kind).toBe("ask");
    const clear = calibrate([candidate("todo", 0.95), candidate("news", 0.6)], false);
    expect(decide(clear)).toEqual({ kind: "run", candidate: candidate("todo", 0.95) });
  });

  it("never runs a message that was read only in part", () => {
    expect(decide(calibrate([candidate("todo", 1)], true)).kind).toBe("ask");
  });
});

describe("confidence bands", () => {
  it("runs a clear request", () => {
    expect(decision("what's the weather in Berlin").kind).toBe("run");
    expect(decision("erinnere mich um 17 Uhr an das Meeting", "de").kind).toBe("run");
  });

  it("asks when two readings are nearly as good: reminders need a time or a delay", () => {
    const asked = decision("remind me");
    expect(asked.kind).toBe("ask");
    const names = asked.kind === "ask" ? asked.candidates.map((c) => `${c.intent} ${c.subcommand}`) : [];
    expect(names).toEqual(expect.arrayContaining(["remind in", "remind at"]));
  });

  it("does not understand what the bot cannot do", () => {
    for (const text of ["what's the meaning of life", "tell me a joke", "book a flight to Paris", "asdfgh"]) {
      expect(decision(text).kind, text).toBe("none");
    }
    expect(decision("erzähl mir einen Witz", "de").kind).toBe("none");
  });

  it("lists candidates best first, each with a confidence between 0 and 1", () => {
    const { candidates } = matcher.understand("weather news");
    expect(candidates.length).toBeGreaterThan(1);
    const confidences = candidates.map((c) => c.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    for (const confidence of confidences) expect(confidence).toBeGreaterThanOrEqual(0);
  });
});
