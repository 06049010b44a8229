/**
 * What every kind of job is handled with: a function from the batch's jobs
 * of that kind to the dispatches they make (a page job does its fan-out and
 * makes none), and for send jobs the ledger entry they are recorded under.
 * The consumer's table of kinds (`consumer.ts`) has one row each.
 */
import type { Bot } from "../core/intent.ts";
import type { Reply } from "../core/reply.ts";
import type { Timer } from "../core/timer.ts";
import type { ChatAddress } from "../core/update.ts";
import { lookup, type Registry } from "../registry.ts";
import type { JobStore } from "../store/jobs.ts";
import type { Ledger, LedgerEntry } from "../store/ledger.ts";
import type { Dispatch } from "./dispatch.ts";
import type { JobsEnv } from "./env.ts";
import type { JobKind, JobOf } from "./job.ts";

/** A job as it came off the queue, with the message that carried it (to acknowledge or retry). */
export interface Received<J> {
  readonly message: Message;
  readonly job: J;
}

export interface ConsumerContext {
  readonly env: JobsEnv;
  readonly registry: Registry;
  readonly store: JobStore;
  readonly ledger: Ledger;
  /** Counts out waits inside a job (a streamed answer's pace): real time unless a test passes its own. */
  readonly timer: Timer;
}

export interface KindHandler<K extends JobKind> {
  /**
   * Handles the batch's jobs of this kind. Jobs that turn into dispatches are
   * acknowledged when sent; the handler acknowledges (or retries) the rest.
   */
  handle(jobs: readonly Received<JobOf<K>>[], context: ConsumerContext): Promise<Dispatch[]>;
  /** The ledger entry of a send job: closed as dead when the job runs out of retries. */
  ledgerEntry?(job: JobOf<K>): LedgerEntry;
}

/** What a send job still has to send, as read from its row. */
export interface Sendable {
  readonly bot: string;
  readonly platform: string;
  readonly address: ChatAddress;
  /** What usage counts it as: `digest:<name>`, `reminder`, `broadcast`. */
  readonly intent: string;
  /** The reply to send (a shared digest render, a reminder, a broadcast's text), made once it is its turn. */
  content(bot: Bot): Promise<Reply>;
}

/**
 * The dispatches of a batch's send jobs: each job whose row still has
 * something to send, for a bot and platform this deployment has. The rest
 * (gone, sent, paused or damaged since they were queued) are acknowledged.
 */
export function dispatchesOf<K extends JobKind>(
  jobs: readonly Received<JobOf<K>>[],
  registry: Registry,
  ledgerEntry: (job: JobOf<K>) => LedgerEntry,
  sendable: (job: JobOf<K>) => Sendable | undefined,
): Dispatch[] {
  const dispatches: Dispatch[] = [];
  for (const { message, job } of jobs) {
    const found = sendable(job);
    const served = found && lookup(registry, found.bot, found.platform);
    if (!found || !served) {
      message.ack();
      continue;
    }
    const { bot, adapter } = served;
    const { address, intent } = found;
    dispatches.push({
      message,
      entry: ledgerEntry(job),
      bot,
      adapter,
      address,
      intent,
      content: () => found.content(bot),
    });
  }
  return dispatches;
}
