/**
 * The D1 rollup's side of recording usage: summing events into rollup rows,
 * and writing them coalesced per isolate (a group commit).
 *
 * An isolate under load handles many deliveries at once; a D1 batch for each
 * one's usage would double the D1 work of a stateless command. Instead at
 * most one rollup write is in flight per database and isolate: the event
 * that finds none starts a writer, which gathers the events that keep
 * arriving (for up to a tenth of a second) into one write; events that
 * arrive while it writes wait in memory and go into its next write. Its
 * caller keeps its own `waitUntil` open for it, so no promise or I/O
 * crosses from one request to another. A quiet isolate's event is written
 * after one short wait, alone.
 */
import { sleep } from "../lib/sleep.ts";
import { describeError, log } from "../log.ts";
import { type ActiveUser, type RollupRow, UsageStore } from "../store/usage.ts";
import { bucketOf } from "./buckets.ts";
import type { Outcome, UsageEvent } from "./event.ts";

const HOUR_MS = 60 * 60 * 1000;

/** Outcomes that make a user count as active: they talked to the bot, even too much. */
const ACTIVE: ReadonlySet<Outcome> = new Set(["ok", "user_error", "handler_error", "rate_limited"]);

/** Sums events into rollup rows (one per hour and key and bucket) and the hours' active users. */
export function rollUp(
  events: readonly UsageEvent[],
  hashes: readonly (string | undefined)[],
): { rows: RollupRow[]; users: ActiveUser[] } {
  const rows = new Map<string, RollupRow>();
  const users = new Map<string, ActiveUser>();
  events.forEach((event, index) => {
    const hour = event.at - (event.at % HOUR_MS);
    const ms = Math.max(0, Math.round(event.ms));
    const bucket = bucketOf(ms);
    const key = JSON.stringify([hour, event.bot, event.platform, event.source, event.intent, event.outcome, bucket]);
    const row = rows.get(key);
    rows.set(key, {
      hour,
      bot: event.bot,
      platform: event.platform,
      source: event.source,
      intent: event.intent,
      outcome: event.outcome,
      bucket,
      count: (row?.count ?? 0) + 1,
      totalMs: (row?.totalMs ?? 0) + ms,
    });
    const userHash = hashes[index];
    if (userHash !== undefined && ACTIVE.has(event.outcome)) {
      users.set(JSON.stringify([hour, event.bot, event.platform, userHash]), {
        hour,
        bot: event.bot,
        platform: event.platform,
        userHash,
      });
    }
  });
  return { rows: [...rows.values()], users: [...users.values()] };
}

/** An event with its user's pseudonym (undefined when it has no user). */
export interface HashedEvent {
  readonly event: UsageEvent;
  readonly userHash: string | undefined;
}

/** Events per D1 batch: each distinct user is a statement of its own, and a batch should stay small. */
const MAX_EVENTS_PER_WRITE = 100;
/**
 * A writer hands over after this long, so that a steady stream of other
 * requests' events never holds one request's `waitUntil` open for long
 * (Workers end it 30 s after the response).
 */
const HANDOVER_MS = 5_000;
/**
 * A new writer waits `GATHER_TICK_MS` for company, and again as long as
 * events arrived during the last wait, up to `GATHER_TICKS` waits. Under load
 * it turns one write per two or three deliveries into one per dozens (about
 * 8% more deliveries a second through local workerd, `npm run bench`); when
 * the isolate is quiet it costs one short wait.
 */
const GATHER_TICK_MS = 10;
const GATHER_TICKS = 10;
/** A writer that has not finished a write for this long was cancelled with its request: the next event starts another. */
const STALE_MS = 20_000;

interface Writer {
  /** When it last started or finished a write. */
  lastProgress: number;
}

interface Queue {
  readonly pending: HashedEvent[];
  writer: Writer | undefined;
}

const queues = new WeakMap<D1Database, Queue>();

/** Writes `events` in batches of at most MAX_EVENTS_PER_WRITE; a failed batch is logged and the rest still go. */
async function write(db: D1Database, events: readonly HashedEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += MAX_EVENTS_PER_WRITE) {
    const chunk = events.slice(start, start + MAX_EVENTS_PER_WRITE);
    try {
      const { rows, users } = rollUp(
        chunk.map(({ event }) => event),
        chunk.map(({ userHash }) => userHash),
      );
      await new UsageStore(db).add(rows, users);
    } catch (error) {
      log("error", "usage_write_failed", { sink: "d1", events: chunk.length, error: describeError(error) });
    }
  }
}

/** Waits while events keep arriving: each wait that brought one is followed by another, up to the last. */
async function gather(queue: Queue): Promise<void> {
  for (let tick = 0; tick < GATHER_TICKS; tick++) {
    const before = queue.pending.length;
    await sleep(GATHER_TICK_MS);
    if (queue.pending.length === before) return;
  }
}

/**
 * Adds `events` to the rollup. Resolves once they are written, or at once
 * when the writer in flight will take them. Never throws: a failed write is
 * logged, and the work it measured stands.
 */
export async function addToRollup(db: D1Database, events: readonly HashedEvent[]): Promise<void> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { pending: [], writer: undefined };
    queues.set(db, queue);
  }
  queue.pending.push(...events);
  const current = queue.writer;
  if (current && Date.now() - current.lastProgress < STALE_MS) return;

  const started = Date.now();
  const writer: Writer = { lastProgress: started };
  queue.writer = writer;
  try {
    await gather(queue);
    while (queue.pending.length > 0 && Date.now() - started < HANDOVER_MS) {
      await write(db, queue.pending.splice(0));
      writer.lastProgress = Date.now();
    }
  } finally {
    if (queue.writer === writer) queue.writer = undefined;
  }
  // Handed over: what is pending now is written here; later events start a writer of their own.
  await write(db, queue.pending.splice(0));
}
