/**
 * The model clients against recorded answers in the real wire formats:
 * Workers AI through the binding (its own shape and the OpenAI-compatible
 * one), an OpenAI-compatible `/v1/chat/completions` endpoint through
 * intercepted fetch, and both streamed as server-sent events.
 */
import { defineBot, defineIntent } from "parley";
import { describe, expect, it, vi } from "vitest";
import type { ModelRequest } from "../../src/ai/model.ts";
import { openAiClient } from "../../src/ai/openai.ts";
import { readCompletion } from "../../src/ai/wire.ts";
import { workersAiClient } from "../../src/ai/workers-ai.ts";
import { recordingAi } from "../support/ai.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sentTexts, stubTelegramApi } from "../support/telegram.ts";
import { unlimited } from "../support/time.ts";
import {
  chatCompletionAnswer,
  chatCompletionTextStream,
  chatCompletionToolCall,
  chatCompletionToolStream,
  hermesToolCall,
  sse,
  workersAiAnswer,
  workersAiStream,
  workersAiToolCall,
} from "./fixtures.ts";

const TOOL = {
  name: "weather",
  description: "Current weather in a city",
  parameters: {
    type: "object" as const,
    properties: { city: { type: "string" as const, description: "City name" } },
    required: ["city"],
  },
};

function request(signal = new AbortController().signal): ModelRequest {
  return {
    model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
    messages: [
      { role: "system", content: "You are a test." },
      { role: "user", content: "Lisbon weather?" },
    ],
    tools: [TOOL],
    maxTokens: 400,
    signal,
  };
}

describe("reading a completion", () => {
  it("reads Workers AI's own shape: tool calls with object arguments, text, usage", () => {
    expect(readCompletion(workersAiToolCall("weather", { city: "Lisbon" }))).toEqual({
      text: "",
      toolCalls: [{ name: "weather", arguments: { city: "Lisbon" } }],
      tokensIn: 812,
      tokensOut: 21,
    });
    expect(readCompletion(workersAiAnswer("Hi!"))).toEqual({
      text: "Hi!",
      toolCalls: [],
      tokensIn: 640,
      tokensOut: 18,
    });
    expect(readCompletion(hermesToolCall("weather", { city: "Oslo" }))).toEqual({
      text: "",
      toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }],
      tokensIn: 0,
      tokensOut: 0,
    });
  });

  it("reads the OpenAI-compatible shape: arguments as JSON text, kept as text when they are not JSON", () => {
    expect(readCompletion(chatCompletionToolCall("weather", '{"city":"Porto"}'))).toEqual({
      text: "",
      toolCalls: [{ name: "weather", arguments: { city: "Porto" } }],
      tokensIn: 905,
      tokensOut: 33,
    });
    expect(readCompletion(chatCompletionToolCall("weather", "{city: Porto")).toolCalls).toEqual([
      { name: "weather", arguments: "{city: Porto" },
    ]);
    expect(readCompletion(chatCompletionAnswer("Hello."))).toMatchObject({ text: "Hello.", tokensIn: 512 });
  });

  it("refuses what is no completion", () => {
    for (const body of [null, 42, { choices: [] }, { response: 7 }, { tool_calls: [{ arguments: {} }] }]) {
      expect(() => readCompletion(body), JSON.stringify(body)).toThrow(/bad_response/);
    }
  });
});

describe("Workers AI through the binding", () => {
  it("runs the model with the messages, the tools in Workers AI's shape and the abort signal", async () => {
    const ai = recordingAi().answer({ body: workersAiToolCall("weather", { city: "Lisbon" }) });
    const abort = new AbortController();
    const completion = await workersAiClient(ai).complete(request(abort.signal));
    expect(completion.toolCalls).toEqual([{ name: "weather", arguments: { city: "Lisbon" } }]);
    expect(ai.runs).toEqual([
      {
        model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
        inputs: { messages: request().messages, tools: [TOOL], max_tokens: 400 },
        signal: abort.signal,
      },
    ]);
  });

  it("streams: each piece of text as it comes, usage from the last event", async () => {
    const ai = recordingAi().answer({ body: sse(workersAiStream(["Sun", "ny in ", "Lisbon, 24 °C."])) });
    const pieces: string[] = [];
    const completion = await workersAiClient(ai).stream(request(), (piece) => pieces.push(piece));
    expect(ai.runs[0]?.inputs.stream).toBe(true);
    expect(pieces).toEqual(["Sun", "ny in ", "Lisbon, 24 °C."]);
    expect(completion).toEqual({ text: "Sunny in Lisbon, 24 °C.", toolCalls: [], tokensIn: 640, tokensOut: 18 });
  });

  it("streams the OpenAI-compatible chunks some models send, tool calls put together from their pieces", async () => {
    const events = chatCompletionToolStream("weather", ['{"ci', 'ty": "Li', 'sbon"}']);
    const ai = recordingAi().answer({ body: sse(events, 13) });
    const completion = await workersAiClient(ai).stream(request(), () => {});
    expect(completion).toEqual({
      text: "",
      toolCalls: [{ name: "weather", arguments: { city: "Lisbon" } }],
      tokensIn: 700,
      tokensOut: 19,
    });
  });

  it("says what failed without the request's content", async () => {
    const ai = recordingAi().answer({ fail: new Error("AiError: 5007: No such model") }, { body: "not a stream" });
    await expect(workersAiClient(ai).complete(request())).rejects.toThrow("unavailable: Error: AiError: 5007");
    await expect(workersAiClient(ai).stream(request(), () => {})).rejects.toThrow("bad_response: not a stream");
  });
});

