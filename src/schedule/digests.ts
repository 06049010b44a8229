/**
 * Digest jobs: one subscriber's digest for one run. A digest is rendered
 * once per (bot, digest, period) and shared by every subscriber: in memory
 * within a batch, through D1 across batches.
 */

import type { Bot } from "../core/intent.ts";
import type { Reply } from "../core/reply.ts";
import { createServices } from "../core/services.ts";
import { newTrace } from "../core/trace.ts";
import type { Env } from "../env.ts";
import { own } from "../lib/own.ts";
import { log } from "../log.ts";
import { createAdapterEnv } from "../platforms/adapter.ts";
import type { LedgerEntry, ScheduleStore } from "../store/schedule.ts";
import { type JobOf, renderPeriod } from "./jobs.ts";
import type { KindHandler } from "./kinds.ts";
import type { Delivery } from "./send.ts";

/** Renders each (bot, digest, period) once: from D1 when another batch already did, else now. */
function digestRenderer(store: ScheduleStore, env: Env) {
  const renders = new Map<string, Promise<Reply>>();
  return (bot: Bot, digestName: string, runAt: number): (() => Promise<Reply>) => {
    const period = renderPeriod(runAt);
    const key = `${bot.name}/${digestName}/${period}`;
    return () => {
      let render = renders.get(key);
      if (!render) {
        render = (async () => {
          const cached = (await store.cachedRenders(bot.name, digestName, [period])).get(period);
          if (cached) return cached;
          const digest = bot.digests.find((candidate) => candidate.name === digestName);
          if (!digest) throw new Error(`Bot ${bot.name} has no digest ${digestName}`);
          const reply = await digest.render({
            services: createServices(env, createAdapterEnv(env, bot, newTrace()).fetch),
            now: new Date(`${period}:00:00Z`),
          });
          await store.storeRender(bot.name, digestName, period, reply, Date.now());
          return reply;
        })();
        renders.set(key, render);
      }
      return render;
    };
  };
}

/** One delivery per (subscription, run), ever. */
function ledgerEntry(job: JobOf<"digest">): LedgerEntry {
  return { job: `subscription:${job.subscriptionId}`, period: new Date(job.runAt).toISOString() };
}

export const digests: KindHandler<"digest"> = {
  async handle(jobs, { env, registry, store }) {
    const { rows, invalid } = await store.subscriptions(jobs.map(({ job }) => job.subscriptionId));
    if (invalid.length > 0) {
      // A damaged row (an address that does not parse) is set aside once, not retried with the batch.
      log("error", "subscription_invalid", { ids: invalid.join(","), action: "paused" });
      await store.pauseSubscriptions(invalid, Date.now());
    }
    const render = digestRenderer(store, env);
    const deliveries: Delivery[] = [];
    for (const { message, job } of jobs) {
      const subscription = rows.get(job.subscriptionId);
      const bot = subscription ? own(registry.bots, subscription.bot) : undefined;
      const adapter = subscription ? own(registry.platforms, subscription.platform) : undefined;
      // Unsubscribed, paused or damaged since the job was queued: nothing to do.
      if (subscription?.status !== "active" || !bot || !adapter) {
        message.ack();
        continue;
      }
      deliveries.push({
        message,
        entry: ledgerEntry(job),
        bot,
        adapter,
        address: subscription.address,
        content: render(bot, subscription.digest, job.runAt),
        intent: `digest:${subscription.digest}`,
      });
    }
    return deliveries;
  },
  ledgerEntry,
};
