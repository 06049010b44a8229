/**
 * What a failed send leaves to do, the same whether the webhook or the queue
 * was sending: a reply the platform may take later (rate limited, a server
 * error) waits on the queue with the rest; a refusal ends the sending for
 * good; a reply whose request may have arrived is never sent again, and the
 * replies after it go on. And how long any failed job waits before its next try.
 */
import { PlatformError } from "../platforms/errors.ts";

/**
 * How long one sending of a delivery's replies may wait on the platform,
 * from the webhook or from the queue: a reply it will not take within this
 * waits on the queue instead. Counted from the start of sending; what
 * `waitUntil` has left covers a last request's timeout and the log.
 */
export const SEND_BUDGET_MS = 10_000;

/** Seconds before a failed job is tried again: 10 s, 20 s, 40 s … at most 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

export interface AfterFailure {
  /** The failed reply: to send again, refused (with every reply after it), or unconfirmed. */
  readonly failed: "again" | "refused" | "unconfirmed";
  /** Where sending picks up from the queue, and after how many seconds; unset when nothing is left to send. */
  readonly resume?: { readonly from: number; readonly delaySeconds: number };
}

/**
 * `index` is the reply that failed with `error`, `end` the index after the
 * delivery's last reply, `attempts` how often the queue has tried already
 * (none from the webhook).
 */
export function afterFailure(error: unknown, index: number, end: number, attempts: number): AfterFailure {
  const backoff = backoffSeconds(attempts);
  if (error instanceof PlatformError) {
    if (!error.transient) return { failed: "refused" };
    const delaySeconds = error.retryAfterMs === undefined ? backoff : Math.ceil(error.retryAfterMs / 1000);
    return { failed: "again", resume: { from: index, delaySeconds } };
  }
  return index + 1 < end
    ? { failed: "unconfirmed", resume: { from: index + 1, delaySeconds: backoff } }
    : { failed: "unconfirmed" };
}
