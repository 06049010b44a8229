/**
 * Send: the replies go back to the platform, in the webhook's answer itself
 * when the platform takes that and the handler was quick, else after the
 * answer has gone. The runtime may cut `waitUntil` short, so sending then
 * has a budget: a reply the platform will not take within it (a rate limit
 * asking for longer, a server error after the retries) stops the sending
 * there, and the replies from it on wait on the queue (src/jobs/replies.ts)
 * for as long as the platform asked.
 */
import type { Reply } from "../core/reply.ts";
import { type Timer, within } from "../core/timer.ts";
import { afterFailure, SEND_BUDGET_MS } from "../jobs/failure.ts";
import { holdFiles } from "../jobs/held-files.ts";
import type { Job } from "../jobs/job.ts";
import { describeError, log } from "../log.ts";
import { type Delivery, logFields, type Result } from "./delivery.ts";

interface Sending {
  /** The reply that did not go out and will not (`index` past the last reply: closing the answer failed). */
  readonly failed?: { readonly index: number; readonly error: unknown };
  readonly queued?: Result["queued"];
}

/**
 * Sends the replies within the budget and queues what is left; never throws.
 * `first` is the index of `replies[0]` among the delivery's (the handler sent
 * those before it itself).
 */
async function sendOrQueue(delivery: Delivery, replies: readonly Reply[], first: number): Promise<Sending> {
  const { adapter, update, env } = delivery;
  const end = first + replies.length;
  let sent = first;
  try {
    const onSent = () => {
      sent += 1;
    };
    const budget = { ...env, deadline: Date.now() + SEND_BUDGET_MS };
    await adapter.respond(update, replies, budget, { from: first, onSent });
    return {};
  } catch (error) {
    if (sent >= end) return { failed: { index: sent, error } };
    const next = afterFailure(error, sent, end, 0);
    const failed = next.failed === "again" ? {} : { failed: { index: sent, error } };
    if (!next.resume) return failed;
    const { from, delaySeconds } = next.resume;
    try {
      const held = await holdFiles(replies.slice(from - first), from, update, delivery.settings.FILES);
      const job: Job = { kind: "reply", update, from, replies: held, receivedAt: delivery.started };
      await delivery.settings.JOBS.send(job, { delaySeconds });
    } catch (queueError) {
      return { failed: { index: from, error: queueError } };
    }
    return { ...failed, queued: next.resume };
  }
}

/** Sends a result's replies through the platform's API after the answer; a failure to send becomes its outcome. */
export async function send(delivery: Delivery, result: Result): Promise<Result> {
  // Called without replies too: a pressed button or a deferred command still needs closing.
  // A dropped flood message is the exception: it costs no call at all.
  const silent = result.outcome === "ignored" || (result.outcome === "rate_limited" && result.replies.length === 0);
  if (silent) return result;
  const sending = await sendOrQueue(delivery, result.replies, result.from ?? 0);
  const sent = { ...result, ...(sending.queued ? { queued: sending.queued } : {}) };
  if (!sending.failed) return sent;
  const error = describeError(sending.failed.error);
  log("error", "send_failed", { ...logFields(delivery.update), intent: result.intent, error });
  // A "slow down" that could not be sent is still a rate-limited delivery: no handler ran.
  return result.outcome === "rate_limited" ? sent : { ...sent, outcome: "handler_error" };
}

/**
 * The webhook's answer carrying the replies, where the platform takes that
 * (Discord type 4, a Slack slash command's body) and the handler finished
 * within the platform's inline budget, as `timer` counts it, without sending
 * anything itself first (`sending` settles when it does). Otherwise
 * undefined: the update is acknowledged and its replies sent after.
 */
export async function answerInline(
  delivery: Delivery,
  handled: Promise<Result>,
  sending: Promise<void>,
  timer?: Timer,
): Promise<{ response: Response; result: Result } | undefined> {
  const { adapter, update, env } = delivery;
  if (!adapter.inline || !(adapter.inline.accepts?.(update) ?? true)) return undefined;
  const early = sending.then(() => undefined);
  const result = await within(Promise.race([handled, early]), adapter.inline.budgetMs, undefined, timer);
  // A handler that sent replies itself was answered with the acknowledgement already.
  if (!result || result.from) return undefined;
  const response = adapter.inline.respond(update, result.replies, env);
  return response ? { response, result } : undefined;
}
