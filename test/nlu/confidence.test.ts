import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/nlu/confidence.ts";
import { ASK_THRESHOLD, decide, RUN_THRESHOLD, trainMatcher } from "../../src/nlu/index.ts";
import type { Candidate } from "../../src/nlu/types.ts";
import { conciergeUnderstandables } from "./concierge.ts";

const matcher = trainMatcher(conciergeUnderstandables);
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
    const close = calibrate([candidate("todo", 0.95), candidate("news", 0.93)], { truncated: false, outOfScope: 0 });
    expect(decide(close).kind).toBe("ask");
    const clear = calibrate([candidate("todo", 0.95), candidate("news", 0.6)], { truncated: false, outOfScope: 0 });
    expect(decide(clear)).toMatchObject({ kind: "run", candidate: { intent: "todo" } });
  });

  it("never runs a message that was read only in part", () => {
    expect(decide(calibrate([candidate("todo", 1)], { truncated: true, outOfScope: 0 })).kind).toBe("ask");
  });

  it("runs a reading far ahead of every other, and still asks when another is close", () => {
    const clear = { truncated: false, outOfScope: 0 };
    expect(decide(calibrate([candidate("weather", 0.62), candidate("news", 0.2)], clear)).kind).toBe("run");
    expect(decide(calibrate([candidate("weather", 0.62), candidate("news", 0.5)], clear)).kind).toBe("ask");
    expect(decide(calibrate([candidate("weather", 0.62)], { truncated: false, outOfScope: 0.55 })).kind).toBe("ask");
  });

  it("takes the lead of a request the bot does not serve off the candidates", () => {
    expect(decide(calibrate([candidate("weather", 0.55)], { truncated: false, outOfScope: 0.9 })).kind).toBe("none");
    expect(decide(calibrate([candidate("weather", 0.9)], { truncated: false, outOfScope: 0.88 })).kind).toBe("ask");
    expect(decide(calibrate([candidate("weather", 0.9)], { truncated: false, outOfScope: 0.3 })).kind).toBe("run");
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

  it("does not take a look-alike of a served request for it", () => {
    for (const [text, locale] of [
      ["what's the time over in Lisbon right now", "en"],
      ["reserve a table for four at 7pm", "en"],
      ["play the news podcast", "en"],
      ["how are you doing", "en"],
      ["wie viel Uhr ist es gerade in Lissabon", "de"],
      ["spiel den Nachrichten Podcast", "de"],
    ] as const) {
      expect(decision(text, locale).kind, text).toBe("none");
    }
    expect(decision("remind me at 7pm to reserve a table")).toMatchObject({
      kind: "run",
      candidate: { intent: "remind", subcommand: "at" },
    });
    expect(decision("what's the weather in Lisbon right now")).toMatchObject({
      kind: "run",
      candidate: { intent: "weather" },
    });
  });

  it("runs a to-do that names something the bot does not do itself", () => {
    expect(decision("todo: play tennis with Ben")).toMatchObject({
      kind: "run",
      candidate: { intent: "todo", subcommand: "add", args: { text: "play tennis with Ben" } },
    });
  });

  it("runs a request surrounded by chatter when nothing else reads it", () => {
    expect(decision("quick question, is it raining in Leeds")).toMatchObject({
      kind: "run",
      candidate: { intent: "weather", args: { city: "Leeds" } },
    });
  });

  it("lists candidates best first, each with a confidence between 0 and 1", () => {
    const { candidates } = matcher.understand("weather news");
    expect(candidates.length).toBeGreaterThan(1);
    const confidences = candidates.map((c) => c.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    for (const confidence of confidences) expect(confidence).toBeGreaterThanOrEqual(0);
  });
});
