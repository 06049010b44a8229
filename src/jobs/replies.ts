/**
 * Held-back replies: what a webhook delivery could not send within its
 * budget (src/webhook/send.ts) is sent from the queue, each reply at most
 * once. Every reply is claimed in the delivery ledger by (delivery, reply
 * index) before it is sent, so a redelivered job or a copy of it sends
 * nothing twice. A rate limit or a server error puts the job back for as
 * long as the platform asked; a refusal is recorded and not tried again.
 * Once the update itself can no longer be answered (its interaction token
 * or response URL expired), the replies go to its chat as the bot.
 */
import type { Reply } from "../core/reply.ts";
import { newTrace } from "../core/trace.ts";
import type { Update } from "../core/update.ts";
import { describeError, type LogFields, log } from "../log.ts";
import { type AdapterEnv, createAdapterEnv, type PlatformAdapter } from "../platforms/adapter.ts";
import { lookup } from "../registry.ts";
import { fileStorage } from "../store/files.ts";
import type { Ledger, LedgerEntry, Settled } from "../store/ledger.ts";
import type { Outcome, UsageEvent } from "../usage/event.ts";
import { recordUsage } from "../usage/record.ts";
import { afterFailure, SEND_BUDGET_MS } from "./failure.ts";
import { dropHeldFiles, unholdFiles } from "./held-files.ts";
import type { HeldReply, JobOf } from "./job.ts";
import type { ConsumerContext, KindHandler, Received } from "./kinds.ts";

type ReplyJob = JobOf<"reply">;

/** The ledger row of one reply: sent at most once per (delivery, reply index). */
export function replyEntry(update: Pick<Update, "platform" | "bot" | "eventId">, index: number): LedgerEntry {
  return { job: `reply:${update.platform}:${update.bot}:${update.eventId}`, period: String(index) };
}

/** The replies this message may send: from the first whose ledger row it holds, up to one it does not. */
interface Held {
  readonly from: number;
  readonly replies: readonly HeldReply[];
}

async function claim(ledger: Ledger, job: ReplyJob, message: Message): Promise<Held> {
  const entries = job.replies.map((_, offset) => {
    const index = job.from + offset;
    return { ...replyEntry(job.update, index), owner: `${message.id}/${index}` };
  });
  const mine = await ledger.claim(entries, Date.now());
  const first = entries.findIndex((entry) => mine.has(entry.owner));
  if (first === -1) return { from: job.from + job.replies.length, replies: [] };
  const end = entries.findIndex((entry, at) => at > first && !mine.has(entry.owner));
  return { from: job.from + first, replies: job.replies.slice(first, end === -1 ? undefined : end) };
}

/** Whether the update can no longer be answered itself: its interaction token or response URL has expired. */
export function tooLate(adapter: PlatformAdapter, job: Pick<ReplyJob, "update" | "receivedAt">, now: number): boolean {
  const window = adapter.respondWindowMs?.(job.update);
  return window !== undefined && now - job.receivedAt >= window;
}

/** Sends through `respond`, or when that is too late to the chat with `push`; `onSent` gets each reply's index. */
async function send(
  adapter: PlatformAdapter,
  job: ReplyJob,
  from: number,
  replies: readonly Reply[],
  env: AdapterEnv,
  late: boolean,
  onSent: (index: number) => void,
): Promise<void> {
  if (!late) return adapter.respond(job.update, replies, env, { from, onSent });
  const address = adapter.addressOf(job.update);
  for (const [offset, reply] of replies.entries()) {
    await adapter.push(address, [reply], env);
    onSent(from + offset);
  }
}

/** How one job's sending ended: the replies that went out, and the error that stopped it, if any. */
interface Sent {
  readonly count: number;
  readonly failure?: { readonly error: unknown };
}

/**
 * Settles what went out as sent and, when a reply failed, that reply and the
 * ones after it as `afterFailure` decides; the job is acknowledged, or put
 * back for the replies still to send. Returns the outcome usage counts, and
 * the index from which replies stay on the queue.
 */
