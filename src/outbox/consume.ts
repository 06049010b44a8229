/**
 * The outbox's consumer: sends the replies a webhook delivery left on the
 * queue (`send.ts`), each at most once. Every reply is claimed in the
 * delivery ledger by (delivery, reply index) before it is sent, so a
 * redelivered job or a copy of it sends nothing twice. A rate limit or a
 * server error puts the job back for as long as the platform asked; a
 * refusal is recorded and not tried again. Once the update itself can no
 * longer be answered (its interaction token or response URL expired), the
 * replies go to its chat as the bot.
 */
import type { Reply } from "../core/reply.ts";
import { newTrace } from "../core/trace.ts";
import type { Env } from "../env.ts";
import { describeError, log } from "../log.ts";
import { type AdapterEnv, createAdapterEnv, type PlatformAdapter } from "../platforms/adapter.ts";
import { type LedgerEntry, ScheduleStore, type Settled } from "../store/schedule.ts";
import type { Outcome, UsageEvent } from "../usage/event.ts";
import { recordUsage } from "../usage/record.ts";
import type { Registry } from "../webhook.ts";
import { afterFailure } from "./failure.ts";
import { ReplyJob, replyEntry } from "./job.ts";
import { SEND_BUDGET_MS } from "./send.ts";

/** Whether a queue message is the outbox's, for the consumer's dispatch by job kind (checked in full later). */
export function isHeldReply(message: Message): boolean {
  const body = message.body;
  return typeof body === "object" && body !== null && "kind" in body && body.kind === "reply";
}

/** The replies this message may send: from the first whose ledger row it holds, up to one it does not. */
interface Held {
  readonly from: number;
  readonly replies: readonly Reply[];
}

async function claim(store: ScheduleStore, job: ReplyJob, message: Message): Promise<Held> {
  const entries = job.replies.map((_, offset) => {
    const index = job.from + offset;
    return { ...replyEntry(job.update, index), owner: `${message.id}/${index}` };
  });
  const mine = await store.claim(entries, Date.now());
  const first = entries.findIndex((entry) => mine.has(entry.owner));
  if (first === -1) return { from: job.from + job.replies.length, replies: [] };
  const end = entries.findIndex((entry, at) => at > first && !mine.has(entry.owner));
  return { from: job.from + first, replies: job.replies.slice(first, end === -1 ? undefined : end) };
}

/** Whether the update can no longer be answered itself: its interaction token or response URL has expired. */
function tooLate(adapter: PlatformAdapter, job: ReplyJob, now: number): boolean {
  const window = adapter.respondWindowMs?.(job.update);
  return window !== undefined && now - job.receivedAt >= window;
}

/** Sends through `respond`, or when that is too late to the chat with `push`; `onSent` gets each reply's index. */
async function send(
  adapter: PlatformAdapter,
  job: ReplyJob,
  held: Held,
  env: AdapterEnv,
  late: boolean,
  onSent: (index: number) => void,
): Promise<void> {
  if (!late) return adapter.respond(job.update, held.replies, env, { from: held.from, onSent });
  const address = adapter.addressOf(job.update);
  for (const [offset, reply] of held.replies.entries()) {
    await adapter.push(address, [reply], env);
    onSent(held.from + offset);
  }
}

function lookup<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Sends one message's replies; returns what usage counts, or undefined for a message with nothing to send. */
async function deliver(message: Message, env: Env, registry: Registry, store: ScheduleStore) {
  const parsed = ReplyJob.safeParse(message.body);
  if (!parsed.success) {
    log("error", "job_invalid", { id: message.id });
    message.ack();
    return undefined;
  }
  const job = parsed.data;
  const { update } = job;
  const fields = { bot: update.bot, platform: update.platform, eventId: update.eventId, attempts: message.attempts };
  const bot = lookup(registry.bots, update.bot);
  const adapter = lookup(registry.platforms, update.platform);
  if (!bot || !adapter) {
    log("error", "reply_unroutable", fields);
    message.ack();
    return undefined;
  }
  const held = await claim(store, job, message);
  // Sent or settled already, or held by another copy of this job.
  if (held.replies.length === 0) {
    message.ack();
    return undefined;
  }
  const at = Date.now();
  const meter = (outcome: Outcome): UsageEvent => {
    const ms = Date.now() - at;
    return { source: "queue", bot: update.bot, platform: update.platform, intent: "reply", outcome, ms, at };
  };
  const adapterEnv = { ...createAdapterEnv(env, bot, newTrace()), deadline: at + SEND_BUDGET_MS };
  const end = held.from + held.replies.length;
  const settled: { entry: LedgerEntry; status: Settled }[] = [];
  const settle = (index: number, status: Settled) => settled.push({ entry: replyEntry(update, index), status });
  const late = tooLate(adapter, job, at);
  let failure: { error: unknown } | undefined;
  try {
    await send(adapter, job, held, adapterEnv, late, (index) => settle(index, "sent"));
  } catch (error) {
    failure = { error };
  }
  const index = held.from + settled.length;
  if (!failure || index >= end) {
    await store.settle(settled, Date.now());
    message.ack();
    // Every reply went out; only closing the answer (a button's spinner) may have failed.
    if (failure) log("error", "send_failed", { ...fields, error: describeError(failure.error) });
    log("info", "reply_sent", {
      ...fields,
      from: held.from,
      count: held.replies.length,
      via: late ? "push" : "respond",
    });
    return meter("ok");
  }
  const next = afterFailure(failure.error, index, end, message.attempts);
  if (next.failed !== "again") settle(index, next.failed);
  // After a refusal, the rest are refused with it.
  for (let rest = index + 1; rest < (next.resume?.from ?? end); rest++) settle(rest, "refused");
  await store.settle(settled, Date.now());
  const error = describeError(failure.error);
  if (next.resume) message.retry({ delaySeconds: next.resume.delaySeconds });
  else message.ack();
  const retryIn = next.resume?.delaySeconds;
  if (next.failed === "refused") {
    log("info", "reply_refused", { ...fields, index, retryIn, error });
    return meter("rejected");
  }
  log("error", next.failed === "again" ? "reply_failed" : "reply_unconfirmed", { ...fields, index, retryIn, error });
  return meter("handler_error");
}

/** Sends the held replies of `messages`, one message at a time (the platforms' rate limits hold per bot). */
export async function consumeReplies(messages: readonly Message[], env: Env, registry: Registry): Promise<void> {
  if (messages.length === 0) return;
  const store = new ScheduleStore(env.DB);
  const usage: UsageEvent[] = [];
  for (const message of messages) {
    const event = await deliver(message, env, registry, store);
    if (event) usage.push(event);
  }
  // Nobody waits on a queue batch: recorded inline, and a failed write is only logged.
  await recordUsage(env, usage);
}
