/** Runs Cron ticks and queue batches the way Cloudflare would, with a queue the test can read. */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { runTick } from "../../src/schedule/cron.ts";
import type { Job } from "../../src/schedule/jobs.ts";
import { testEnv } from "./worker.ts";

export interface QueuedMessage {
  readonly id: string;
  readonly body: Job;
}

/** A stand-in for the JOBS producer that keeps what was sent. */
export function capturingQueue() {
  const sent: Job[] = [];
  const queue = {
    async send(body: Job) {
      sent.push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<Job>>) {
      for (const message of messages) sent.push(message.body);
    },
  };
  return { sent, queue: queue as unknown as Queue<Job> };
}

/** Runs a tick at `now` and returns the jobs it queued, as messages with fresh ids. */
export async function tick(now: Date | string): Promise<QueuedMessage[]> {
  const { sent, queue } = capturingQueue();
  await runTick({ DB: testEnv.DB, JOBS: queue }, new Date(now).getTime());
  return sent.map((body) => ({ id: crypto.randomUUID(), body }));
}

/** Delivers messages to the Worker's queue consumer; returns which were acknowledged and which retried. */
export async function consume(messages: readonly QueuedMessage[], options: { attempts?: number; queue?: string } = {}) {
  const batch = createMessageBatch(
    options.queue ?? "parley-jobs",
    messages.map((message) => ({
      id: message.id,
      timestamp: new Date(),
      attempts: options.attempts ?? 1,
      body: message.body,
    })),
  );
  const ctx = createExecutionContext();
  await (worker as ExportedHandler<Env>).queue?.(batch as MessageBatch<unknown>, env as unknown as Env, ctx);
  return getQueueResult(batch, ctx);
}

let nextChat = 50_000;

/** Stores an active subscription directly, for tests that start at the tick. */
export async function insertSubscription(options: {
  nextRunAt: string;
  chatId?: string;
  time?: string;
  zone?: string;
}) {
  const chatId = options.chatId ?? String(nextChat++);
  const result = await env.DB.prepare(
    `INSERT INTO subscriptions (bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, updated_at)
     VALUES ('concierge', 'telegram', ?, ?, ?, 'news', ?, ?, ?, 0) RETURNING id`,
  )
    .bind(
      chatId,
      chatId,
      JSON.stringify({ chatId }),
      options.time ?? "08:00",
      options.zone ?? "Europe/Berlin",
      Date.parse(options.nextRunAt),
    )
    .first<{ id: number }>();
  return { id: result?.id ?? 0, chatId };
}

export async function subscriptionRow(id: number) {
  return env.DB.prepare("SELECT status, next_run_at FROM subscriptions WHERE id = ?")
    .bind(id)
    .first<{ status: string; next_run_at: number }>();
}
