/** Runs Cron ticks and queue batches the way Cloudflare would, with a queue the test can read. */
import {
  abortAllDurableObjects,
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
} from "cloudflare:test";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { consumeJobs } from "../../src/jobs/consumer.ts";
import type { Job } from "../../src/jobs/job.ts";
import { runTick, TICK_LIMITS, type TickLimits } from "../../src/jobs/tick.ts";
import type { PlatformName } from "../../src/platforms/index.ts";
import type { Registry } from "../../src/registry.ts";
import { testEnv } from "./worker.ts";

export interface QueuedMessage {
  readonly id: string;
  readonly body: Job;
}

/** A stand-in for the JOBS producer that keeps what was sent, and the delay each message asked for. */
export function capturingQueue() {
  const sent: Job[] = [];
  const delays: (number | undefined)[] = [];
  const queue = {
    async send(body: Job, options?: QueueSendOptions) {
      sent.push(body);
      delays.push(options?.delaySeconds);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<Job>>) {
      for (const message of messages) {
        sent.push(message.body);
        delays.push(message.delaySeconds);
      }
    },
  };
  return { sent, delays, queue: queue as unknown as Queue<Job> };
}

/** Jobs as the queue would deliver them: each with a fresh message id. */
const asMessages = (bodies: readonly Job[]): QueuedMessage[] =>
  bodies.map((body) => ({ id: crypto.randomUUID(), body }));

/**
 * Runs a tick at `now` (with production limits unless `limits` says
 * otherwise) and returns the jobs it queued: a page job per range of
 * subscriptions with due rows, and the reminders.
 */
export async function tick(now: Date | string, limits: Partial<TickLimits> = {}): Promise<QueuedMessage[]> {
  const { sent, queue } = capturingQueue();
  await runTick({ DB: testEnv.DB, JOBS: queue }, new Date(now).getTime(), { ...TICK_LIMITS, ...limits });
  return asMessages(sent);
}

export interface ConsumeOptions {
  readonly attempts?: number;
  readonly queue?: string;
  /** The Worker's environment, when the test one lacks what the bot needs (a Discord bot token). */
  readonly env?: Env;
  /** The bots and platforms served, when the test's bot is not one of the deployment's. */
  readonly registry?: Registry;
}

/**
 * Delivers messages to the Worker's queue consumer; returns which were
 * acknowledged and which retried, with the delay each retry asked for
 * (getQueueResult reports a retry but drops its delay, so the consumer
 * sees messages whose `retry` writes it down first), and the jobs the
 * consumer queued in turn (a page job's digests).
 */
export async function consume(messages: readonly QueuedMessage[], options: ConsumeOptions = {}) {
  const batch = createMessageBatch(
    options.queue ?? "parley-jobs",
    messages.map((message) => ({
      id: message.id,
      timestamp: new Date(),
      attempts: options.attempts ?? 1,
      body: message.body,
    })),
  );
  const delays = new Map<string, number | undefined>();
  const observed: MessageBatch<unknown> = {
    queue: batch.queue,
    metadata: batch.metadata,
    messages: batch.messages.map((message) => ({
      id: message.id,
      timestamp: message.timestamp,
      body: message.body,
      attempts: message.attempts,
      ack: () => message.ack(),
      retry: (retry) => {
        delays.set(message.id, retry?.delaySeconds);
        message.retry(retry);
      },
    })),
    ackAll: () => batch.ackAll(),
    retryAll: (retry) => batch.retryAll(retry),
  };
  const { sent, queue } = capturingQueue();
  const ctx = createExecutionContext();
  const consumerEnv = { ...(options.env ?? testEnv), JOBS: queue };
  if (options.registry) await consumeJobs(observed, consumerEnv, options.registry);
  else await (worker as ExportedHandler<Env>).queue?.(observed, consumerEnv, ctx);
  const result = await getQueueResult(batch, ctx);
  return {
    ...result,
    retryMessages: result.retryMessages.map(({ msgId }) => ({ msgId, delaySeconds: delays.get(msgId) })),
    queued: asMessages(sent),
  };
}

