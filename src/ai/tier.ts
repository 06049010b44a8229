/**
 * Tier 2 for one delivery: the engine's `UnderstandFurther` hook
 * (src/core/further.ts), asked about a message the router could not place.
 * It asks the model only for words worth asking about (not empty, not only
 * emoji or punctuation, at most `MAX_MESSAGE_CHARS`), and only while the
 * user's daily budget lasts; it sends the conversation's last turns as
 * context and the bot's intents as tools. A tool call becomes the command
 * the user would have typed, a plain answer the reply; a time limit, a
 * failure or a tool call the bot cannot take gets the fallback. After the
 * replies have gone, `settle` keeps the exchange in memory and meters it.
 */
import type { Further, FurtherRequest, UnderstandFurther } from "../core/further.ts";
import type { Bot } from "../core/intent.ts";
import { plainText, type Reply } from "../core/reply.ts";
import { type Timer, within } from "../core/timer.ts";
import type { Trace } from "../core/trace.ts";
import type { Update } from "../core/update.ts";
import { describeError, log } from "../log.ts";
import { claimCallStatement, claimed } from "../store/ai-calls.ts";
import { recallStatement, remember, type Turn, turnsOf } from "../store/memory.ts";
import { recordAiCall } from "../usage/ai.ts";
import { type AiOutcome, ANSWERED } from "../usage/event.ts";
import type { UsageSinks } from "../usage/record.ts";
import type { ChatMessage, Completion, Tool } from "./model.ts";
import { promptFor } from "./prompt.ts";
import type { AiSettings } from "./settings.ts";
import { commandOf, toolsOf } from "./tools.ts";

/** Longer messages are not sent: a pasted essay is no request to the bot, and would cost its length. */
export const MAX_MESSAGE_CHARS = 1000;
/** How long the model may take before the user gets the fallback. */
const MODEL_TIMEOUT_MS = 10_000;
/** The longest answer asked for: a few sentences, well inside one message on every platform. */
const MAX_ANSWER_TOKENS = 400;

/** Words worth a model call: some letter or digit, and not too long. */
function worthAsking(text: string): boolean {
  const trimmed = text.trim();
  return /[\p{L}\p{N}]/u.test(trimmed) && [...trimmed].length <= MAX_MESSAGE_CHARS;
}

/** What tier 2 did for a delivery, for its log line. */
export interface AiTrace {
  readonly model: string;
  readonly outcome: AiOutcome;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** How long the model took. */
  readonly ms: number;
}

export interface TierTwoOptions {
  readonly bot: Bot;
  readonly update: Update;
  readonly settings: AiSettings;
  /** D1 (the budget, the memory) and Analytics Engine (metering). */
  readonly sinks: UsageSinks;
  /** When the delivery arrived (epoch ms): the budget's day, the memory's clock, the hour it is metered in. */
  readonly now: number;
  /** Counts out `MODEL_TIMEOUT_MS`. */
  readonly timer: Timer;
  /** The delivery's trace: the D1 round trip is counted in its log line. */
  readonly trace: Trace;
  /**
   * Hands a long answer over to be written while the user watches (the
   * queue's answer jobs); with it, the model may choose `LONG_ANSWER_TOOL`.
   */
  readonly answerLater?: (prompt: {
    readonly messages: readonly ChatMessage[];
    readonly locale: string;
  }) => Promise<void>;
}

/**
 * The model's way to say "this needs a real answer": a tool call is quick and
 * short, and the answer itself is then streamed from the queue instead of
 * being written inside the webhook's request. The hyphen keeps it apart from
 * every intent's tool name but a subcommand `answer-in-full` would take.
 */
export const LONG_ANSWER_TOOL: Tool = {
  name: "answer-in-full",
  description:
    "Use when the user asks something none of the other tools does and the answer needs more than a sentence or two; the answer is then written to the user in full.",
  parameters: { type: "object", properties: {}, required: [] },
};

const LATE = Symbol("late");

export class TierTwo {
  private readonly options: TierTwoOptions;
  private asked: Promise<Further> | undefined;
  /** The words asked about (a `/ask` question without its command), for the memory. */
  private words: string | undefined;
  private done: AiTrace | undefined;
  /** Whether the answer was handed over to be written later (it is remembered there). */
  private handedOver = false;

  constructor(options: TierTwoOptions) {
    this.options = options;
  }

  /** The hook: asked once per delivery, a repeated request answered with the first answer. */
  readonly understand: UnderstandFurther = (request) => {
    this.words ??= request.text;
    this.asked ??= this.ask(request);
    return this.asked;
  };

