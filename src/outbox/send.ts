/**
 * Sending a delivery's replies from the webhook, after the answer has gone.
 * The runtime may cut `waitUntil` short, so sending has a budget: a reply the
 * platform will not take within it (a rate limit asking for longer, a server
 * error after the retries) stops the sending there, and the replies from it
 * on wait on the queue (`consume.ts`) for as long as the platform asked.
 */
import type { Reply } from "../core/reply.ts";
import type { Update } from "../core/update.ts";
import type { AdapterEnv, PlatformAdapter } from "../platforms/adapter.ts";
import type { Job } from "../schedule/jobs.ts";
import { afterFailure } from "./failure.ts";

/** Counted from the start of sending; what `waitUntil` has left covers a last request's timeout and the log. */
export const SEND_BUDGET_MS = 10_000;

export interface Outgoing {
  readonly adapter: PlatformAdapter;
  readonly update: Update;
  readonly replies: readonly Reply[];
  readonly env: AdapterEnv;
  readonly queue: Queue<Job>;
  /** When the delivery arrived (epoch ms). */
  readonly receivedAt: number;
}

export interface Sending {
  /** The reply that did not go out and will not (`index` past the last reply: closing the answer failed). */
  readonly failed?: { readonly index: number; readonly error: unknown };
  /** The replies from `from` on wait on the queue for `delaySeconds`. */
  readonly queued?: { readonly from: number; readonly delaySeconds: number };
}

/** Sends the replies within the budget and queues what is left; never throws. */
export async function sendOrQueue(outgoing: Outgoing): Promise<Sending> {
  const { adapter, update, replies, env } = outgoing;
  let sent = 0;
  try {
    const onSent = () => {
      sent += 1;
    };
    await adapter.respond(update, replies, { ...env, deadline: Date.now() + SEND_BUDGET_MS }, { onSent });
    return {};
  } catch (error) {
    if (sent >= replies.length) return { failed: { index: sent, error } };
    const next = afterFailure(error, sent, replies.length, 0);
    const failed = next.failed === "again" ? {} : { failed: { index: sent, error } };
    if (!next.resume) return failed;
    const { from, delaySeconds } = next.resume;
    const job: Job = { kind: "reply", update, from, replies: replies.slice(from), receivedAt: outgoing.receivedAt };
    try {
      await outgoing.queue.send(job, { delaySeconds });
    } catch (queueError) {
      return { failed: { index: from, error: queueError } };
    }
    return { ...failed, queued: next.resume };
  }
}
