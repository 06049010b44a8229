/**
 * The Cron tick, at `now` (the controller's scheduledTime, so ticks are
 * replayable). It does not queue digests itself: it claims the ranges of
 * subscription ids that hold due rows (a lease each, in one statement) and
 * queues one page job per range, 100 to a `sendBatch`; each page job then
 * queues its digests and moves them to their next run (`pages.ts`).
 * A range whose page job is still pending is not paged again. Reminders are
 * queued directly, and queued ones whose job was lost are queued again once
 * their lease runs out. Last, the tick forgets what is past retention.
 */
import { log } from "../log.ts";
import { JobStore } from "../store/jobs.ts";
import { PRUNE_LIMITS, type PruneLimits, prune } from "../store/retention.ts";
import type { JobsEnv } from "./env.ts";
import { enqueue, type Job, SEND_BATCH_SIZE } from "./job.ts";

const MINUTE_MS = 60 * 1000;

/** How a tick pages through what is due and what to forget; tests ask for less. */
export interface TickLimits {
  /** Subscription ids per page job (a range). */
  readonly span: number;
  /** Page jobs per tick: 1,000 ranges of 1,000 ids cover a million subscriptions in ten `sendBatch` calls. */
  readonly maxPages: number;
  /** Reminders per `sendBatch`, and how many of those per tick. */
  readonly reminderPage: number;
  readonly maxReminderPages: number;
  readonly prune: PruneLimits;
}

export const TICK_LIMITS: TickLimits = {
  span: 1000,
  maxPages: 1000,
  reminderPage: SEND_BATCH_SIZE,
  maxReminderPages: 50,
  prune: PRUNE_LIMITS,
};

/** How long a digest page is left to its job before the tick pages that range again. */
export const PAGE_LEASE_MS = 5 * MINUTE_MS;
/** How long a queued reminder is left to its job before the tick queues it again (the ledger stops a double send). */
export const REMINDER_LEASE_MS = 15 * MINUTE_MS;

export interface TickResult {
  /** Page jobs queued, and how many subscriptions were due in their ranges. */
  readonly pages: number;
  readonly digests: number;
  readonly reminders: number;
}

async function queueDigestPages(env: Pick<JobsEnv, "JOBS">, store: JobStore, now: number, limits: TickLimits) {
  const leaseUntil = now + PAGE_LEASE_MS;
  const pages = await store.claimDigestPages(now, limits.span, leaseUntil, limits.maxPages);
  await enqueue(
    env.JOBS,
    pages.map(({ range }) => ({ kind: "digest-page", range, span: limits.span, at: now, leaseUntil }) satisfies Job),
  );
  return { pages: pages.length, digests: pages.reduce((sum, page) => sum + page.due, 0) };
}

async function queueReminders(env: Pick<JobsEnv, "JOBS">, store: JobStore, now: number, limits: TickLimits) {
  const leaseUntil = now + REMINDER_LEASE_MS;
  let reminders = 0;
  for (let page = 0; page < limits.maxReminderPages; page++) {
    const due = await store.dueReminders(now, leaseUntil, limits.reminderPage);
    if (due.length === 0) break;
    await enqueue(
      env.JOBS,
      due.map((id) => ({ kind: "reminder", reminderId: id }) satisfies Job),
    );
    await store.markRemindersQueued(due, leaseUntil);
    reminders += due.length;
  }
  return reminders;
}

export async function runTick(
  env: Pick<JobsEnv, "DB" | "JOBS">,
  now: number,
  limits: TickLimits = TICK_LIMITS,
): Promise<TickResult> {
  const started = Date.now();
  const store = new JobStore(env.DB);
  const { pages, digests } = await queueDigestPages(env, store, now, limits);
  const reminders = await queueReminders(env, store, now, limits);
  const pruned = await prune(env.DB, now, limits.prune);
  log("info", "tick", {
    now: new Date(now).toISOString(),
    pages,
    digests,
    reminders,
    pruned: [...pruned.values()].reduce((sum, rows) => sum + rows, 0),
    ms: Date.now() - started,
  });
  return { pages, digests, reminders };
}
