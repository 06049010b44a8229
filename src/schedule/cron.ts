/**
 * The Cron tick: finds what is due at `now` (the controller's scheduledTime,
 * so ticks are replayable) and puts one job per message on the queue, in
 * pages. Each subscription then moves to its next run after `now`, so a
 * Worker that missed ticks catches up once, not once per missed minute.
 */
import type { Env } from "../env.ts";
import { log } from "../log.ts";
import { ScheduleStore } from "../store/schedule.ts";
import type { Job } from "./jobs.ts";
import { nextDailyRun, parseLocalTime } from "./time.ts";

/** Queue.sendBatch takes at most 100 messages. */
export const PAGE_SIZE = 100;
/**
 * Pages per tick, to stay well inside one invocation's subrequest and time
 * limits (three calls per page); whatever is left is still due next minute.
 */
export const MAX_PAGES = 150;
/** Handled delivery ids are kept this long to recognise platform retries. */
export const KEEP_EVENTS_MS = 7 * 24 * 60 * 60 * 1000;

/** How a tick pages through what is due: `PAGE_SIZE` and `MAX_PAGES` unless a test asks for less. */
export interface Paging {
  readonly pageSize: number;
  readonly maxPages: number;
}

export interface TickResult {
  readonly digests: number;
  readonly reminders: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function nextRun(row: { local_time: string; zone: string }, now: number): number {
  const time = parseLocalTime(row.local_time);
  // Stored times were checked on the way in; a damaged row still moves on a day rather than firing every minute.
  return time ? nextDailyRun(time, row.zone, new Date(now)).getTime() : now + DAY_MS;
}

export async function runTick(
  env: Pick<Env, "DB" | "JOBS">,
  now: number,
  paging: Paging = { pageSize: PAGE_SIZE, maxPages: MAX_PAGES },
): Promise<TickResult> {
  const started = Date.now();
  const store = new ScheduleStore(env.DB);
  let digests = 0;
  let reminders = 0;
  for (let page = 0; page < paging.maxPages; page++) {
    const due = await store.dueSubscriptions(now, paging.pageSize);
    if (due.length === 0) break;
    // Enqueue before advancing: a tick that dies in between is replayed, and the ledger stops the repeat.
    await env.JOBS.sendBatch(
      due.map((row) => ({ body: { kind: "digest", subscriptionId: row.id, runAt: row.next_run_at } satisfies Job })),
    );
    await store.advance(due.map((row) => ({ id: row.id, from: row.next_run_at, to: nextRun(row, now) })));
    digests += due.length;
  }
  for (let page = 0; page < paging.maxPages; page++) {
    const due = await store.dueReminders(now, paging.pageSize);
    if (due.length === 0) break;
    await env.JOBS.sendBatch(due.map((id) => ({ body: { kind: "reminder", reminderId: id } satisfies Job })));
    await store.markRemindersQueued(due);
    reminders += due.length;
  }
  await store.prune(now - KEEP_EVENTS_MS);
  log("info", "tick", { now: new Date(now).toISOString(), digests, reminders, ms: Date.now() - started });
  return { digests, reminders };
}
