/**
 * The model through the `AI` binding (Workers AI): `env.AI.run(model,
 * { messages, tools, max_tokens })`, tools in Workers AI's function-calling
 * shape (`{ name, description, parameters }`). Streamed with `stream: true`,
 * it answers with server-sent events.
 */
import { describeError } from "../log.ts";
import { type ModelClient, ModelError, type ModelRequest } from "./model.ts";
import { readCompletion, readStream } from "./wire.ts";

/** The part of the `AI` binding tier 2 uses. */
export interface WorkersAi {
  run(model: string, inputs: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<unknown>;
}

/** Whether a binding is there to call (the `AI` binding when configured). */
export function isWorkersAi(value: unknown): value is WorkersAi {
  return typeof value === "object" && value !== null && typeof (value as { run?: unknown }).run === "function";
}

function inputs(request: ModelRequest): Record<string, unknown> {
  return {
    messages: request.messages,
    ...(request.tools.length > 0 ? { tools: request.tools } : {}),
    max_tokens: request.maxTokens,
  };
}

/** Error messages of the binding name the model and the failure; they are cut short all the same. */
function detail(error: unknown): string {
  return describeError(error).slice(0, 200);
}

export function workersAiClient(ai: WorkersAi): ModelClient {
  async function run(request: ModelRequest, stream: boolean): Promise<unknown> {
    try {
      return await ai.run(
        request.model,
        { ...inputs(request), ...(stream ? { stream: true } : {}) },
        {
          signal: request.signal,
        },
      );
    } catch (error) {
      throw new ModelError("unavailable", detail(error));
    }
  }
  return {
    async complete(request) {
      return readCompletion(await run(request, false));
    },
    async stream(request, onText) {
      const body = await run(request, true);
      if (!(body instanceof ReadableStream)) throw new ModelError("bad_response", "not a stream");
      return readStream(body, onText);
    },
  };
}
