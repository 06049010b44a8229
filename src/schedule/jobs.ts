/**
 * The messages on the jobs queue, validated again when they come off it.
 * Two levels: page jobs (a range of subscriptions, a page of a broadcast's
 * chats) fan out into send jobs, one per message to one chat; the outbox
 * (src/outbox) adds replies a webhook delivery could not send in time. Each
 * kind is handled by a row of the consumer's table (src/schedule/queue.ts).
 */
import * as z from "zod";
import { ReplyJob } from "../outbox/job.ts";

const Id = z.number().int();

/** The subscriptions with ids in [range × span, (range + 1) × span) due at `at` (the tick's time). */
const DigestPage = z.object({
  kind: z.literal("digest-page"),
  range: Id,
  span: Id.positive(),
  at: Id,
  /** The page's lease (src/store/schedule.ts), released when the page is done. */
  leaseUntil: Id,
});

/** The next page of a broadcast's chats: those after `after` in key order. */
const BroadcastPage = z.object({
  kind: z.literal("broadcast-page"),
  broadcastId: Id,
  after: z.object({ platform: z.string(), chatId: z.string() }),
  pageSize: Id.positive(),
});

/** One subscriber's digest for the run at `runAt` (UTC ms): the period of the delivery ledger. */
const Digest = z.object({ kind: z.literal("digest"), subscriptionId: Id, runAt: Id });

const Reminder = z.object({ kind: z.literal("reminder"), reminderId: Id });

/** A broadcast's message to one chat. */
const Broadcast = z.object({
  kind: z.literal("broadcast"),
  broadcastId: Id,
  platform: z.enum(["telegram", "discord", "slack"]),
  chatId: z.string(),
});

export const Job = z.discriminatedUnion("kind", [DigestPage, BroadcastPage, Digest, Reminder, Broadcast, ReplyJob]);

export type Job = z.infer<typeof Job>;
export type JobKind = Job["kind"];
export type JobOf<K extends JobKind> = Extract<Job, { kind: K }>;

/** Digests are rendered once per hour of their run, and shared by every subscriber due in that hour. */
export function renderPeriod(runAt: number): string {
  return new Date(runAt).toISOString().slice(0, 13);
}

/** Queue.sendBatch takes at most 100 messages. */
export const SEND_BATCH_SIZE = 100;

/** Puts jobs on the queue, 100 to a call. */
export async function enqueue(queue: Queue<Job>, jobs: readonly Job[]): Promise<void> {
  for (let start = 0; start < jobs.length; start += SEND_BATCH_SIZE) {
    await queue.sendBatch(jobs.slice(start, start + SEND_BATCH_SIZE).map((body) => ({ body })));
  }
}
