/**
 * What every kind of job is handled with: a function from the batch's jobs
 * of that kind to the deliveries they make (a page job does its fan-out and
 * makes none), and for send jobs the ledger entry they are recorded under.
 * The consumer's table of kinds (src/schedule/queue.ts) has one row each.
 */
import type { Env } from "../env.ts";
import type { LedgerEntry, ScheduleStore } from "../store/schedule.ts";
import type { Registry } from "../webhook.ts";
import type { JobKind, JobOf } from "./jobs.ts";
import type { Delivery } from "./send.ts";

/** A job as it came off the queue, with the message that carried it (to acknowledge or retry). */
export interface Received<J> {
  readonly message: Message;
  readonly job: J;
}

export interface ConsumerContext {
  readonly env: Env;
  readonly registry: Registry;
  readonly store: ScheduleStore;
}

export interface KindHandler<K extends JobKind> {
  /**
   * Handles the batch's jobs of this kind. Jobs that turn into deliveries are
   * acknowledged when sent; the handler acknowledges (or retries) the rest.
   */
  handle(jobs: readonly Received<JobOf<K>>[], context: ConsumerContext): Promise<Delivery[]>;
  /** The ledger entry of a send job: closed as dead when the job runs out of retries. */
  ledgerEntry?(job: JobOf<K>): LedgerEntry;
}
