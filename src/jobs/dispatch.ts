/**
 * Sending what the send jobs of a batch resolved to, one dispatch at a time,
 * each at its slot from the bot's pacer: claim it in the ledger, send it, and
 * settle it in the ledger at once. A consumer that dies between two sends
 * leaves every sent message settled and at most the one in flight claimed;
 * that claim is the same queue message's to take again on its retry, or any
 * copy's once its lease has run out.
 */
import type { Bot } from "../core/intent.ts";
import type { Reply } from "../core/reply.ts";
import { newTrace } from "../core/trace.ts";
import type { ChatAddress } from "../core/update.ts";
import { sleep } from "../lib/sleep.ts";
import { describeError, log } from "../log.ts";
import { createAdapterEnv, type PlatformAdapter } from "../platforms/adapter.ts";
import { PlatformError } from "../platforms/errors.ts";
import type { Ledger, LedgerEntry, Settled } from "../store/ledger.ts";
import type { Outcome, UsageEvent } from "../usage/event.ts";
import { recordUsage } from "../usage/record.ts";
import type { JobsEnv } from "./env.ts";
import { backoffSeconds } from "./failure.ts";
import { reportingFetch, reserveSlots } from "./pacing.ts";

/** A slot further off than this (the platform paused the bot) is waited out on the queue, not in the consumer. */
const MAX_SLOT_WAIT_MS = 60 * 1000;

/** One message to one chat, resolved from a send job. */
export interface Dispatch {
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

/** One `reserve` per bot and platform for the whole batch; returns each dispatch's slot, in order. */
async function reserve(env: JobsEnv, dispatches: readonly Dispatch[]): Promise<number[]> {
  const groups = new Map<string, { dispatch: Dispatch; index: number }[]>();
  dispatches.forEach((dispatch, index) => {
    const key = `${dispatch.adapter.name}:${dispatch.bot.name}`;
    groups.set(key, [...(groups.get(key) ?? []), { dispatch, index }]);
  });
  const slots: number[] = [];
  for (const group of groups.values()) {
    const { adapter, bot } = group[0]?.dispatch ?? {};
    if (!adapter || !bot) continue;
    const chats = group.map(({ dispatch }) => dispatch.address.chatId);
    const reserved = await reserveSlots(env, adapter, bot.name, chats);
    group.forEach(({ index }, position) => {
      slots[index] = reserved[position] ?? Date.now();
    });
  }
  return slots;
}

/** Records the end of a claimed dispatch; a ledger that cannot be written is logged, and the message still acknowledged. */
async function settle(ledger: Ledger, entry: LedgerEntry, status: Settled): Promise<void> {
  try {
    await ledger.settle([{ entry, status }], Date.now());
  } catch (error) {
    log("error", "ledger_unsettled", { job: entry.job, period: entry.period, status, error: describeError(error) });
  }
}

/**
 * Claims one dispatch, sends it at its slot, and settles it; returns what
 * usage records, or undefined when it was not this copy's to send.
 */
async function dispatchOne(
  dispatch: Dispatch,
  slot: number,
  env: JobsEnv,
  ledger: Ledger,
): Promise<UsageEvent | undefined> {
  const { message, entry, bot, adapter, address } = dispatch;
  // Sent, or held by another copy of the job (possibly one in this very batch).
  if ((await ledger.claim([{ ...entry, owner: message.id }], Date.now())).size === 0) {
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
    intent: dispatch.intent,
    outcome,
    ms: Date.now() - at,
    at,
  });
  const trace = newTrace();
  const adapterEnv = createAdapterEnv(env, bot, trace);
  try {
    await adapter.push(address, [await dispatch.content()], {
      ...adapterEnv,
      fetch: reportingFetch(env, adapter.name, bot.name, address.chatId, adapterEnv.fetch),
    });
  } catch (error) {
    if (error instanceof PlatformError && error.permanent) {
      await settle(ledger, entry, "paused");
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
  await settle(ledger, entry, "sent");
  message.ack();
  log("info", "scheduled_sent", { ...fields, attempts: message.attempts, subrequests: trace.subrequests });
  return event("ok");
}

/**
 * Sends the batch's dispatches in slot order, one at a time. Usage is
 * recorded inline (nobody waits on a queue batch), also when a ledger write
 * fails and ends the invocation early.
 */
export async function dispatchAll(dispatches: readonly Dispatch[], env: JobsEnv, ledger: Ledger): Promise<void> {
  if (dispatches.length === 0) return;
  const slots = await reserve(env, dispatches);
  const ordered = dispatches
    .map((dispatch, index) => ({ dispatch, slot: slots[index] ?? 0 }))
    .sort((a, b) => a.slot - b.slot);
  const usage: UsageEvent[] = [];
  try {
    for (const { dispatch, slot } of ordered) {
      const wait = slot - Date.now();
      if (wait > MAX_SLOT_WAIT_MS) {
        dispatch.message.retry({ delaySeconds: Math.ceil(wait / 1000) });
        continue;
      }
      const event = await dispatchOne(dispatch, slot, env, ledger);
      if (event) usage.push(event);
    }
  } finally {
    await recordUsage(env, usage);
  }
}
