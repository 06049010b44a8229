/**
 * Digest jobs: one subscriber's digest for one run. A digest is rendered
 * once per (bot, digest, period, language) and shared by every subscriber
 * who reads that language: in memory within a batch, through D1 across
 * batches.
 */

import { translator } from "../core/i18n.ts";
import type { Bot } from "../core/intent.ts";
import { resolveLocale } from "../core/locale.ts";
import type { Reply } from "../core/reply.ts";
import { createServices } from "../core/services.ts";
import { newTrace } from "../core/trace.ts";
import { log } from "../log.ts";
import { createAdapterEnv } from "../platforms/adapter.ts";
import type { JobStore } from "../store/jobs.ts";
import type { LedgerEntry } from "../store/ledger.ts";
import type { JobsEnv } from "./env.ts";
import { type JobOf, renderPeriod } from "./job.ts";
import { dispatchesOf, type KindHandler } from "./kinds.ts";

/** Renders each (bot, digest, period, language) once: from D1 when another batch already did, else now. */
function digestRenderer(store: JobStore, env: JobsEnv) {
  const renders = new Map<string, Promise<Reply>>();
  const renderOnce = async (bot: Bot, digestName: string, period: string, locale: string): Promise<Reply> => {
    const cached = (await store.cachedRenders(bot.name, digestName, locale, [period])).get(period);
    if (cached) return cached;
    const digest = bot.digests.find((candidate) => candidate.name === digestName);
    if (!digest) throw new Error(`Bot ${bot.name} has no digest ${digestName}`);
    const rendered = await digest.render({
      services: createServices(env, createAdapterEnv(env, bot, newTrace()).fetch),
      now: new Date(`${period}:00:00Z`),
      locale,
      t: translator(bot, locale),
    });
    const reply = { ...rendered, locale };
    await store.storeRender(bot.name, digestName, { period, locale, reply }, Date.now());
    return reply;
  };
  return (bot: Bot, digestName: string, runAt: number, wanted: string | null): Promise<Reply> => {
    const period = renderPeriod(runAt);
    // A language the bot has stopped speaking falls back to its default.
    const locale = resolveLocale(bot, wanted, undefined);
    const key = JSON.stringify([bot.name, digestName, period, locale]);
    let render = renders.get(key);
    if (!render) {
      render = renderOnce(bot, digestName, period, locale);
      renders.set(key, render);
    }
    return render;
  };
}

/** One dispatch per (subscription, run), ever. */
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
    return dispatchesOf(jobs, registry, ledgerEntry, (job) => {
      const subscription = rows.get(job.subscriptionId);
      if (subscription?.status !== "active") return undefined;
      const { bot, platform, address, digest, locale } = subscription;
      return {
        bot,
        platform,
        address,
        intent: `digest:${digest}`,
        // A digest is a list of links: its first shows a preview where the platform makes one.
        content: async (served) => ({ ...(await render(served, digest, job.runAt, locale)), preview: true }),
      };
    });
  },
  ledgerEntry,
};
