/** The messages the Cron tick (and the outbox) put on the queue, validated again when they come off it. */
import * as z from "zod";
import { ReplyJob, replyEntry } from "../outbox/job.ts";

export const Job = z.discriminatedUnion("kind", [
  /** One subscriber's digest for the run at `runAt` (UTC ms): the period of the delivery ledger. */
  z.object({ kind: z.literal("digest"), subscriptionId: z.number().int(), runAt: z.number().int() }),
  z.object({ kind: z.literal("reminder"), reminderId: z.number().int() }),
  /** Replies a webhook delivery could not send in time (src/outbox). */
  ReplyJob,
]);

export type Job = z.infer<typeof Job>;

/** The ledger key of a job: one delivery per (job, period), ever. */
export function ledgerKey(job: Job): { job: string; period: string } {
  if (job.kind === "reply") return replyEntry(job.update, job.from);
  return job.kind === "digest"
    ? { job: `subscription:${job.subscriptionId}`, period: new Date(job.runAt).toISOString() }
    : { job: `reminder:${job.reminderId}`, period: "once" };
}

/** Digests are rendered once per hour of their run, and shared by every subscriber due in that hour. */
export function renderPeriod(runAt: number): string {
  return new Date(runAt).toISOString().slice(0, 13);
}
