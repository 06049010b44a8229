/** Broadcasts: an operator's message to every chat of a bot (POST /admin/broadcast), one job per chat. */

import { BroadcastStore, START } from "../store/broadcasts.ts";
import type { LedgerEntry } from "../store/ledger.ts";
import type { JobsEnv } from "./env.ts";
import { enqueue, type JobOf } from "./job.ts";
import { dispatchesOf, type KindHandler } from "./kinds.ts";
import { BROADCAST_PAGE_SIZE } from "./pages.ts";

/** Long enough for an announcement; the platforms split a message that does not fit one of theirs. */
export const MAX_BROADCAST_LENGTH = 4000;

/**
 * Records a broadcast and queues its first page; the pages then walk the
 * bot's chats (`pages.ts`). Returns its id and how many chats it goes to.
 */
export async function startBroadcast(
  env: Pick<JobsEnv, "DB" | "JOBS">,
  init: { bot: string; platform: string | null; text: string },
): Promise<{ id: number; chats: number }> {
  const created = await new BroadcastStore(env.DB).create({ ...init, now: Date.now() });
  if (created.chats > 0) {
    await enqueue(env.JOBS, [
      { kind: "broadcast-page", broadcastId: created.id, after: START, pageSize: BROADCAST_PAGE_SIZE },
    ]);
  }
  return created;
}

/** One dispatch per (broadcast, chat), ever. */
function ledgerEntry(job: JobOf<"broadcast">): LedgerEntry {
  return { job: `broadcast:${job.broadcastId}`, period: `${job.platform}:${job.chatId}` };
}

export const broadcasts: KindHandler<"broadcast"> = {
  async handle(jobs, { env, registry }) {
    const rows = await new BroadcastStore(env.DB).broadcasts([...new Set(jobs.map(({ job }) => job.broadcastId))]);
    return dispatchesOf(jobs, registry, ledgerEntry, (job) => {
      // Forgotten (past retention): nothing to do.
      const broadcast = rows.get(job.broadcastId);
      if (!broadcast) return undefined;
      const address = { chatId: job.chatId };
      return {
        bot: broadcast.bot,
        platform: job.platform,
        address,
        intent: "broadcast",
        content: async () => ({ text: broadcast.text }),
      };
    });
  },
  ledgerEntry,
};