async function settle(
  ledger: Ledger,
  message: Message,
  job: ReplyJob,
  held: Held,
  sent: Sent,
  fields: LogFields,
): Promise<{ outcome: Outcome; waiting: number }> {
  const settled: { entry: LedgerEntry; status: Settled }[] = [];
  const mark = (index: number, status: Settled) => settled.push({ entry: replyEntry(job.update, index), status });
  const index = held.from + sent.count;
  const end = held.from + held.replies.length;
  for (let at = held.from; at < index; at++) mark(at, "sent");
  if (!sent.failure || index >= end) {
    await ledger.settle(settled, Date.now());
    message.ack();
    // Every reply went out; only closing the answer (a button's spinner) may have failed.
    if (sent.failure) log("error", "send_failed", { ...fields, error: describeError(sent.failure.error) });
    return { outcome: "ok", waiting: end };
  }
  const next = afterFailure(sent.failure.error, index, end, message.attempts);
  if (next.failed !== "again") mark(index, next.failed);
  // After a refusal, the rest are refused with it.
  for (let rest = index + 1; rest < (next.resume?.from ?? end); rest++) mark(rest, "refused");
  await ledger.settle(settled, Date.now());
  if (next.resume) message.retry({ delaySeconds: next.resume.delaySeconds });
  else message.ack();
  const failed = { ...fields, index, retryIn: next.resume?.delaySeconds, error: describeError(sent.failure.error) };
  const waiting = next.resume?.from ?? end;
  if (next.failed === "refused") {
    log("info", "reply_refused", failed);
    return { outcome: "rejected", waiting };
  }
  log("error", next.failed === "again" ? "reply_failed" : "reply_unconfirmed", failed);
  return { outcome: "handler_error", waiting };
}

/** Sends one job's replies; returns what usage counts, or undefined for a job with nothing to send. */
async function sendJob(
  { message, job }: Received<ReplyJob>,
  { env, registry, ledger }: ConsumerContext,
): Promise<UsageEvent | undefined> {
  const { update } = job;
  const fields = { bot: update.bot, platform: update.platform, eventId: update.eventId, attempts: message.attempts };
  const served = lookup(registry, update.bot, update.platform);
  if (!served) {
    log("error", "reply_unroutable", fields);
    message.ack();
    return undefined;
  }
  const held = await claim(ledger, job, message);
  // Sent or settled already, or held by another copy of this job.
  if (held.replies.length === 0) {
    message.ack();
    return undefined;
  }
  const at = Date.now();
  const files = fileStorage(env, served.bot.name);
  const adapterEnv = { ...createAdapterEnv(env, served.bot, newTrace(), files), deadline: at + SEND_BUDGET_MS };
  const late = tooLate(served.adapter, job, at);
  let sent: Sent = { count: 0 };
  try {
    const replies = await unholdFiles(held.replies, env.FILES);
    await send(served.adapter, job, held.from, replies, adapterEnv, late, () => {
      sent = { count: sent.count + 1 };
    });
  } catch (error) {
    sent = { ...sent, failure: { error } };
  }
  const { outcome, waiting } = await settle(ledger, message, job, held, sent, fields);
  await dropHeldFiles(held.replies.slice(0, waiting - held.from), env.FILES);
  if (outcome === "ok") {
    log("info", "reply_sent", {
      ...fields,
      from: held.from,
      count: held.replies.length,
      via: late ? "push" : "respond",
    });
  }
  return {
    source: "queue",
    bot: update.bot,
    platform: update.platform,
    intent: "reply",
    outcome,
    ms: Date.now() - at,
    at,
  };
}

/** Sends each job's held replies, one job at a time (the platforms' rate limits hold per bot). */
export const replies: KindHandler<"reply"> = {
  async handle(jobs, context) {
    const usage: UsageEvent[] = [];
    for (const received of jobs) {
      const event = await sendJob(received, context);
      if (event) usage.push(event);
    }
    // Nobody waits on a queue batch: recorded inline, and a failed write is only logged.
    await recordUsage(context.env, usage);
    return [];
  },
  ledgerEntry: (job) => replyEntry(job.update, job.from),
};
