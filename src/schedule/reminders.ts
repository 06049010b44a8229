/** Reminder jobs: one reminder, sent once to the chat it was set in. */

import type { Reply } from "../core/reply.ts";
import { own } from "../lib/own.ts";
import { log } from "../log.ts";
import type { LedgerEntry } from "../store/schedule.ts";
import type { JobOf } from "./jobs.ts";
import type { KindHandler } from "./kinds.ts";
import type { Delivery } from "./send.ts";

function reminderReply(text: string): Reply {
  return { text: [{ style: "bold", text: "Reminder" }, `: ${text}`] };
}

/** One delivery per reminder, ever (reminder ids are never given out twice). */
function ledgerEntry(job: JobOf<"reminder">): LedgerEntry {
  return { job: `reminder:${job.reminderId}`, period: "once" };
}

export const reminders: KindHandler<"reminder"> = {
  async handle(jobs, { registry, store }) {
    const { rows, invalid } = await store.reminders(jobs.map(({ job }) => job.reminderId));
    if (invalid.length > 0) {
      // A damaged row is marked failed once, so that the tick does not queue it again.
      log("error", "reminder_invalid", { ids: invalid.join(","), action: "failed" });
      await store.failReminders(invalid);
    }
    const deliveries: Delivery[] = [];
    for (const { message, job } of jobs) {
      const reminder = rows.get(job.reminderId);
      const bot = reminder ? own(registry.bots, reminder.bot) : undefined;
      const adapter = reminder ? own(registry.platforms, reminder.platform) : undefined;
      // Sent, failed or damaged since the job was queued: nothing to do.
      if (reminder?.status !== "queued" || !bot || !adapter) {
        message.ack();
        continue;
      }
      deliveries.push({
        message,
        entry: ledgerEntry(job),
        bot,
        adapter,
        address: reminder.address,
        content: async () => reminderReply(reminder.text),
        intent: "reminder",
      });
    }
    return deliveries;
  },
  ledgerEntry,
};
