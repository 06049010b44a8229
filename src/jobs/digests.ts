/**
 * Digest jobs: one subscriber's digest for one run. A digest is rendered
 * once per (bot, digest, arguments, period, language) and shared by every
 * subscriber of that key: in memory within a batch, through D1 across
 * batches. A render whose outside call fails becomes a short notice, shared
 * and kept the same way, so that each subscriber hears of it once that period
 * and the service is not asked again for every subscriber.
 */

import { argsKey, type Digest, type DigestArgs, digestTitle } from "../core/digest.ts";
import { translator } from "../core/i18n.ts";
import type { Bot } from "../core/intent.ts";
import { resolveLocale } from "../core/locale.ts";
import type { Reply } from "../core/reply.ts";
import { createServices } from "../core/services.ts";
import { newTrace } from "../core/trace.ts";
import { describeError, log } from "../log.ts";
import { createAdapterEnv } from "../platforms/adapter.ts";
import type { JobStore } from "../store/jobs.ts";
import type { LedgerEntry } from "../store/ledger.ts";
import { recordUsage } from "../usage/record.ts";
import type { JobsEnv } from "./env.ts";
import { type JobOf, renderPeriod } from "./job.ts";
import { dispatchesOf, type KindHandler } from "./kinds.ts";

/** What one render key names. */
interface RenderKey {
  readonly bot: Bot;
  readonly digest: Digest;
  readonly args: DigestArgs;
  readonly period: string;
  readonly locale: string;
}

/** Renders the digest; an outside call that fails becomes the notice, recorded in usage as the render's failure. */
async function renderOrNotice(key: RenderKey, env: JobsEnv): Promise<{ reply: Reply; failed: boolean }> {
  const { bot, digest, args, period, locale } = key;
  const t = translator(bot, locale);
  const started = Date.now();
  try {
    const rendered = await digest.render({
      services: createServices(env, createAdapterEnv(env, bot, newTrace()).fetch),
      now: new Date(`${period}:00:00Z`),
      locale,
      t,
      args,
    });
    return { reply: { ...rendered, locale }, failed: false };
  } catch (error) {
    log("error", "digest_render_failed", { bot: bot.name, digest: digest.name, period, error: describeError(error) });
    await recordUsage(env, [
      {
        source: "queue",
        bot: bot.name,
        platform: "-",
        intent: `digest-render:${digest.name}`,
        outcome: "handler_error",
        ms: Date.now() - started,
        at: started,
      },
    ]);
    const reply = { text: t("parley-digest-failed", { digest: digestTitle(digest, args, t) }), locale };
    return { reply, failed: true };
  }
}

/** Renders each key once: from D1 when another batch already did, else now. */
function digestRenderer(store: JobStore, env: JobsEnv) {
  const renders = new Map<string, Promise<Reply>>();
  const renderOnce = async (key: RenderKey, argsText: string): Promise<Reply> => {
    const { bot, digest, period, locale } = key;
    const cached = await store.cachedRender(bot.name, digest.name, argsText, locale, period);
    if (cached) return cached;
    const { reply, failed } = await renderOrNotice(key, env);
    await store.storeRender(bot.name, digest.name, { args: argsText, period, locale, reply, failed }, Date.now());
    return reply;
  };
  return (bot: Bot, digestName: string, args: DigestArgs, runAt: number, wanted: string | null): Promise<Reply> => {
    const digest = bot.digests.find((candidate) => candidate.name === digestName);
    if (!digest) return Promise.reject(new Error(`Bot ${bot.name} has no digest ${digestName}`));
    const period = renderPeriod(runAt);
    // A language the bot has stopped speaking falls back to its default.
    const locale = resolveLocale(bot, wanted, undefined);
    const argsText = argsKey(args);
    const id = JSON.stringify([bot.name, digestName, argsText, period, locale]);
    let render = renders.get(id);
    if (!render) {
      render = renderOnce({ bot, digest, args, period, locale }, argsText);
      renders.set(id, render);
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
      const { bot, platform, address, digest, args, locale } = subscription;
      return {
        bot,
        platform,
        address,
        intent: `digest:${digest}`,
        // A digest is a list of links: its first shows a preview where the platform makes one.
        content: async (served) => ({ ...(await render(served, digest, args, job.runAt, locale)), preview: true }),
      };
    });
  },
  ledgerEntry,
};
