/**
 * A model's answer shown while it is written: the first text goes out as a
 * message, and that message is edited with what has come since, at most
 * once per `paceMs` (platforms limit edits to about one a second per chat),
 * and a last time with the whole answer. When the stream fails halfway, the
 * message ends with what came and a short note instead of stopping silently.
 *
 * Platform-neutral: the message is any sent message with `edit` (a
 * `ctx.reply` handle), so Telegram's `editMessageText`, Slack's
 * `chat.update` and Discord's edit of the interaction's message do the rest.
 */
import type { RichText } from "../core/reply.ts";
import type { Timer } from "../core/timer.ts";
import { describeError, log } from "../log.ts";
import type { Completion } from "./model.ts";

/** About one edit a second: inside every platform's per-chat edit limit. */
export const STREAM_PACE_MS = 1000;

/** A message shown while the answer comes: sent once, then edited. */
export interface DraftMessage {
  edit(text: RichText): Promise<void>;
}

export interface StreamAnswerOptions {
  /** Runs the model's stream; `onText` hears each piece; resolves with the whole completion. */
  readonly stream: (onText: (piece: string) => void) => Promise<Completion>;
  /** Sends the first text as a new message. */
  readonly send: (text: string) => PromiseLike<DraftMessage>;
  /** Counts out the pace between edits. */
  readonly timer: Timer;
  /** Ends an answer cut off by a failure: "(The answer was cut off.)". */
  readonly cutOffNote: string;
  readonly paceMs?: number;
}

/** How a streamed answer ended: its text as shown, and the completion, or the error that cut it off. */
export type StreamedAnswer =
  | { readonly ok: true; readonly text: string; readonly completion: Completion }
  | { readonly ok: false; readonly text: string; readonly error: unknown };

/** Streams the answer into a message; never throws for the model's failure (the message says it), only for the platform's. */
export async function streamAnswer(options: StreamAnswerOptions): Promise<StreamedAnswer> {
  const { stream, send, timer, cutOffNote, paceMs = STREAM_PACE_MS } = options;
  let text = "";
  let shown = "";
  let draft: DraftMessage | undefined;
  let firstText: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    firstText = resolve;
  });
  const over = new AbortController();
  const ended = new Promise<void>((resolve) => over.signal.addEventListener("abort", () => resolve(), { once: true }));

  const pace = async () => {
    await Promise.race([started, ended]);
    if (over.signal.aborted) return;
    shown = text;
    draft = await send(shown);
    while (!over.signal.aborted) {
      await Promise.race([timer(paceMs, over.signal), ended]);
      if (over.signal.aborted || text === shown) continue;
      shown = text;
      try {
        await draft.edit(shown);
      } catch (error) {
        // The last edit tries again; an edit refused meanwhile is no reason to stop reading the answer.
        log("info", "stream_edit_failed", { error: describeError(error) });
      }
    }
  };
  const pacing = pace();

  let result: StreamedAnswer;
  try {
    const completion = await stream((piece) => {
      text += piece;
      if (text.trim() !== "") firstText();
    });
    result = { ok: true, text: completion.text || text, completion };
  } catch (error) {
    result = { ok: false, text: text.trim() === "" ? cutOffNote : `${text.trimEnd()}\n\n${cutOffNote}`, error };
  }
  over.abort();
  await pacing;
  if (!draft) {
    if (result.text.trim() !== "") await send(result.text);
  } else if (result.text !== shown) {
    await draft.edit(result.text);
  }
  return result;
}
