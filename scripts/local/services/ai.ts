/**
 * A scripted stand-in for an OpenAI-compatible model server
 * (`POST /v1/chat/completions`), so that the local stack can show tier 2
 * without a model or an account. It is no model: it recognises a few
 * phrasings of the last user message and answers them with a tool call of
 * the concierge's (when the request offers that tool), a couple of others
 * with canned text, and everything else with a note saying what it is.
 * Asked to explain something, it calls the tool for a long answer when
 * offered it, and writes a few canned paragraphs when asked without tools
 * (the queue's answer job).
 * Answers come whole, or as server-sent events with `stream: true`, in the
 * shapes a real server uses; token counts are rough (four characters a token).
 */
import { z } from "zod";
import type { ApiAnswer } from "../platform.ts";

const Request = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string().nullable() })),
  tools: z.array(z.object({ function: z.object({ name: z.string() }) })).optional(),
  stream: z.boolean().optional(),
});
type Request = z.infer<typeof Request>;

type Reading = { readonly tool: string; readonly args: Readonly<Record<string, string | number>> } | string;

const CURRENCIES: Readonly<Record<string, string>> = {
  euro: "EUR",
  dollar: "USD",
  pound: "GBP",
  yen: "JPY",
  franc: "CHF",
  krone: "NOK",
};

const currency = (word: string | undefined) => CURRENCIES[(word ?? "").toLowerCase().replace(/s$/, "")];

/** What the stand-in makes of a message: a tool and its arguments, or text. */
const SCRIPT: readonly [RegExp, (match: RegExpExecArray) => Reading | undefined][] = [
  [
    /\b(?:what should i wear|do i need (?:an umbrella|a coat|a jacket)|is it (?:warm|cold|sunny|raining)) (?:in|at) ([\p{L} .'-]+?)\s*(?:today|tomorrow)?[?!.]*$/iu,
    (match) => ({ tool: "weather", args: { city: match[1] ?? "" } }),
  ],
  [
    /\bhow (?:much|many) (\p{L}+) (?:is|are|for|buys?) (?:a|an|one) (\p{L}+)/iu,
    (match) => {
      const to = currency(match[1]);
      const from = currency(match[2]);
      return to && from ? { tool: "rate", args: { from, to } } : undefined;
    },
  ],
  [/\b(?:anything interesting|what'?s new|what is new)\b/i, () => ({ tool: "news", args: { count: 3 } })],
  [
    /\bremind me (?:about|to|of) (.+?) in a (?:bit|while)[?!.]*$/i,
    (match) => ({ tool: "remind-in", args: { delay: "30m", text: match[1] ?? "" } }),
  ],
  [/\bremind me (?:about|to|of) (.+?)[?!.]*$/i, (match) => ({ tool: "remind-in", args: { text: match[1] ?? "" } })],
  [/\bjoke\b/i, () => "Why did the webhook go to therapy? It had too many unresolved callbacks."],
  [/\b(?:explain|tell me about|why (?:is|are|do|does))\b/i, () => ({ tool: "answer-in-full", args: {} })],
  [
    /\b(?:who|what) are you\b/i,
    () =>
      "I am Concierge, answered here by a scripted stand-in for a language model: weather, rates, news, to-dos and reminders.",
  ],
];

const NOTE =
  'This is the local stand-in for a language model: it knows a few phrasings only, such as "what should I wear in Oslo?", "how many dollars is one euro?" or "tell me a joke". Send /help to see the commands.';

const LONG_ANSWER = [
  "This answer comes from the local stand-in, written piece by piece so that the chat shows it growing.",
  "A real model would explain the question here in a few paragraphs; the stand-in only shows how a long answer arrives: one message, edited about once a second, and a last time with the whole text.",
  "Send /help to see the commands.",
].join("\n\n");

function readingOf(request: Request): Reading {
  const text = request.messages.findLast((message) => message.role === "user")?.content ?? "";
  const tools = new Set((request.tools ?? []).map((tool) => tool.function.name));
  // Asked without tools, the answer is the long one the tool call asked for.
  if (request.tools === undefined && /\b(?:explain|tell me about|why (?:is|are|do|does))\b/i.test(text)) {
    return LONG_ANSWER;
  }
  for (const [pattern, read] of SCRIPT) {
    const match = pattern.exec(text);
    const reading = match && read(match);
    if (reading && (typeof reading === "string" || tools.has(reading.tool))) return reading;
  }
  return NOTE;
}

const tokens = (text: string) => Math.max(1, Math.round(text.length / 4));

export function chatCompletions(path: string, body: string, now: number): ApiAnswer {
  if (path !== "/v1/chat/completions") return { status: 404, body: { error: { message: "Not found" } } };
  let parsed: Request;
  try {
    parsed = Request.parse(JSON.parse(body));
  } catch {
    return {
      status: 400,
      body: { error: { message: "Not a chat completion request", type: "invalid_request_error" } },
    };
  }
  const reading = readingOf(parsed);
  const toolCall =
    typeof reading === "string"
      ? undefined
      : {
          id: `call_${now}`,
          type: "function",
          function: { name: reading.tool, arguments: JSON.stringify(reading.args) },
        };
  const content = typeof reading === "string" ? reading : null;
  const usage = {
    prompt_tokens: tokens(parsed.messages.map((message) => message.content ?? "").join(" ")),
    completion_tokens: tokens(content ?? JSON.stringify(toolCall)),
  };
  const head = { id: `chatcmpl-local-${now}`, created: Math.floor(now / 1000), model: parsed.model };
  if (!parsed.stream) {
    return {
      status: 200,
      body: {
        ...head,
        object: "chat.completion",
        choices: [
          {
            index: 0,
            message: { role: "assistant", content, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
            finish_reason: toolCall ? "tool_calls" : "stop",
          },
        ],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      },
    };
  }
  const chunk = (delta: unknown, finish: string | null = null) => ({
    ...head,
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const events = [
    chunk(
      toolCall ? { role: "assistant", content: null, tool_calls: [{ index: 0, ...toolCall }] } : { role: "assistant" },
    ),
    ...(content ?? "").split(/(?<= )/).map((piece) => chunk({ content: piece })),
    chunk({}, toolCall ? "tool_calls" : "stop"),
    { ...head, object: "chat.completion.chunk", choices: [], usage },
  ];
  const stream = [...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), "data: [DONE]\n\n"].join("");
  return { status: 200, body: stream, contentType: "text/event-stream" };
}
