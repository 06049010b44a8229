/** Reminder jobs: one reminder, sent once to the chat it was set in, in the language of its user. */

import { translate } from "../core/i18n.ts";
import type { Bot } from "../core/intent.ts";
import { resolveLocale } from "../core/locale.ts";
import { bold, italic, link, quote, type Reply, type Span } from "../core/reply.ts";
import { log } from "../log.ts";
import type { Reminder } from "../store/jobs.ts";
import type { LedgerEntry } from "../store/ledger.ts";
import type { JobOf } from "./job.ts";
import { dispatchesOf, type KindHandler } from "./kinds.ts";

/**
 * "Reminder: text", and for a reminder about a message its quote (kept when
 * it was set, so a deleted message is still quoted) and its link.
 */
function reminderReply(bot: Bot, reminder: Reminder): Reply {
  const locale = resolveLocale(bot, reminder.locale, undefined);
  const { text, about } = reminder;
  const spans: Span[] = [bold(translate(bot, locale, "parley-reminder")), text === "" ? "" : `: ${text}`];
  const words = about ? quote(about.text) : "";
  if (words !== "") spans.push("\n", italic(`“${words}”`));
  if (about?.link) spans.push("\n", link(translate(bot, locale, "parley-reminder-open"), about.link));
  return { text: spans.filter((span) => span !== ""), locale, ...(about ? { about: about.ref } : {}) };
}

/** One dispatch per reminder, ever (reminder ids are never given out twice). */
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
    return dispatchesOf(jobs, registry, ledgerEntry, (job) => {
      const reminder = rows.get(job.reminderId);
      if (reminder?.status !== "queued") return undefined;
      const { bot, platform, address } = reminder;
      return {
        bot,
        platform,
        address,
        intent: "reminder",
        content: async (served) => reminderReply(served, reminder),
      };
    });
  },
  ledgerEntry,
};
