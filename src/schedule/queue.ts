/**
 * The queue consumer: turns jobs into messages. Each delivery is claimed in
 * the ledger first, so a redelivered message, a replayed tick or two
 * overlapping ticks never send twice; a digest is rendered once per period
 * and shared by all its subscribers in the batch (and later batches, via D1).
 */
import type { Bot } from "../core/intent.ts";
import type { Reply } from "../core/reply.ts";
import { createServices } from "../core/services.ts";
import { newTrace } from "../core/trace.ts";
import type { ChatAddress } from "../core/update.ts";
import type { Env } from "../env.ts";
import { describeError, log } from "../log.ts";
import { consumeReplies, isHeldReply } from "../outbox/consume.ts";
import type { ReplyJob } from "../outbox/job.ts";
import { createAdapterEnv, type PlatformAdapter } from "../platforms/adapter.ts";
import { PlatformError } from "../platforms/errors.ts";
import { type LedgerEntry, ScheduleStore, type Settled } from "../store/schedule.ts";
import { NONE, type Outcome, type UsageEvent } from "../usage/event.ts";
import { recordUsage } from "../usage/record.ts";
import type { Registry } from "../webhook.ts";
import { Job, ledgerKey, renderPeriod } from "./jobs.ts";

/** Seconds before a failed send is tried again: 10 s, 20 s, 40 s … at most 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

interface Delivery {
  readonly message: Message;
  readonly entry: LedgerEntry;
  readonly bot: Bot;
  readonly adapter: PlatformAdapter;
  readonly address: ChatAddress;
  /** Resolves to the reply to send (a shared digest render, or the reminder). */
  readonly content: () => Promise<Reply>;
  /** What usage counts it as: `digest:<name>` or `reminder`. */
  readonly intent: string;
}

function reminderReply(text: string): Reply {
  return { text: [{ style: "bold", text: "Reminder" }, `: ${text}`] };
}

/** Renders each (bot, digest, period) once: from D1 when another batch already did, else now. */
function digestRenderer(store: ScheduleStore, env: Env, now: number) {
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
          const trace = newTrace();
          const reply = await digest.render({
            services: createServices(env, createAdapterEnv(env, bot, trace).fetch),
            now: new Date(`${period}:00:00Z`),
          });
          await store.storeRender(bot.name, digestName, period, reply, now);
          return reply;
        })();
        renders.set(key, render);
      }
      return render;
    };
  };
}

/** Resolves each valid job to a delivery; jobs whose source is gone or paused are acknowledged. */
async function resolve(messages: readonly Message[], env: Env, registry: Registry, store: ScheduleStore) {
  const now = Date.now();
  const jobs: { message: Message; job: Exclude<Job, ReplyJob> }[] = [];
  for (const message of messages) {
    const parsed = Job.safeParse(message.body);
    if (parsed.success && parsed.data.kind !== "reply") jobs.push({ message, job: parsed.data });
    else {
      log("error", "job_invalid", { id: message.id });
      message.ack();
    }
  }
  const subscriptionIds = jobs.flatMap(({ job }) => (job.kind === "digest" ? [job.subscriptionId] : []));
  const reminderIds = jobs.flatMap(({ job }) => (job.kind === "reminder" ? [job.reminderId] : []));
  const [subscriptions, reminders] = await Promise.all([
    store.subscriptions(subscriptionIds),
    store.reminders(reminderIds),
  ]);
  const render = digestRenderer(store, env, now);
  const deliveries: Delivery[] = [];
  for (const { message, job } of jobs) {
    const target = job.kind === "digest" ? subscriptions.get(job.subscriptionId) : reminders.get(job.reminderId);
    const bot = target ? registry.bots[target.bot] : undefined;
    const adapter = target ? registry.platforms[target.platform] : undefined;
    let content: (() => Promise<Reply>) | undefined;
    if (job.kind === "digest") {
      const subscription = subscriptions.get(job.subscriptionId);
      if (subscription?.status === "active" && bot) content = render(bot, subscription.digest, job.runAt);
    } else {
      const reminder = reminders.get(job.reminderId);
      if (reminder?.status === "queued") content = async () => reminderReply(reminder.text);
    }
    // Unsubscribed, paused or already sent since the job was queued: nothing to do.
    if (!target || !bot || !adapter || !content) {
      message.ack();
      continue;
    }
    const intent = job.kind === "digest" ? `digest:${subscriptions.get(job.subscriptionId)?.digest}` : "reminder";
    deliveries.push({ message, entry: ledgerKey(job), bot, adapter, address: target.address, content, intent });
  }
  return deliveries;
}

