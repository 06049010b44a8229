/**
 * The first level of the fan-out: a page job, in its own consumer
 * invocation, turns a page of subscriptions or of a broadcast's chats into
 * send jobs (100 to a `sendBatch`). Both are safe to run twice: a digest
 * page only picks rows still due and moves them on with a guard on the old
 * value, a broadcast page only runs from where the walk stands, and the
 * ledger sends a message queued twice once.
 */
import { nextRun as nextRunOf } from "../core/rhythm.ts";
import { parseLocalTime } from "../core/time.ts";
import { describeError, log } from "../log.ts";
import { BroadcastStore } from "../store/broadcasts.ts";
import type { DueSubscription, JobStore } from "../store/jobs.ts";
import type { JobsEnv } from "./env.ts";
import { backoffSeconds } from "./failure.ts";
import { enqueue, type Job, type JobKind, type JobOf } from "./job.ts";
import type { KindHandler, Received } from "./kinds.ts";

/** Chats per broadcast page: ten `sendBatch` calls. */
export const BROADCAST_PAGE_SIZE = 1000;

/** The subscription's next run after `now`; throws for a row whose time, zone or rhythm cannot be scheduled. */
function nextRun(row: DueSubscription, now: number): number {
  const time = parseLocalTime(row.local_time);
  if (!time) throw new Error(`bad local time ${row.local_time}`);
  return nextRunOf(time, row.zone, row.rhythm, new Date(now)).getTime();
}

/** Queues the due digests of one range of subscription ids, moves them on, and releases the range. */
async function expandDigestPage(job: JobOf<"digest-page">, env: JobsEnv, store: JobStore): Promise<void> {
  const first = job.range * job.span;
  const { rows, invalid } = await store.dueInRange(first, first + job.span, job.at);
  const jobs: Job[] = [];
  const moves: { id: number; from: number; to: number }[] = [];
  const broken = [...invalid];
  for (const row of rows.values()) {
    try {
      moves.push({ id: row.id, from: row.next_run_at, to: nextRun(row, job.at) });
      jobs.push({ kind: "digest", subscriptionId: row.id, runAt: row.next_run_at });
    } catch {
      broken.push(row.id);
    }
  }
  if (broken.length > 0) {
    // Paused, so that a row that cannot be scheduled is reported once, not every minute.
    log("error", "subscription_invalid", { ids: broken.join(","), action: "paused" });
    await store.pauseSubscriptions(broken, Date.now());
  }
  // Queued before moving on: a page job that dies in between runs again, and the ledger stops the repeat.
  await enqueue(env.JOBS, jobs);
  await store.advance(moves, { range: job.range, leaseUntil: job.leaseUntil });
}

/** Queues one page of a broadcast's chats and the next page, then moves the walk on. */
async function expandBroadcastPage(job: JobOf<"broadcast-page">, env: JobsEnv): Promise<void> {
  const store = new BroadcastStore(env.DB);
  const broadcast = (await store.broadcasts([job.broadcastId])).get(job.broadcastId);
  // Forgotten, or a copy of a page that has been walked past.
  if (!broadcast || broadcast.after_platform !== job.after.platform || broadcast.after_chat !== job.after.chatId) {
    return;
  }
  const chats = await store.chatsAfter(broadcast, job.after, job.pageSize);
  const last = chats.at(-1);
  if (!last) return;
  const next = { platform: last.platform, chatId: last.chatId };
  const jobs: Job[] = chats.map((chat) => ({ kind: "broadcast", broadcastId: broadcast.id, ...chat }));
  if (chats.length === job.pageSize) {
    jobs.push({ kind: "broadcast-page", broadcastId: broadcast.id, after: next, pageSize: job.pageSize });
  }
  // Queued before the walk moves on: a page job that dies in between runs again; never a page lost.
  await enqueue(env.JOBS, jobs);
  await store.advance(broadcast.id, job.after, next);
}

/** Runs each page job on its own: one that fails is retried with backoff, and the others go on. */
function pageHandler<K extends JobKind>(
  expand: (job: JobOf<K>, env: JobsEnv, store: JobStore) => Promise<void>,
): KindHandler<K> {
  return {
    async handle(jobs: readonly Received<JobOf<K>>[], { env, store }) {
      for (const { message, job } of jobs) {
        try {
          await expand(job, env, store);
          message.ack();
        } catch (error) {
          const delaySeconds = backoffSeconds(message.attempts);
          log("error", "page_failed", { kind: job.kind, retryIn: delaySeconds, error: describeError(error) });
          message.retry({ delaySeconds });
        }
      }
      return [];
    },
  };
}

export const digestPages = pageHandler<"digest-page">(expandDigestPage);
export const broadcastPages = pageHandler<"broadcast-page">(expandBroadcastPage);