/** Runs the tick `minutes` from now and delivers the reminders it queued; resolves to how many there were. */
export async function fireReminders(minutes: number, options: ConsumeOptions = {}): Promise<number> {
  const due = (await tick(new Date(Date.now() + minutes * 60_000))).filter((job) => job.body.kind === "reminder");
  await consume(due, options);
  return due.length;
}

/**
 * The send jobs a tick at `now` leads to: its page jobs run through the
 * consumer (which queues their digests), then the reminders it queued.
 */
export async function dueJobs(now: Date | string, limits: Partial<TickLimits> = {}): Promise<QueuedMessage[]> {
  const jobs = await tick(now, limits);
  const pages = jobs.filter((job) => job.body.kind === "digest-page");
  const digests = pages.length > 0 ? (await consume(pages)).queued : [];
  return [...digests, ...jobs.filter((job) => job.body.kind !== "digest-page")];
}

/**
 * Empties what scheduled work reads, for a test to start from: a tick sees
 * every row in the database, a digest page's lease holds from one test's
 * time into another's, and the send pacers remember the slots and pauses
 * of earlier tests.
 */
export async function clearScheduledWork(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM subscriptions"),
    env.DB.prepare("DELETE FROM reminders"),
    env.DB.prepare("DELETE FROM deliveries"),
    env.DB.prepare("DELETE FROM digest_pages"),
    env.DB.prepare("DELETE FROM digest_renders"),
    env.DB.prepare("DELETE FROM broadcasts"),
    env.DB.prepare("DELETE FROM chats"),
  ]);
  await abortAllDurableObjects();
}

let nextChat = 50_000;

/** Stores an active subscription of the concierge (its news digest unless told) directly, for tests that start at the tick. */
export async function insertSubscription(options: {
  nextRunAt: string;
  platform?: PlatformName;
  chatId?: string;
  time?: string;
  zone?: string;
  digest?: string;
  /** The digest's arguments as stored (canonical JSON). */
  args?: string;
  rhythm?: string;
}) {
  const chatId = options.chatId ?? String(nextChat++);
  const result = await env.DB.prepare(
    `INSERT INTO subscriptions
       (bot, platform, chat_id, user_id, address, digest, args, rhythm, local_time, zone, next_run_at, updated_at)
     VALUES ('concierge', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id`,
  )
    .bind(
      options.platform ?? "telegram",
      chatId,
      chatId,
      JSON.stringify({ chatId }),
      options.digest ?? "news",
      options.args ?? "{}",
      options.rhythm ?? "daily",
      options.time ?? "08:00",
      options.zone ?? "Europe/Berlin",
      Date.parse(options.nextRunAt),
    )
    .first<{ id: number }>();
  return { id: result?.id ?? 0, chatId };
}

/** Stores a pending reminder of the concierge directly, for tests that start at the tick. */
export async function insertReminder(options: { dueAt: string; platform?: PlatformName; chatId?: string }) {
  const chatId = options.chatId ?? String(nextChat++);
  const result = await env.DB.prepare(
    `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, created_at)
     VALUES ('concierge', ?, ?, ?, ?, 'water the plants', ?, 0) RETURNING id`,
  )
    .bind(options.platform ?? "telegram", chatId, chatId, JSON.stringify({ chatId }), Date.parse(options.dueAt))
    .first<{ id: number }>();
  return { id: result?.id ?? 0, chatId };
}

export async function subscriptionRow(id: number) {
  return env.DB.prepare("SELECT status, next_run_at FROM subscriptions WHERE id = ?")
    .bind(id)
    .first<{ status: string; next_run_at: number }>();
}

export async function reminderStatus(id: number) {
  const row = await env.DB.prepare("SELECT status FROM reminders WHERE id = ?").bind(id).first<{ status: string }>();
  return row?.status;
}
