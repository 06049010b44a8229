/**
 * What a failed send leaves to do, the same whether the webhook or the queue
 * was sending: a reply the platform may take later (rate limited, a server
 * error) waits on the queue with the rest; a refusal ends the sending for
 * good; a reply whose request may have arrived is never sent again, and the
 * replies after it go on.
 */
import { PlatformError } from "../platforms/errors.ts";
import { backoffSeconds } from "../schedule/send.ts";

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
