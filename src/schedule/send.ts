/**
 * Sending what the jobs of a batch resolved to, one delivery at a time, each
 * at its slot from the bot's pacer: claim it in the ledger, send it, and
 * settle it in the ledger at once. A consumer that dies between two sends
 * leaves every sent message settled and at most the one in flight claimed;
 * that claim is the same queue message's to take again on its retry, or any
 * copy's once its lease has run out.
 */
import type { Bot } from "../core/intent.ts";
import type { Reply } from "../core/reply.ts";
import { newTrace } from "../core/trace.ts";
import type { ChatAddress } from "../core/update.ts";
import type { Env } from "../env.ts";
import { describeError, log } from "../log.ts";
import { createAdapterEnv, type PlatformAdapter } from "../platforms/adapter.ts";
import { PlatformError } from "../platforms/errors.ts";
import { sleep } from "../platforms/retry.ts";
import type { LedgerEntry, ScheduleStore, Settled } from "../store/schedule.ts";
import type { Outcome, UsageEvent } from "../usage/event.ts";
import { recordUsage } from "../usage/record.ts";
import { reportingFetch, reserveSlots } from "./pacing.ts";

/** A slot further off than this (the platform paused the bot) is waited out on the queue, not in the consumer. */
export const MAX_SLOT_WAIT_MS = 60 * 1000;

/** One message to one chat, resolved from a send job. */
export interface Delivery {
  readonly message: Message;
  readonly entry: LedgerEntry;
  readonly bot: Bot;
  readonly adapter: PlatformAdapter;
  readonly address: ChatAddress;
  /** Resolves to the reply to send (a shared digest render, a reminder, a broadcast's text). */
  readonly content: () => Promise<Reply>;
  /** What usage counts it as: `digest:<name>`, `reminder`, `broadcast`. */
  readonly intent: string;
}

/** Seconds before a failed send is tried again: 10 s, 20 s, 40 s … at most 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

/** One `reserve` per bot and platform for the whole batch; returns each delivery's slot, in order. */
async function reserve(env: Env, deliveries: readonly Delivery[]): Promise<number[]> {
  const groups = new Map<string, { delivery: Delivery; index: number }[]>();
  deliveries.forEach((delivery, index) => {
    const key = `${delivery.adapter.name}:${delivery.bot.name}`;
    groups.set(key, [...(groups.get(key) ?? []), { delivery, index }]);
  });
  const slots: number[] = [];
  for (const group of groups.values()) {
    const { adapter, bot } = group[0]?.delivery ?? {};
    if (!adapter || !bot) continue;
    const chats = group.map(({ delivery }) => delivery.address.chatId);
    const reserved = await reserveSlots(env, adapter.name, bot.name, chats);
    group.forEach(({ index }, position) => {
      slots[index] = reserved[position] ?? Date.now();
    });
  }
  return slots;
}

/** Records the end of a claimed delivery; a ledger that cannot be written is logged, and the message still acknowledged. */
async function settle(store: ScheduleStore, entry: LedgerEntry, status: Settled): Promise<void> {
  try {
    await store.settle([{ entry, status }], Date.now());
  } catch (error) {
    log("error", "ledger_unsettled", { job: entry.job, period: entry.period, status, error: describeError(error) });
  }
}

/**
 * Claims one delivery, sends it at its slot, and settles it; returns what
 * usage records, or undefined when it was not this copy's to send.
 */
async function deliverOne(
  delivery: Delivery,
  slot: number,
  env: Env,
  store: ScheduleStore,
): Promise<UsageEvent | undefined> {
  const { message, entry, bot, adapter, address } = delivery;
  // Sent, or held by another copy of the job (possibly one in this very batch).
  if ((await store.claim([{ ...entry, owner: message.id }], Date.now())).size === 0) {
    message.ack();
    return undefined;
  }
  const wait = slot - Date.now();
  if (wait > 0) await sleep(wait);
  const fields = { job: entry.job, period: entry.period, bot: bot.name, platform: adapter.name };
  const at = Date.now();
  const event = (outcome: Outcome): UsageEvent => ({
    source: "queue",
    bot: bot.name,
    platform: adapter.name,
    intent: delivery.intent,
    outcome,
    ms: Date.now() - at,
    at,
  });
  const trace = newTrace();
  const adapterEnv = createAdapterEnv(env, bot, trace);
  try {
    await adapter.push(address, [await delivery.content()], {
      ...adapterEnv,
      fetch: reportingFetch(env, adapter.name, bot.name, address.chatId, adapterEnv.fetch),
    });
  } catch (error) {
    if (error instanceof PlatformError && error.permanent) {
      await settle(store, entry, "paused");
      message.ack();
      log("info", "scheduled_paused", { ...fields, error: describeError(error) });
      return event("rejected");
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
    message.retry({ delaySeconds });
    return event("handler_error");
  }
  await settle(store, entry, "sent");
  message.ack();
  log("info", "scheduled_sent", { ...fields, attempts: message.attempts, subrequests: trace.subrequests });
  return event("ok");
}

/**
 * Sends the batch's deliveries in slot order, one at a time. Usage is
 * recorded inline (nobody waits on a queue batch), also when a ledger write
 * fails and ends the invocation early.
 */
export async function deliverAll(deliveries: readonly Delivery[], env: Env, store: ScheduleStore): Promise<void> {
  if (deliveries.length === 0) return;
  const slots = await reserve(env, deliveries);
  const ordered = deliveries
    .map((delivery, index) => ({ delivery, slot: slots[index] ?? 0 }))
    .sort((a, b) => a.slot - b.slot);
  const usage: UsageEvent[] = [];
  try {
    for (const { delivery, slot } of ordered) {
      const wait = slot - Date.now();
      if (wait > MAX_SLOT_WAIT_MS) {
        delivery.message.retry({ delaySeconds: Math.ceil(wait / 1000) });
        continue;
      }
      const event = await deliverOne(delivery, slot, env, store);
      if (event) usage.push(event);
    }
  } finally {
    await recordUsage(env, usage);
  }
}
