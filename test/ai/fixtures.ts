/**
 * Model answers in their real wire formats, written from the documented
 * shapes (no model can be reached from the test machine): what Workers AI's
 * `env.AI.run(model, { messages, tools })` returns for function-calling
 * models, in its own shape and in the OpenAI-compatible one some models
 * use, what an OpenAI-compatible `/v1/chat/completions` answers, and the
 * server-sent events of both when streamed. Tool names and arguments are
 * filled in per test.
 */

/** Workers AI's own shape (e.g. @cf/meta/llama-3.3-70b-instruct-fp8-fast): a tool call, arguments as an object. */
export function workersAiToolCall(name: string, args: unknown, usage = { prompt: 812, completion: 21 }) {
  return {
    response: "",
    tool_calls: [{ name, arguments: args }],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

/** Workers AI's own shape without usage (e.g. @hf/nousresearch/hermes-2-pro-mistral-7b). */
export function hermesToolCall(name: string, args: unknown) {
  return { tool_calls: [{ name, arguments: args }] };
}

/** Workers AI's own shape: a plain answer. */
export function workersAiAnswer(text: string, usage = { prompt: 640, completion: 18 }) {
  return {
    response: text,
    tool_calls: [],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

/**
 * The OpenAI-compatible chat completion, as newer Workers AI models return
 * it and as `/v1/chat/completions` answers: arguments as JSON text.
 */
export function chatCompletionToolCall(name: string, argumentsJson: string, usage = { prompt: 905, completion: 33 }) {
  return {
    id: "chatcmpl-3f6c0e1b8a2d4e5f9a7b",
    object: "chat.completion",
    created: 1_796_000_000,
    model: "@cf/meta/llama-4-scout-17b-16e-instruct",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "chatcmpl-tool-5b2e9c", type: "function", function: { name, arguments: argumentsJson } }],
        },
        logprobs: null,
        finish_reason: "tool_calls",
        stop_reason: 128008,
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
    prompt_logprobs: null,
  };
}

/** The OpenAI-compatible chat completion: a plain answer (a llama.cpp server's, with its fingerprint). */
export function chatCompletionAnswer(text: string, usage = { prompt: 512, completion: 24 }) {
  return {
    id: "chatcmpl-kQ2n8vXr0TgH3pLw",
    object: "chat.completion",
    created: 1_796_000_100,
    model: "llama-3.2-3b-instruct-q4_k_m.gguf",
    system_fingerprint: "b4514-a4417ddd",
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

/** Server-sent events as a body, split into `pieces` byte chunks at awkward places (mid-line, mid-character). */
export function sse(events: readonly string[], pieces = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(events.map((data) => `data: ${data}\n\n`).join(""));
  const size = Math.max(1, Math.ceil(bytes.length / pieces));
  return new ReadableStream({
    start(controller) {
      for (let start = 0; start < bytes.length; start += size) controller.enqueue(bytes.slice(start, start + size));
      controller.close();
    },
  });
}

/** Workers AI streamed (`stream: true`): pieces of `response`, usage in the last event, then `[DONE]`. */
export function workersAiStream(pieces: readonly string[], usage = { prompt: 640, completion: 18 }): string[] {
  return [
    ...pieces.map((piece, index) => JSON.stringify({ response: piece, p: "abcdefghijklmnop".slice(0, index + 2) })),
    JSON.stringify({
      response: "",
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
      },
    }),
    "[DONE]",
  ];
}

const CHUNK = { id: "chatcmpl-9wQe", object: "chat.completion.chunk", created: 1_796_000_200, model: "llama3.2" };

/** An OpenAI-compatible stream of text: a role first, content pieces, the finish, usage alone, `[DONE]`. */
export function chatCompletionTextStream(pieces: readonly string[], usage = { prompt: 512, completion: 24 }): string[] {
  return [
    JSON.stringify({
      ...CHUNK,
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
    }),
    ...pieces.map((content) =>
      JSON.stringify({ ...CHUNK, choices: [{ index: 0, delta: { content }, finish_reason: null }] }),
    ),
    JSON.stringify({ ...CHUNK, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
    JSON.stringify({
      ...CHUNK,
      choices: [],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
      },
    }),
    "[DONE]",
  ];
}

/** An OpenAI-compatible stream of a tool call: its name first, its JSON arguments in pieces. */
export function chatCompletionToolStream(name: string, argumentPieces: readonly string[]): string[] {
  return [
    JSON.stringify({
      ...CHUNK,
      choices: [
        {
          index: 0,
          delta: {
            role: "assistant",
            content: null,
            tool_calls: [{ index: 0, id: "call_x1", type: "function", function: { name, arguments: "" } }],
          },
          finish_reason: null,
        },
      ],
    }),
    ...argumentPieces.map((piece) =>
      JSON.stringify({
        ...CHUNK,
        choices: [
          { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] }, finish_reason: null },
        ],
      }),
    ),
    JSON.stringify({ ...CHUNK, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] }),
    JSON.stringify({
      ...CHUNK,
      choices: [],
      usage: { prompt_tokens: 700, completion_tokens: 19, total_tokens: 719 },
    }),
    "[DONE]",
  ];
}
