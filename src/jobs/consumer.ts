/**
 * The queue consumer: each job is validated on its own, handed to the row
 * of its kind in the table below, and what the rows resolve to is sent
 * (`dispatch.ts`). Adding a kind of job is adding its schema to `job.ts`
 * and a row here.
 */
import { realTimer, type Timer } from "../core/timer.ts";
import { log } from "../log.ts";
import type { Registry } from "../registry.ts";
import { JobStore } from "../store/jobs.ts";
import { Ledger, type LedgerEntry, type Settled } from "../store/ledger.ts";
import { NONE, type UsageEvent } from "../usage/event.ts";
import { recordUsage } from "../usage/record.ts";
import { answers } from "./answers.ts";
import { broadcasts } from "./broadcasts.ts";
import { digests } from "./digests.ts";
import { type Dispatch, dispatchAll } from "./dispatch.ts";
import type { JobsEnv } from "./env.ts";
import { Job, type JobKind, type JobOf } from "./job.ts";
import type { ConsumerContext, KindHandler, Received } from "./kinds.ts";
import { broadcastPages, digestPages } from "./pages.ts";
import { reminders } from "./reminders.ts";
import { replies } from "./replies.ts";

/**
 * Every kind of job and what handles it, in the order they run: held-back
 * replies and answers first (someone is waiting on them), then page jobs, so that their
 * fan-out is queued before the sends of the batch wait on their slots.
 */
const kinds: { readonly [K in JobKind]: KindHandler<K> } = {
  reply: replies,
  answer: answers,
  "digest-page": digestPages,
  "broadcast-page": broadcastPages,
  digest: digests,
  reminder: reminders,
  broadcast: broadcasts,
};

/** Runs one kind's row on the batch's jobs of that kind. */
function handleKind<K extends JobKind>(
  kind: K,
  received: readonly Received<Job>[],
  context: ConsumerContext,
): Promise<Dispatch[]> {
  const jobs = received.filter((item): item is Received<JobOf<K>> => item.job.kind === kind);
  return jobs.length > 0 ? kinds[kind].handle(jobs, context) : Promise.resolve([]);
}

/** The job in a message, or undefined (logged and acknowledged: a malformed job never succeeds). */
function parse(message: Message): Job | undefined {
  const parsed = Job.safeParse(message.body);
  if (parsed.success) return parsed.data;
  log("error", "job_invalid", { id: message.id });
  message.ack();
  return undefined;
}

export async function consumeJobs(
  batch: MessageBatch<unknown>,
  env: JobsEnv,
  registry: Registry,
  timer: Timer = realTimer,
): Promise<void> {
  const context: ConsumerContext = { env, registry, store: new JobStore(env.DB), ledger: new Ledger(env.DB), timer };
  const received = batch.messages.flatMap((message) => {
    const job = parse(message);
    return job ? [{ message, job }] : [];
  });
  const dispatches: Dispatch[] = [];
  for (const kind of Object.keys(kinds) as JobKind[]) dispatches.push(...(await handleKind(kind, received, context)));
  await dispatchAll(dispatches, env, context.ledger);
}

function ledgerEntry<K extends JobKind>(job: JobOf<K>): LedgerEntry | undefined {
  const kind: KindHandler<K> = kinds[job.kind as K];
  return kind.ledgerEntry?.(job);
}

/**
 * Jobs that ran out of retries: logged, and send jobs closed in the ledger
 * so that nothing waits on them. A page job's range is paged again by the
 * tick once its lease runs out.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: JobsEnv): Promise<void> {
  const settled: { entry: LedgerEntry; status: Settled }[] = [];
  for (const message of batch.messages) {
    const parsed = Job.safeParse(message.body);
    const entry = parsed.success ? ledgerEntry(parsed.data) : undefined;
    if (entry) settled.push({ entry, status: "dead" });
    log("error", "dead_letter", {
      id: message.id,
      kind: parsed.success ? parsed.data.kind : undefined,
      job: entry?.job,
      period: entry?.period,
      attempts: message.attempts,
    });
    message.ack();
  }
  await new Ledger(env.DB).settle(settled, Date.now());
  const dead: UsageEvent = {
    source: "queue",
    bot: NONE,
    platform: NONE,
    intent: "dead_letter",
    outcome: "handler_error",
    ms: 0,
    at: Date.now(),
  };
  await recordUsage(
    env,
    batch.messages.map(() => dead),
  );
}
