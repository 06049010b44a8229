/**
 * A recording stand-in for the `AI` binding (Workers AI): every `run` is
 * kept with its model, inputs and options, and answered with the next
 * recorded answer (test/ai/fixtures.ts), or left hanging until aborted,
 * or failed, as the test lines them up.
 */
import type { WorkersAi } from "../../src/ai/workers-ai.ts";

export interface ModelRun {
  readonly model: string;
  readonly inputs: {
    readonly messages: readonly { role: string; content: string }[];
    readonly tools?: readonly { name: string; description: string; parameters: unknown }[];
    readonly max_tokens?: number;
    readonly stream?: boolean;
  };
  readonly signal?: AbortSignal;
}

/** What one run answers: a recorded body, a failure, or nothing until the call is aborted. */
export type ModelAnswer = { readonly body: unknown } | { readonly fail: Error } | "hang";

export interface RecordingAi extends WorkersAi {
  readonly runs: ModelRun[];
  /** Lines up answers for the next runs, in order. */
  answer(...answers: ModelAnswer[]): RecordingAi;
}

export function recordingAi(): RecordingAi {
  const queue: ModelAnswer[] = [];
  const runs: ModelRun[] = [];
  const ai: RecordingAi = {
    runs,
    answer(...answers) {
      queue.push(...answers);
      return ai;
    },
    async run(model, inputs, options) {
      runs.push({
        model,
        inputs: inputs as ModelRun["inputs"],
        ...(options?.signal ? { signal: options.signal } : {}),
      });
      const next = queue.shift();
      if (next === undefined) throw new Error("The recording has no answer for this run");
      if (next === "hang") {
        return new Promise((_, reject) => {
          options?.signal?.addEventListener("abort", () => reject(options.signal?.reason), { once: true });
        });
      }
      if ("fail" in next) throw next.fail;
      return next.body;
    },
  };
  return ai;
}

/** The text of the last user message the model was sent in `run`. */
export function userText(run: ModelRun | undefined): string | undefined {
  return run?.inputs.messages.findLast((message) => message.role === "user")?.content;
}