export async function consumeJobs(batch: MessageBatch<unknown>, env: Env, registry: Registry): Promise<void> {
  // Replies a webhook delivery held back have a consumer of their own.
  const held = batch.messages.filter(isHeldReply);
  await consumeReplies(held, env, registry);
  const store = new ScheduleStore(env.DB);
  const scheduled = batch.messages.filter((message) => !held.includes(message));
  const deliveries = await resolve(scheduled, env, registry, store);
  const senders = await store.claim(
    deliveries.map((delivery) => ({ ...delivery.entry, owner: delivery.message.id })),
    Date.now(),
  );
  const settled: { entry: LedgerEntry; status: Settled }[] = [];
  const usage: UsageEvent[] = [];
  // One at a time: a digest to many chats must stay inside the platforms' rate limits.
  for (const delivery of deliveries) {
    const { message, entry } = delivery;
    // Sent, or claimed by another copy of the job (possibly one in this very batch).
    if (!senders.has(message.id)) {
      message.ack();
      continue;
    }
    const fields = { job: entry.job, period: entry.period, bot: delivery.bot.name, platform: delivery.adapter.name };
    const at = Date.now();
    const meter = (outcome: Outcome) =>
      usage.push({
        source: "queue",
        bot: fields.bot,
        platform: fields.platform,
        intent: delivery.intent,
        outcome,
        ms: Date.now() - at,
        at,
      });
    try {
      const trace = newTrace();
      await delivery.adapter.push(
        delivery.address,
        [await delivery.content()],
        createAdapterEnv(env, delivery.bot, trace),
      );
      settled.push({ entry, status: "sent" });
      meter("ok");
      message.ack();
      log("info", "scheduled_sent", { ...fields, attempts: message.attempts, subrequests: trace.subrequests });
    } catch (error) {
      if (error instanceof PlatformError && error.permanent) {
        settled.push({ entry, status: "paused" });
        meter("rejected");
        message.ack();
        log("info", "scheduled_paused", { ...fields, error: describeError(error) });
        continue;
      }
      const delaySeconds =
        error instanceof PlatformError && error.retryAfterMs !== undefined
          ? Math.ceil(error.retryAfterMs / 1000)
          : backoffSeconds(message.attempts);
      log("error", "scheduled_failed", {
        ...fields,
        attempts: message.attempts,
        retryIn: delaySeconds,
        error: describeError(error),
      });
      meter("handler_error");
      message.retry({ delaySeconds });
    }
  }
  await store.settle(settled, Date.now());
  // Nobody waits on a queue batch: recorded inline, and a failed write is only logged.
  await recordUsage(env, usage);
}

/** Jobs that ran out of retries: logged, and closed in the ledger so nothing waits on them. */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const store = new ScheduleStore(env.DB);
  const settled: { entry: LedgerEntry; status: Settled }[] = [];
  for (const message of batch.messages) {
    const parsed = Job.safeParse(message.body);
    if (parsed.success) {
      const entry = ledgerKey(parsed.data);
      settled.push({ entry, status: "dead" });
      log("error", "dead_letter", { job: entry.job, period: entry.period, attempts: message.attempts });
    } else {
      log("error", "dead_letter", { id: message.id });
    }
    message.ack();
  }
  await store.settle(settled, Date.now());
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
