/**
 * A streamed answer as the user sees it: one message with the first text,
 * edited with what came since at most once per pace (time from a manual
 * timer, so nothing depends on the machine), and a last time with the whole
 * answer; a stream that fails halfway ends the message with a note.
 */
import { describe, expect, it } from "vitest";
import { type Completion, ModelError } from "../../src/ai/model.ts";
import { STREAM_PACE_MS, streamAnswer } from "../../src/ai/streaming.ts";
import { manualTimer } from "../support/time.ts";

const NOTE = "(The answer was cut off.)";

/** A model stream the test writes piece by piece, then ends or breaks. */
function scripted() {
  let hear: (piece: string) => void = () => {};
  let finish: (completion: Completion) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<Completion>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    stream: (onText: (piece: string) => void) => {
      hear = onText;
      return done;
    },
    say: (piece: string) => hear(piece),
    end: (text: string) => finish({ text, toolCalls: [], tokensIn: 12, tokensOut: 7 }),
    fail: (error: unknown) => fail(error),
  };
}

/** The messages sent and the edits made, in order. */
function chat() {
  const sent: string[] = [];
  const edits: string[] = [];
  return {
    sent,
    edits,
    send: async (text: string) => {
      sent.push(text);
      return {
        edit: async (next: unknown) => {
          edits.push(String(next));
        },
      };
    },
  };
}

describe("a streamed answer", () => {
  it("sends the first text, edits at most once per pace with all that came, and ends with the whole answer", async () => {
    const clock = manualTimer();
    const model = scripted();
    const target = chat();
    const answer = streamAnswer({ stream: model.stream, send: target.send, timer: clock.timer, cutOffNote: NOTE });
    model.say("Lisbon is ");
    await clock.asked(1);
    expect(target.sent).toEqual(["Lisbon is "]);
    model.say("sunny, ");
    model.say("22 °C");
    expect(target.edits).toEqual([]);
    clock.advance(STREAM_PACE_MS - 1);
    expect(target.edits).toEqual([]);
    clock.advance(1);
    await clock.asked(2);
    expect(target.edits).toEqual(["Lisbon is sunny, 22 °C"]);
    model.say(" with a light breeze.");
    model.end("Lisbon is sunny, 22 °C with a light breeze.");
    await expect(answer).resolves.toMatchObject({ ok: true, completion: { tokensIn: 12, tokensOut: 7 } });
    expect(target.edits).toEqual(["Lisbon is sunny, 22 °C", "Lisbon is sunny, 22 °C with a light breeze."]);
    expect(target.sent).toHaveLength(1);
    expect(clock.lengths.every((ms) => ms === STREAM_PACE_MS)).toBe(true);
  });

  it("makes no edit for a pace in which nothing came", async () => {
    const clock = manualTimer();
    const model = scripted();
    const target = chat();
    const answer = streamAnswer({ stream: model.stream, send: target.send, timer: clock.timer, cutOffNote: NOTE });
    model.say("Thinking");
    await clock.asked(1);
    clock.advance(STREAM_PACE_MS);
    await clock.asked(2);
    clock.advance(STREAM_PACE_MS);
    await clock.asked(3);
    expect(target.edits).toEqual([]);
    model.end("Thinking done");
    await answer;
    expect(target.edits).toEqual(["Thinking done"]);
  });

  it("ends with what came and a note when the stream fails halfway", async () => {
    const clock = manualTimer();
    const model = scripted();
    const target = chat();
    const answer = streamAnswer({ stream: model.stream, send: target.send, timer: clock.timer, cutOffNote: NOTE });
    model.say("The three largest cities are Tokyo, ");
    await clock.asked(1);
    model.fail(new ModelError("unavailable", "the connection dropped"));
    await expect(answer).resolves.toMatchObject({ ok: false });
    expect(target.edits).toEqual([`The three largest cities are Tokyo,\n\n${NOTE}`]);
  });

  it("sends only the note when the stream fails before any text", async () => {
    const clock = manualTimer();
    const model = scripted();
    const target = chat();
    const answer = streamAnswer({ stream: model.stream, send: target.send, timer: clock.timer, cutOffNote: NOTE });
    model.fail(new ModelError("bad_response", "an event that is not JSON"));
    await answer;
    expect(target.sent).toEqual([NOTE]);
    expect(target.edits).toEqual([]);
  });
});
