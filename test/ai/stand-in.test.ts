/**
 * The local stack's scripted model (scripts/local/services/ai.ts) speaks
 * the wire format the production client reads: the client's own requests,
 * answered by the stand-in, whole and streamed.
 */
import { describe, expect, it } from "vitest";
import { concierge } from "../../bots/concierge/index.ts";
import { chatCompletions } from "../../scripts/local/services/ai.ts";
import type { ModelRequest } from "../../src/ai/model.ts";
import { openAiClient } from "../../src/ai/openai.ts";
import { LONG_ANSWER_TOOL } from "../../src/ai/tier.ts";
import { toolsOf } from "../../src/ai/tools.ts";

const BASE = "http://stand-ins.test/ai/v1";

/** The client, its requests answered by the stand-in as the local stack's server would. */
const client = openAiClient({
  baseUrl: BASE,
  async fetch(input, init) {
    const request = new Request(input, init);
    const answer = chatCompletions(
      new URL(request.url).pathname.slice("/ai".length),
      await request.text(),
      1_796_000_000_000,
    );
    const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    return new Response(body, {
      status: answer.status,
      headers: { "content-type": answer.contentType ?? "application/json" },
    });
  },
});

function asking(text: string, tools = toolsOf(concierge)): ModelRequest {
  return {
    model: "local",
    messages: [
      { role: "system", content: "You are Concierge." },
      { role: "user", content: text },
    ],
    tools,
    maxTokens: 400,
    signal: new AbortController().signal,
  };
}

describe("the scripted model of the local stack", () => {
  it("answers a phrasing it knows with a tool call of the concierge's, whole and streamed", async () => {
    const whole = await client.complete(asking("What should I wear in Oslo today?"));
    expect(whole.toolCalls).toEqual([{ name: "weather", arguments: { city: "Oslo" } }]);
    const streamed = await client.stream(asking("how many dollars is one euro?"), () => {});
    expect(streamed.toolCalls).toEqual([{ name: "rate", arguments: { from: "EUR", to: "USD" } }]);
    expect(streamed.tokensIn).toBeGreaterThan(0);
  });

  it("answers others with text, and says what it is when it knows nothing better", async () => {
    const pieces: string[] = [];
    const joke = await client.stream(asking("tell me a joke"), (piece) => pieces.push(piece));
    expect(joke.text).toBe("Why did the webhook go to therapy? It had too many unresolved callbacks.");
    expect(pieces.length).toBeGreaterThan(1);
    const unknown = await client.complete(asking("what should I wear in Oslo?", []));
    expect(unknown.toolCalls).toEqual([]);
    expect(unknown.text).toMatch(/^This is the local stand-in for a language model/);
  });

  it("hands a question to explain to the long answer, which it then streams in pieces", async () => {
    const routed = await client.complete(
      asking("explain how webhooks work", [...toolsOf(concierge), LONG_ANSWER_TOOL]),
    );
    expect(routed.toolCalls).toEqual([{ name: LONG_ANSWER_TOOL.name, arguments: {} }]);
    const pieces: string[] = [];
    const written = await client.stream(asking("explain how webhooks work", []), (piece) => pieces.push(piece));
    expect(written.text).toMatch(/^This answer comes from the local stand-in/);
    expect(pieces.length).toBeGreaterThan(10);
  });
});
