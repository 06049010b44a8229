/**
 * The models' answers as they come over the wire, checked with zod, and
 * read into one `Completion`. Two shapes exist, and Workers AI returns
 * either, depending on the model:
 *
 * - Workers AI's own: `{ response, tool_calls: [{ name, arguments }], usage }`,
 *   the arguments an object (or JSON text);
 * - OpenAI's chat completion: `{ choices: [{ message: { content, tool_calls:
 *   [{ id, type: "function", function: { name, arguments: "<JSON text>" } }] } }],
 *   usage: { prompt_tokens, completion_tokens } }`, which is also what an
 *   OpenAI-compatible `/v1/chat/completions` answers.
 *
 * Streamed, each server-sent event carries a piece in the matching shape:
 * `{ response: "piece" }`, or `{ choices: [{ delta: { content, tool_calls:
 * [{ index, function: { name, arguments: "piece" } }] } }] }`.
 */
import * as z from "zod";
import { type Completion, ModelError, type ToolCall } from "./model.ts";
import { eventData } from "./sse.ts";

const Usage = z
  .object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() })
  .nullish()
  .transform((usage) => ({ tokensIn: usage?.prompt_tokens ?? 0, tokensOut: usage?.completion_tokens ?? 0 }));

/** Arguments as text are JSON; text that is not stays text, and fails the tool's schema later. */
function parseArguments(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const WorkersAiOutput = z.object({
  response: z.string().nullish(),
  tool_calls: z.array(z.object({ name: z.string(), arguments: z.unknown() })).nullish(),
  usage: Usage,
});

const OpenAiToolCall = z.object({
  type: z.literal("function").optional(),
  function: z.object({ name: z.string(), arguments: z.string().nullish() }),
});

const OpenAiOutput = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), tool_calls: z.array(OpenAiToolCall).nullish() }),
      }),
    )
    .min(1),
  usage: Usage,
});

function fromWorkersAi(output: z.infer<typeof WorkersAiOutput>): Completion {
  return {
    text: output.response ?? "",
    toolCalls: (output.tool_calls ?? []).map((call) => ({
      name: call.name,
      arguments: parseArguments(call.arguments),
    })),
    ...output.usage,
  };
}

function fromOpenAi(output: z.infer<typeof OpenAiOutput>): Completion {
  const message = output.choices[0]?.message;
  return {
    text: message?.content ?? "",
    toolCalls: (message?.tool_calls ?? []).map((call) => ({
      name: call.function.name,
      arguments: parseArguments(call.function.arguments ?? "{}"),
    })),
    ...output.usage,
  };
}

/** A whole answer in either shape (some Workers AI models answer with bare text). */
export function readCompletion(body: unknown): Completion {
  if (typeof body === "string") return { text: body, toolCalls: [], tokensIn: 0, tokensOut: 0 };
  if (typeof body === "object" && body !== null && "choices" in body) {
    const parsed = OpenAiOutput.safeParse(body);
    if (parsed.success) return fromOpenAi(parsed.data);
  } else {
    const parsed = WorkersAiOutput.safeParse(body);
    if (parsed.success) return fromWorkersAi(parsed.data);
  }
  throw new ModelError("bad_response", "not a chat completion");
}

const WorkersAiChunk = z.object({
  response: z.string().nullish(),
  tool_calls: z.array(z.object({ name: z.string(), arguments: z.unknown() })).nullish(),
  usage: Usage,
});

const OpenAiChunk = z.object({
  choices: z.array(
    z.object({
      delta: z
        .object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                index: z.number().int().nonnegative(),
                function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
              }),
            )
            .nullish(),
        })
        .nullish(),
    }),
  ),
  usage: Usage,
});

/** Pieces of a streamed completion, put together in the order they came. */
export class CompletionBuilder {
  private text = "";
  /** Streamed tool calls by index: a name, and arguments that come as pieces of JSON text (or whole). */
  private readonly calls = new Map<number, { name: string; arguments: unknown }>();
  private tokensIn = 0;
  private tokensOut = 0;

  /** Adds one event's data; returns the text it added. */
  add(data: unknown): string {
    let piece = "";
    if (typeof data === "object" && data !== null && "choices" in data) {
      const chunk = OpenAiChunk.safeParse(data);
      if (!chunk.success) throw new ModelError("bad_response", "not a chat completion chunk");
      for (const choice of chunk.data.choices) {
        piece += choice.delta?.content ?? "";
        for (const call of choice.delta?.tool_calls ?? []) this.addPiece(call.index, call.function);
      }
      this.count(chunk.data.usage);
    } else {
      const chunk = WorkersAiChunk.safeParse(data);
      if (!chunk.success) throw new ModelError("bad_response", "not a Workers AI chunk");
      piece = chunk.data.response ?? "";
      for (const call of chunk.data.tool_calls ?? []) this.calls.set(this.calls.size, { ...call });
      this.count(chunk.data.usage);
    }
    this.text += piece;
    return piece;
  }

  private addPiece(index: number, piece: { name?: string | null; arguments?: string | null } | null | undefined) {
    const call = this.calls.get(index) ?? { name: "", arguments: "" };
    this.calls.set(index, {
      name: call.name + (piece?.name ?? ""),
      arguments: `${typeof call.arguments === "string" ? call.arguments : ""}${piece?.arguments ?? ""}`,
    });
  }

  /** Usage comes once, in the last chunk; zeros in earlier ones do not count. */
  private count(usage: { tokensIn: number; tokensOut: number }): void {
    this.tokensIn = Math.max(this.tokensIn, usage.tokensIn);
    this.tokensOut = Math.max(this.tokensOut, usage.tokensOut);
  }

  build(): Completion {
    const toolCalls: ToolCall[] = [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({
        name: call.name,
        arguments: parseArguments(call.arguments === "" ? "{}" : call.arguments),
      }));
    return { text: this.text, toolCalls, tokensIn: this.tokensIn, tokensOut: this.tokensOut };
  }
}

/** A streamed completion, read to its end; `onText` hears each piece of text as it comes. */
export async function readStream(
  body: ReadableStream<Uint8Array>,
  onText: (piece: string) => void,
): Promise<Completion> {
  const builder = new CompletionBuilder();
  for await (const data of eventData(body)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw new ModelError("bad_response", "an event that is not JSON");
    }
    const piece = builder.add(parsed);
    if (piece !== "") onText(piece);
  }
  return builder.build();
}
