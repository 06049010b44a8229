/**
 * A chat model as tier 2 sees it, whichever runs it (Workers AI through the
 * `AI` binding, or an OpenAI-compatible endpoint at `AI_BASE_URL`): messages
 * and tools in, a completion out, whole or as a stream of text.
 */

export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/** A JSON Schema for a tool's arguments: an object of plain values. */
export interface ToolParameters {
  readonly type: "object";
  readonly properties: Readonly<
    Record<string, { readonly type: "string" | "integer" | "number"; readonly description: string }>
  >;
  readonly required: readonly string[];
}

/** A function the model may call: here, always one of the bot's intents or subcommands. */
export interface Tool {
  readonly name: string;
  readonly description: string;
  readonly parameters: ToolParameters;
}

export interface ModelRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly Tool[];
  /** The longest answer, in tokens. */
  readonly maxTokens: number;
  /** Aborts the call (the time limit). */
  readonly signal: AbortSignal;
}

/** A tool the model chose, with its arguments as sent (parsed from JSON where they came as text). */
export interface ToolCall {
  readonly name: string;
  readonly arguments: unknown;
}

export interface Completion {
  /** The model's text; "" when it only called tools. */
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  /** As the model's runtime counted them; 0 when it did not say. */
  readonly tokensIn: number;
  readonly tokensOut: number;
}

export interface ModelClient {
  complete(request: ModelRequest): Promise<Completion>;
  /**
   * The same completion, streamed: `onText` hears each piece of text as it
   * comes (for answers shown while they are written), and the whole
   * completion resolves at the end.
   */
  stream(request: ModelRequest, onText: (piece: string) => void): Promise<Completion>;
}

/**
 * A failed model call: it could not be made (`unavailable`), or what came
 * back was not a completion (`bad_response`). Its message says which, and
 * the status; never a request's content or a key.
 */
export class ModelError extends Error {
  override readonly name = "ModelError";

  constructor(failure: "unavailable" | "bad_response", detail: string) {
    super(`${failure}: ${detail}`);
  }
}
