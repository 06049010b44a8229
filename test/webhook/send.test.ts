import { describe, expect, it, vi } from "vitest";
import { EMPTY_STATE } from "../../src/core/state.ts";
import { newTrace } from "../../src/core/trace.ts";
import type { Update } from "../../src/core/update.ts";
import type { PlatformAdapter } from "../../src/platforms/adapter.ts";
import { PlatformError } from "../../src/platforms/errors.ts";
import { ConversationStore } from "../../src/store/conversations.ts";
import type { Delivery, Result } from "../../src/webhook/delivery.ts";
import { answerInline, send } from "../../src/webhook/send.ts";
import { capturingQueue } from "../support/jobs.ts";
import { expired, unlimited } from "../support/time.ts";
import { arrivalAt } from "../support/webhook.ts";
import { testEnv } from "../support/worker.ts";

const update: Update = {
  platform: "telegram",
  bot: "concierge",
  eventId: "send-831",
  chat: { id: "831", kind: "private" },
  user: { id: "831", name: "Ann" },
  text: "/news",
  isButtonPress: false,
  addressed: true,
  route: { chatId: "831" },
};

/** A delivery on Telegram whose adapter has `changes` made to it, and a queue the test reads. */
function deliveryWith(changes: Partial<PlatformAdapter>) {
  const { sent, delays, queue } = capturingQueue();
  const { arrival } = arrivalAt("telegram", "concierge", { ...testEnv, JOBS: queue });
  const delivery: Delivery = {
    ...arrival,
    adapter: { ...arrival.adapter, ...changes },
    update,
    state: EMPTY_STATE,
    store: new ConversationStore(testEnv.DB, newTrace()),
  };
  return { delivery, sent, delays };
}

const replied: Result = { intent: "news", outcome: "ok", replies: [{ text: "one" }, { text: "two" }] };
const refusal = (transient: boolean, retryAfterMs?: number) =>
  new PlatformError({ platform: "telegram", code: 400, description: "no", permanent: false, transient, retryAfterMs });

describe("sending after the answer", () => {
  it("makes a delivery whose reply the platform refuses a handler_error, and keeps a refused slow-down rate_limited", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { delivery } = deliveryWith({ respond: () => Promise.reject(refusal(false)) });
    expect(await send(delivery, replied)).toMatchObject({ outcome: "handler_error" });
    const slowDown: Result = { intent: "-", outcome: "rate_limited", replies: [{ text: "slow down" }] };
    expect(await send(delivery, slowDown)).toMatchObject({ outcome: "rate_limited" });
  });

  it("puts the replies the platform asks to wait for on the queue, from the one it did not take", async () => {
    const respond: PlatformAdapter["respond"] = async (_update, _replies, _env, options) => {
      options?.onSent?.(0, undefined);
      throw refusal(true, 30_000);
    };
    const { delivery, sent, delays } = deliveryWith({ respond });
    const result = await send(delivery, replied);
    expect(result).toMatchObject({ outcome: "ok", queued: { from: 1, delaySeconds: 30 } });
    expect(sent).toMatchObject([
      { kind: "reply", from: 1, replies: [{ text: "two" }], update: { eventId: "send-831" } },
    ]);
    expect(delays).toEqual([30]);
  });

  it("makes no call for an update the bot ignored", async () => {
    const respond = vi.fn(() => Promise.resolve());
    const { delivery } = deliveryWith({ respond });
    expect(await send(delivery, { intent: "-", outcome: "ignored", replies: [] })).toMatchObject({
      outcome: "ignored",
    });
    expect(respond).not.toHaveBeenCalled();
  });
});

describe("answering inline", () => {
  /** A platform that carries replies in the webhook's answer, except for updates it calls events. */
  const inline: PlatformAdapter["inline"] = {
    budgetMs: 1500,
    accepts: (candidate) => candidate.text !== "event",
    respond: (_update, replies) => (replies.length === 1 ? Response.json({ inline: replies[0]?.text }) : undefined),
  };
  const one: Result = { intent: "news", outcome: "ok", replies: [{ text: "one" }] };
  const never = new Promise<Result>(() => {});
  /** The handler sends nothing itself before it returns. */
  const silent = new Promise<void>(() => {});

  it("answers in the webhook's answer when the handler is done within the budget", async () => {
    const { delivery } = deliveryWith({ inline });
    const answered = await answerInline(delivery, Promise.resolve(one), silent, unlimited);
    expect(await answered?.response.json()).toEqual({ inline: "one" });
    expect(answered?.result).toBe(one);
  });

  it("leaves the answer to the acknowledgement when the budget runs out, or the platform cannot carry the replies", async () => {
    const { delivery } = deliveryWith({ inline });
    expect(await answerInline(delivery, never, silent, expired)).toBeUndefined();
    expect(await answerInline(delivery, Promise.resolve(replied), silent, unlimited)).toBeUndefined();
  });

  it("leaves the answer to the acknowledgement once the handler sends replies itself", async () => {
    const { delivery } = deliveryWith({ inline });
    expect(await answerInline(delivery, never, Promise.resolve(), unlimited)).toBeUndefined();
    const afterSending: Result = { ...one, from: 1 };
    expect(await answerInline(delivery, Promise.resolve(afterSending), silent, unlimited)).toBeUndefined();
  });

  it("does not wait at all where the platform or the update cannot be answered inline", async () => {
    const { delivery: telegram } = deliveryWith({});
    expect(await answerInline(telegram, never, silent, unlimited)).toBeUndefined();
    const { delivery: event } = deliveryWith({ inline });
    const eventDelivery = { ...event, update: { ...update, text: "event" } };
    expect(await answerInline(eventDelivery, never, silent, unlimited)).toBeUndefined();
  });
});
