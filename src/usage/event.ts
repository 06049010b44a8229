/**
 * What is metered: one event per webhook delivery, queue message and Cron
 * tick, and one per call to the model of tier 2 (src/usage/ai.ts).
 * Recorded after the work is done (src/usage/record.ts) and rolled up per
 * hour (src/store/usage.ts).
 */
import type { Outcome as HandlerOutcome } from "../core/attempt.ts";
import type { Source } from "../store/usage.ts";

/**
 * How the work ended: the engine's own outcomes (ok, user_error,
 * handler_error, ignored), and those that end a delivery before any handler
 * runs, kept apart so that the usage view can show a flood or a
 * misconfigured webhook for what it is. For scheduled messages, `ok` is sent,
 * `handler_error` a send to be retried, `rejected` a permanent refusal.
 */
export type Outcome =
  | HandlerOutcome
  /** A platform's retry of a delivery already handled. */
  | "duplicate"
  /** Refused at the door (bad signature, malformed payload), or a scheduled message the platform refuses for good. */
  | "rejected"
  /** Over the user's rate limit: dropped without running a handler (src/webhook/limit.ts). */
  | "rate_limited";

/** Outcomes where a handler ran: the ones with a meaningful duration and error rate. */
export const HANDLED: readonly Outcome[] = ["ok", "user_error", "handler_error"];

/** Stands for the bot, platform or intent where there is none (a tick, a rejected delivery). */
export const NONE = "-";

export interface UsageEvent {
  readonly source: Source;
  readonly bot: string;
  readonly platform: string;
  readonly intent: string;
  readonly outcome: Outcome;
  /** How long the work took, in milliseconds. */
  readonly ms: number;
  /** When it started (epoch milliseconds): the hour it counts in. */
  readonly at: number;
  /** The platform's id of the user, for counting active users; stored only as a pseudonym. */
  readonly userId?: string;
}

/**
 * How a call to the model ended: a plain answer sent, a tool call that ran
 * an intent, a tool call the bot could not take (no such tool, arguments
 * its schema refuses) or no answer at all, the time limit, a failure, or no
 * call because the user's daily budget was spent.
 */
export type AiOutcome = "answered" | "tool_call" | "invalid" | "timeout" | "failed" | "over_budget";

/** Outcomes where tier 2 gave the user their answer. */
export const ANSWERED: readonly AiOutcome[] = ["answered", "tool_call"];

export interface AiCall {
  readonly bot: string;
  readonly platform: string;
  readonly model: string;
  readonly outcome: AiOutcome;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** How long the model took; 0 without a call. */
  readonly ms: number;
  /** When the delivery started (epoch ms): the hour it counts in. */
  readonly at: number;
  /** The platform's id of the user; Analytics Engine gets a pseudonym, D1 nothing. */
  readonly userId: string;
}
