/**
 * What is metered: one event per webhook delivery, queue message and Cron
 * tick. Recorded after the work is done (src/usage/record.ts) and rolled up
 * per hour (src/store/usage.ts).
 */

/** Where the work came from. */
export type Source = "webhook" | "queue" | "cron";

/**
 * How the work ended. The first four are the engine's own outcomes; the rest
 * end a delivery before any handler runs, and are kept apart so that the
 * usage view can show a flood or a misconfigured webhook for what it is.
 */
export type Outcome =
  /** Handled and answered; a scheduled message sent. */
  | "ok"
  /** The user's request could not be served: a usage mistake, an unknown command, an outside service's refusal. */
  | "user_error"
  /** The bot failed: a handler threw, storage failed, the reply could not be sent; a scheduled send to be retried. */
  | "handler_error"
  /** Not meant for the bot (group chatter): read and dropped. */
  | "ignored"
  /** A platform's retry of a delivery already handled. */
  | "duplicate"
  /** Refused at the door (bad signature, malformed payload), or a scheduled message the platform refuses for good. */
  | "rejected"
  /** Over the user's rate limit: dropped without running a handler (src/ratelimit.ts). */
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