  /** What the model call came to; undefined when none was considered (nothing worth asking). */
  get trace(): AiTrace | undefined {
    return this.done;
  }

  private finish(outcome: AiOutcome, completion?: Completion, ms = 0): void {
    this.done = {
      model: this.options.settings.model,
      outcome,
      tokensIn: completion?.tokensIn ?? 0,
      tokensOut: completion?.tokensOut ?? 0,
      ms,
    };
  }

  private async ask(request: FurtherRequest): Promise<Further> {
    if (!worthAsking(request.text)) return { kind: "none" };
    const { settings, update, sinks, now, trace } = this.options;
    try {
      if (settings.dailyBudget <= 0) {
        this.finish("over_budget");
        return { kind: "none" };
      }
      trace.d1RoundTrips += 1;
      const [claim, memory] = await sinks.DB.batch([
        claimCallStatement(sinks.DB, update, now, settings.dailyBudget),
        recallStatement(sinks.DB, update, now),
      ]);
      if (!claimed(claim)) {
        this.finish("over_budget");
        return { kind: "none" };
      }
      return await this.call(request, turnsOf(memory));
    } catch (error) {
      this.logFailure(error);
      this.finish("failed");
      return { kind: "none" };
    }
  }

  private logFailure(error: unknown, event = "ai_failed"): void {
    const { update } = this.options;
    const fields = { bot: update.bot, platform: update.platform, eventId: update.eventId };
    log("error", event, { ...fields, model: this.options.settings.model, error: describeError(error) });
  }

  private async call(request: FurtherRequest, memory: readonly Turn[]): Promise<Further> {
    const { bot, settings, timer, answerLater } = this.options;
    const abort = new AbortController();
    const started = Date.now();
    const messages = promptFor(request, memory);
    let completion: Completion | typeof LATE;
    try {
      completion = await within(
        settings.client.complete({
          model: settings.model,
          messages,
          tools: answerLater ? [...toolsOf(bot), LONG_ANSWER_TOOL] : toolsOf(bot),
          maxTokens: MAX_ANSWER_TOKENS,
          signal: abort.signal,
        }),
        MODEL_TIMEOUT_MS,
        LATE,
        timer,
      );
    } catch (error) {
      this.logFailure(error);
      this.finish("failed", undefined, Date.now() - started);
      return { kind: "none" };
    }
    const ms = Date.now() - started;
    if (completion === LATE) {
      abort.abort();
      this.finish("timeout", undefined, ms);
      return { kind: "none" };
    }
    const [call] = completion.toolCalls;
    if (call?.name === LONG_ANSWER_TOOL.name && answerLater)
      return this.handOver(messages, request.locale, completion, ms);
    const command = call ? commandOf(bot, call) : undefined;
    const text = completion.text.trim();
    if (command) {
      this.finish("tool_call", completion, ms);
      return { kind: "command", command };
    }
    if (!call && text !== "") {
      this.finish("answered", completion, ms);
      return { kind: "reply", text };
    }
    this.finish("invalid", completion, ms);
    return { kind: "none" };
  }

  private async handOver(
    messages: readonly ChatMessage[],
    locale: string,
    completion: Completion,
    ms: number,
  ): Promise<Further> {
    try {
      await this.options.answerLater?.({ messages, locale });
    } catch (error) {
      this.logFailure(error);
      this.finish("failed", completion, ms);
      return { kind: "none" };
    }
    this.handedOver = true;
    this.finish("tool_call", completion, ms);
    return { kind: "later" };
  }

  /**
   * After the replies: an exchange tier 2 answered joins the conversation's
   * memory (the user's words, and what the bot said), and the call is
   * metered. Never throws; a failed write is logged.
   */
  async settle(replies: readonly Reply[]): Promise<void> {
    const trace = this.done;
    if (!trace) return;
    const { update, sinks, now } = this.options;
    if (ANSWERED.includes(trace.outcome) && !this.handedOver) {
      const answer = replies.map((reply) => plainText(reply.text)).join("\n");
      const turns: Turn[] = [
        { role: "user", text: (this.words ?? update.text).trim() },
        { role: "assistant", text: answer },
      ];
      try {
        await remember(sinks.DB, update, turns, now);
      } catch (error) {
        this.logFailure(error, "ai_memory_failed");
      }
    }
    await recordAiCall(sinks, {
      bot: update.bot,
      platform: update.platform,
      ...trace,
      at: now,
      userId: update.user.id,
    });
  }
}
