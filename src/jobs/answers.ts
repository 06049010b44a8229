/**
 * Answers written from the queue: the model's answer streams into one
 * message, edited about once a second (src/ai/streaming.ts), and ends with
 * the whole answer, or with what came and a note when the model fails
 * halfway. Each answer is claimed in the delivery ledger first, so a
 * redelivered job writes nothing twice. The call is metered either way,
 * and an answer that came whole joins the conversation's memory.
 */
import { aiSettings } from "../ai/settings.ts";
import { streamAnswer } from "../ai/streaming.ts";
import { translate } from "../core/i18n.ts";
import type { SentReply } from "../core/outbox.ts";
import { plainText, type Reply } from "../core/reply.ts";
import { newTrace } from "../core/trace.ts";
import { describeError, log } from "../log.ts";
import { type AdapterEnv, createAdapterEnv, type PlatformAdapter } from "../platforms/adapter.ts";
import { lookup } from "../registry.ts";
import type { LedgerEntry } from "../store/ledger.ts";
import { remember } from "../store/memory.ts";
import { recordAiCall } from "../usage/ai.ts";
import { SEND_BUDGET_MS } from "./failure.ts";
import type { JobOf } from "./job.ts";
import type { ConsumerContext, KindHandler, Received } from "./kinds.ts";
import { tooLate } from "./replies.ts";

type AnswerJob = JobOf<"answer">;

/** Long enough for a few paragraphs, short enough for one message on every platform. */
const STREAMED_ANSWER_TOKENS = 800;
/** How long writing an answer may take before it is cut off. */
const ANSWER_TIMEOUT_MS = 60_000;

/** The ledger row of a delivery's streamed answer: written at most once. */
function answerEntry(job: Pick<AnswerJob, "update">): LedgerEntry {
  const { platform, bot, eventId } = job.update;
  return { job: `answer:${platform}:${bot}:${eventId}`, period: "0" };
}

/** The first text as a reply to the update (or, once the update can no longer be answered, to its chat); its edits. */
function draftOf(adapter: PlatformAdapter, job: AnswerJob, env: AdapterEnv, late: boolean) {
  const reply = (text: string): Reply => ({ text, locale: job.locale });
  return async (text: string) => {
    let sent: SentReply | undefined;
    if (late) [sent] = await adapter.push(adapter.addressOf(job.update), [reply(text)], env);
    else {
      // The webhook closed the update's own answer already (Discord's "thinking…" included): the answer follows it.
      await adapter.respond(job.update, [reply(text)], env, {
        from: 1,
        editable: true,
        onSent: (_, where) => {
          sent = where;
        },
      });
    }
    return {
      async edit(next: Reply["text"]) {
        if (sent) await adapter.edit(sent, reply(plainText(next)), env);
      },
    };
  };
}

async function answer({ message, job }: Received<AnswerJob>, context: ConsumerContext): Promise<void> {
  const { env, registry, ledger, timer } = context;
  const { update } = job;
  const fields = { bot: update.bot, platform: update.platform, eventId: update.eventId };
  const served = lookup(registry, update.bot, update.platform);
  const settings = served && aiSettings(env, served.bot, fetch);
  if (!served || !settings) {
    log("error", "answer_unservable", fields);
    message.ack();
    return;
  }
  const entry = answerEntry(job);
  const claimed = await ledger.claim([{ ...entry, owner: message.id }], Date.now());
  if (!claimed.has(message.id)) {
    message.ack();
    return;
  }
  const { bot, adapter } = served;
  const at = Date.now();
  const adapterEnv = { ...createAdapterEnv(env, bot, newTrace()), deadline: at + SEND_BUDGET_MS };
  const late = tooLate(adapter, job, at);
  const abort = new AbortController();
  const over = new AbortController();
  timer(ANSWER_TIMEOUT_MS, over.signal).then(() => abort.abort());
  try {
    const streamed = await streamAnswer({
      stream: (onText) =>
        settings.client.stream(
          {
            model: settings.model,
            messages: job.messages,
            tools: [],
            maxTokens: STREAMED_ANSWER_TOKENS,
            signal: abort.signal,
          },
          onText,
        ),
      send: draftOf(adapter, job, adapterEnv, late),
      timer,
      cutOffNote: translate(bot, job.locale, "parley-answer-cut-off"),
    });
    const ms = Date.now() - at;
    const usage = streamed.ok ? streamed.completion : { tokensIn: 0, tokensOut: 0 };
    if (!streamed.ok) log("error", "answer_cut_off", { ...fields, error: describeError(streamed.error) });
    if (streamed.ok) {
      const question = job.messages.at(-1)?.content ?? "";
      const turns = [
        { role: "user" as const, text: question },
        { role: "assistant" as const, text: streamed.text },
      ];
      await remember(env.DB, update, turns, job.receivedAt).catch((error: unknown) =>
        log("error", "ai_memory_failed", { ...fields, error: describeError(error) }),
      );
    }
    await recordAiCall(env, {
      bot: update.bot,
      platform: update.platform,
      model: settings.model,
      outcome: streamed.ok ? "answered" : "failed",
      tokensIn: usage.tokensIn,
      tokensOut: usage.tokensOut,
      ms,
      at: job.receivedAt,
      userId: update.user.id,
    });
    await ledger.settle([{ entry, status: "sent" }], Date.now());
  } catch (error) {
    // The platform refused the message itself: nothing more to show, and nothing to write twice.
    log("error", "answer_failed", { ...fields, error: describeError(error) });
    await ledger.settle([{ entry, status: "refused" }], Date.now());
  } finally {
    over.abort();
  }
  message.ack();
}

/** Writes each job's answer, one at a time (the platforms' edit limits hold per chat). */
export const answers: KindHandler<"answer"> = {
  async handle(jobs, context) {
    for (const received of jobs) await answer(received, context);
    return [];
  },
  ledgerEntry: answerEntry,
};