const ENDPOINT = "https://llm.test/v1";

describe("an OpenAI-compatible endpoint", () => {
  it("posts the chat completion with the tools as functions and the key as a bearer token", async () => {
    const outbound = interceptFetch().on(`${ENDPOINT}/chat/completions`, () =>
      Response.json(chatCompletionToolCall("weather", '{"city":"Lisbon"}')),
    );
    const client = openAiClient({ baseUrl: `${ENDPOINT}/`, apiKey: "sk-local-123456", fetch });
    const completion = await client.complete(request());
    expect(completion.toolCalls).toEqual([{ name: "weather", arguments: { city: "Lisbon" } }]);
    const [call] = outbound.calls;
    expect(call?.method).toBe("POST");
    expect(call?.url.href).toBe(`${ENDPOINT}/chat/completions`);
    expect(call?.headers.get("authorization")).toBe("Bearer sk-local-123456");
    expect(call?.json).toEqual({
      model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      messages: request().messages,
      tools: [{ type: "function", function: TOOL }],
      tool_choice: "auto",
      max_tokens: 400,
    });
  });

  it("streams with stream: true and usage asked for, reading the server-sent events", async () => {
    const outbound = interceptFetch().on(
      `${ENDPOINT}/chat/completions`,
      () =>
        new Response(sse(chatCompletionTextStream(["Grüß ", "Gott", "!"]), 5), {
          headers: { "content-type": "text/event-stream" },
        }),
    );
    const pieces: string[] = [];
    const completion = await openAiClient({ baseUrl: ENDPOINT, fetch }).stream(request(), (piece) =>
      pieces.push(piece),
    );
    expect(outbound.calls[0]?.json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(outbound.calls[0]?.headers.get("authorization")).toBeNull();
    expect(pieces).toEqual(["Grüß ", "Gott", "!"]);
    expect(completion).toEqual({ text: "Grüß Gott!", toolCalls: [], tokensIn: 512, tokensOut: 24 });
  });

  it("fails with the status alone when the endpoint refuses, and when it cannot be reached", async () => {
    interceptFetch()
      .on(`${ENDPOINT}/chat/completions`, () => new Response('{"error":"bad key sk-local-123456"}', { status: 401 }))
      .on("https://down.test", () => {
        throw new TypeError("connection refused");
      });
    const refused = openAiClient({ baseUrl: ENDPOINT, apiKey: "sk-local-123456", fetch }).complete(request());
    await expect(refused).rejects.toThrow(/^unavailable: HTTP 401$/);
    const down = openAiClient({ baseUrl: "https://down.test/v1", fetch }).complete(request());
    await expect(down).rejects.toThrow("unavailable: the endpoint could not be reached");
  });
});

describe("tier 2 at AI_BASE_URL", () => {
  const hello = defineIntent({
    command: "hello",
    description: "Say hello",
    run(ctx) {
      ctx.reply("Hello!");
    },
  });
  const local = defineBot({ name: "local", intents: [hello] });

  it("asks the endpoint when there is no binding, and answers what it says; the key stays out of the logs", async () => {
    const outbound = stubTelegramApi(interceptFetch()).on(`${ENDPOINT}/chat/completions`, () =>
      Response.json(chatCompletionAnswer("I only say hello. Try /hello.")),
    );
    const info = vi.spyOn(console, "info");
    const settings = {
      LOCAL_AI_ENABLED: "true",
      AI_BASE_URL: ENDPOINT,
      AI_API_KEY: "sk-local-123456",
      AI_MODEL: "llama3.2",
    };
    await labWorker(local, settings, { modelTimer: unlimited }).send("what do you do?", { userId: 7101 });
    expect(sentTexts(outbound)).toEqual(["I only say hello. Try /hello."]);
    const [call] = outbound.to(ENDPOINT);
    expect(call?.json).toMatchObject({
      model: "llama3.2",
      tools: [
        { type: "function", function: { name: "hello" } },
        { type: "function", function: { name: "answer-in-full" } },
      ],
    });
    expect(call?.headers.get("authorization")).toBe("Bearer sk-local-123456");
    const logged = info.mock.calls.map((args) => String(args[0])).join("\n");
    expect(logged).toContain('"tier":2');
    expect(logged).not.toContain("sk-local-123456");
  });
});
