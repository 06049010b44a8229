/**
 * One retry policy for every platform API: a 429 waits the time the platform
 * asks for (when it is reasonable), a 5xx backs off exponentially, anything
 * else is final. Network failures are not retried: the request may have
 * arrived, and a second send would be a duplicate message.
 */

export const MAX_ATTEMPTS = 4;
/** A platform asking for a longer pause than this gets the error instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How long to wait before the next attempt, or undefined to give up. */
export function retryDelayMs(
  status: number,
  retryAfterSeconds: number | undefined,
  attempt: number,
): number | undefined {
  if (attempt >= MAX_ATTEMPTS) return undefined;
  if (status === 429) {
    const ms = Math.ceil((retryAfterSeconds ?? 1) * 1000);
    return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
  }
  if (status >= 500) return 250 * 2 ** (attempt - 1);
  return undefined;
}
