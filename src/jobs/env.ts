/**
 * The bindings and settings the jobs runtime reads. The Worker's `Env`
 * (src/env.ts) has all of them; tests and benchmarks may pass just these.
 */
import type { UsageSinks } from "../usage/record.ts";
import type { Job } from "./job.ts";
import type { SendPacer } from "./pacer.ts";

export interface JobsEnv extends UsageSinks {
  readonly DB: D1Database;
  readonly CACHE: KVNamespace;
  /** Scheduled work and held-back replies, produced by the tick, page jobs and webhooks, consumed by this Worker. */
  readonly JOBS: Queue<Job>;
  /** One send pacer per bot and platform (`pacer.ts`). */
  readonly PACER: DurableObjectNamespace<SendPacer>;
  /** Files bots keep for their users (src/store/files.ts); without it, keeping or sending a kept file fails. */
  readonly FILES?: R2Bucket;
  /** Settings (API bases, send rates) and the bots' secrets, read by name. */
  readonly [name: string]: unknown;
}
