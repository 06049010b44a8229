/**
 * The model behind an OpenAI-compatible endpoint (`AI_BASE_URL`, e.g. a
 * local llama.cpp server or Ollama at `http://127.0.0.1:11434/v1`):
 * `POST {base}/chat/completions` with `{ model, messages, tools,
 * max_tokens }`, tools as `{ type: "function", function: { … } }`, and the
 * key, when there is one, as a bearer token. Streamed with `stream: true`,
 * it answers with server-sent events, usage in the last one.
 */
import { type ModelClient, ModelError, type ModelRequest } from "./model.ts";
import { readCompletion, readStream } from "./wire.ts";

export interface OpenAiEndpoint {
  /** Up to and including `/v1`. */
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly fetch: typeof fetch;
}

function body(request: ModelRequest, stream: boolean): string {
  const tools = request.tools.map((tool) => ({ type: "function", function: tool }));
  return JSON.stringify({
    model: request.model,
    messages: request.messages,
    ...(tools.length > 0 ? { tools, tool_choice: "auto" } : {}),
    max_tokens: request.maxTokens,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

export function openAiClient(endpoint: OpenAiEndpoint): ModelClient {
  const url = `${endpoint.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  async function post(request: ModelRequest, stream: boolean): Promise<Response> {
    let response: Response;
    try {
      response = await endpoint.fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: stream ? "text/event-stream" : "application/json",
          ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
        },
        body: body(request, stream),
        signal: request.signal,
      });
    } catch {
      throw new ModelError("unavailable", "the endpoint could not be reached");
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ModelError("unavailable", `HTTP ${response.status}`);
    }
    return response;
  }
  return {
    async complete(request) {
      const response = await post(request, false);
      let answer: unknown;
      try {
        answer = await response.json();
      } catch {
        throw new ModelError("bad_response", "not JSON");
      }
      return readCompletion(answer);
    },
    async stream(request, onText) {
      const response = await post(request, true);
      if (!response.body) throw new ModelError("bad_response", "no body");
      return readStream(response.body, onText);
    },
  };
}
