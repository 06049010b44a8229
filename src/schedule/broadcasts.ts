/** Broadcasts: an operator's message to every chat of a bot (POST /admin/broadcast), one job per chat. */

import type { PlatformName } from "../core/update.ts";
import type { Env } from "../env.ts";
import { own } from "../lib/own.ts";
import { BroadcastStore, START } from "../store/broadcasts.ts";
import type { LedgerEntry } from "../store/schedule.ts";
import { enqueue, type JobOf } from "./jobs.ts";
import type { KindHandler } from "./kinds.ts";
import { BROADCAST_PAGE_SIZE } from "./pages.ts";
import type { Delivery } from "./send.ts";

/** Long enough for an announcement; the platforms split a message that does not fit one of theirs. */
export const MAX_BROADCAST_LENGTH = 4000;

/**
 * Records a broadcast and queues its first page; the pages then walk the
 * bot's chats (src/schedule/pages.ts). Returns its id and how many chats it goes to.
 */
export async function startBroadcast(
  env: Env,
  init: { bot: string; platform: PlatformName | null; text: string },
): Promise<{ id: number; chats: number }> {
  const created = await new BroadcastStore(env.DB).create({ ...init, now: Date.now() });
  if (created.chats > 0) {
    await enqueue(env.JOBS, [
      { kind: "broadcast-page", broadcastId: created.id, after: START, pageSize: BROADCAST_PAGE_SIZE },
    ]);
  }
  return created;
}

/** One delivery per (broadcast, chat), ever. */
function ledgerEntry(job: JobOf<"broadcast">): LedgerEntry {
  return { job: `broadcast:${job.broadcastId}`, period: `${job.platform}:${job.chatId}` };
}

export const broadcasts: KindHandler<"broadcast"> = {
  async handle(jobs, { env, registry }) {
    const rows = await new BroadcastStore(env.DB).broadcasts([...new Set(jobs.map(({ job }) => job.broadcastId))]);
    const deliveries: Delivery[] = [];
    for (const { message, job } of jobs) {
      const broadcast = rows.get(job.broadcastId);
      const bot = broadcast ? own(registry.bots, broadcast.bot) : undefined;
      const adapter = own(registry.platforms, job.platform);
      // Forgotten (past retention) or for a bot this deployment no longer has: nothing to do.
      if (!broadcast || !bot || !adapter) {
        message.ack();
        continue;
      }
      deliveries.push({
        message,
        entry: ledgerEntry(job),
        bot,
        adapter,
        address: { chatId: job.chatId },
        content: async () => ({ text: broadcast.text }),
        intent: "broadcast",
      });
    }
    return deliveries;
  },
  ledgerEntry,
};
