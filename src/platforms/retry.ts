/**
 * One retry policy for every platform API: a 429 waits the time the platform
 * asks for (when it is reasonable), a 5xx backs off exponentially, anything
 * else is final. Network failures are not retried: the request may have
 * arrived, and a second send would be a duplicate message.
 *
 * A sender with a deadline (the reply budget of a webhook delivery) never
 * waits past it: the refusal comes back at once, with the platform's
 * `retry_after`, so that the rest can wait on the queue instead.
 */

/** Tries of one request to a platform API, the first included. */
const MAX_SEND_ATTEMPTS = 4;
/** A platform asking for a longer pause than this gets the error instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Rate limited or a server error: the same request may pass later. */
export function isTransient(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Whether a wait of `ms` ends in time: by `deadline` (epoch ms) when there is one, else within the longest pause. */
export function canWait(ms: number, deadline: number | undefined): boolean {
  return ms <= (deadline === undefined ? MAX_RETRY_AFTER_MS : Math.min(MAX_RETRY_AFTER_MS, deadline - Date.now()));
}

/** How long to wait before the next attempt, or undefined to give up. */
export function retryDelayMs(
  status: number,
  retryAfterSeconds: number | undefined,
  attempt: number,
  deadline?: number,
): number | undefined {
  if (attempt >= MAX_SEND_ATTEMPTS || !isTransient(status)) return undefined;
  const ms = status === 429 ? Math.ceil((retryAfterSeconds ?? 1) * 1000) : 250 * 2 ** (attempt - 1);
  return canWait(ms, deadline) ? ms : undefined;
}
