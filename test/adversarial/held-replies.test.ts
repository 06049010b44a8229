/**
 * A platform that will not take a reply soon after the webhook was answered:
 * a rate limit asking for longer than the sending budget, server errors that
 * outlast the retries, a token that expired meanwhile. Nothing is waited out
 * past the budget; the replies left wait on the queue and are sent from
 * there, each at most once; a refusal is recorded and not tried again.
 */
import { env } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import type { Job } from "../../src/jobs/job.ts";
import { replyEntry } from "../../src/jobs/replies.ts";
import { platforms } from "../../src/platforms/index.ts";
import { withoutWaiting } from "../support/clock.ts";
import { DEFERRED_MESSAGE, DISCORD_API, slashCommand as discordCommand } from "../support/discord.ts";
import { capturingQueue, consume, type QueuedMessage } from "../support/jobs.ts";
import { interceptFetch, type Responder } from "../support/outbound.ts";
import {
  eventCallback,
  postedMessages,
  SLACK_API,
  slashCommand as slackCommand,
  stubUserInfo,
} from "../support/slack.ts";
import { messageUpdate, sentTexts, TELEGRAM_API } from "../support/telegram.ts";
import type { Call } from "../support/worker.ts";
import { createHarness, DISCORD_APPLICATION_ID } from "./harness.ts";

const twice = defineIntent({
  command: "twice",
  description: "Answer with two messages",
  run(ctx) {
    ctx.reply("first");
    ctx.reply("second");
  },
});

const lab = defineBot({ name: "lab", intents: [twice] });
const registry = { bots: { lab }, platforms };

/** Longer than the sending budget, shorter than what a platform client would once wait out. */
const LONG_WAIT_SECONDS = 20;

let infos: MockInstance;

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  infos = vi.spyOn(console, "info").mockImplementation(() => {});
});

/** The delivery's log line. */
function deliveryLine(): Record<string, unknown> | undefined {
  return infos.mock.calls
    .map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)
    .find((line) => line.event === "delivery");
}

/** A Worker serving the lab bot on every platform, with a queue that keeps what it is given. */
async function labWorker() {
  const { sent, delays, queue } = capturingQueue();
  const harness = await createHarness({ bots: [lab], env: (base) => ({ ...base, JOBS: queue }) as Env });
  /** The queue's one job, as the consumer will get it. */
  const queued = (): QueuedMessage => {
    expect(sent).toHaveLength(1);
    return { id: crypto.randomUUID(), body: sent[0] as Job };
  };
  const deliverQueued = (message: QueuedMessage, options: { attempts?: number; env?: Env } = {}) =>
    consume([message], { env: harness.env, registry, ...options });
  return { harness, sent, delays, queued, deliverQueued };
}

/**
 * The Worker's answer once the work it left in `waitUntil` is done, with any
 * wait a platform client starts skipped (a regression fails its assertions
 * instead of sleeping for the platform's retry_after).
 */
function answeredAndSettled(call: Promise<Call>): Promise<Response> {
  return withoutWaiting(async () => {
    const { response, settled } = await call;
    await settled;
    return response;
  });
}

/** What the ledger says of each reply of a held-back job: reply index → status. */
async function ledgerOf(message: QueuedMessage): Promise<Record<string, string>> {
  if (message.body.kind !== "reply") throw new Error("not a reply job");
  const { job } = replyEntry(message.body.update, 0);
  const { results } = await env.DB.prepare("SELECT period, status FROM deliveries WHERE job = ? ORDER BY period")
    .bind(job)
    .all<{ period: string; status: string }>();
  return Object.fromEntries(results.map((row) => [row.period, row.status]));
}

/** Answers as `limited` until the test sets `open`, then as `answer`. */
interface Switchable {
  open: boolean;
  readonly responder: Responder;
}

function switchable(limited: Responder, answer: Responder): Switchable {
  const api: Switchable = { open: false, responder: (call) => (api.open ? answer(call) : limited(call)) };
  return api;
}

describe("Telegram", () => {
  const ok: Responder = () =>
    Response.json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } });
  const tooMany: Responder = () =>
    Response.json(
      {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 20",
        parameters: { retry_after: LONG_WAIT_SECONDS },
      },
      { status: 429 },
    );
  const blocked: Responder = () =>
    Response.json(
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      { status: 403 },
    );
  /** The first `count` messages go through, every later one is rate-limited until the test opens the API. */
  function limitedAfter(count: number) {
    let calls = 0;
    return switchable((call) => (++calls <= count ? ok(call) : tooMany(call)), ok);
  }
  const send = (worker: Awaited<ReturnType<typeof labWorker>>, userId: number) => {
    const update = messageUpdate({ text: "/twice", userId });
    return withoutWaiting(() => worker.harness.deliver(worker.harness.telegram(JSON.stringify(update))));
  };

  it("sends what it can, and queues the rest with the wait Telegram asked for instead of waiting", async () => {
    const worker = await labWorker();
    const outbound = interceptFetch().on(TELEGRAM_API, limitedAfter(1).responder);
    const update = messageUpdate({ text: "/twice", userId: 60_001 });
    const response = await answeredAndSettled(worker.harness.call(worker.harness.telegram(JSON.stringify(update))));
    expect(response.status).toBe(200);
    // The second reply was tried once: its retry_after outlasts the budget.
    expect(sentTexts(outbound)).toEqual(["first", "second"]);
    expect(worker.sent).toEqual([
      {
        kind: "reply",
        update: expect.objectContaining({ platform: "telegram", bot: "lab", eventId: String(update.update_id) }),
        from: 1,
        replies: [{ text: "second", locale: "en" }],
        receivedAt: expect.any(Number),
      },
    ]);
    expect(worker.delays).toEqual([LONG_WAIT_SECONDS]);
    expect(deliveryLine()).toMatchObject({ outcome: "ok", note: "queued", queuedFrom: 1, retryIn: LONG_WAIT_SECONDS });
  });

  it("sends the queued reply once, and nothing when the job is redelivered or copied", async () => {
    const worker = await labWorker();
    const api = limitedAfter(1);
    const outbound = interceptFetch().on(TELEGRAM_API, api.responder);
    await send(worker, 60_002);
    const message = worker.queued();
    api.open = true;
    const result = await worker.deliverQueued(message);
    expect(result.explicitAcks).toEqual([message.id]);
    expect(sentTexts(outbound)).toEqual(["first", "second", "second"]);
    await worker.deliverQueued(message, { attempts: 2 });
    await worker.deliverQueued({ id: crypto.randomUUID(), body: message.body });
    expect(sentTexts(outbound)).toEqual(["first", "second", "second"]);
    expect(await ledgerOf(message)).toEqual({ "1": "sent" });
  });

  it("puts the job back for the retry_after while Telegram still refuses, without waiting for it", async () => {
    const worker = await labWorker();
    const outbound = interceptFetch().on(TELEGRAM_API, limitedAfter(1).responder);
    await send(worker, 60_003);
    const message = worker.queued();
    const result = await withoutWaiting(() => worker.deliverQueued(message));
    expect(result.retryMessages).toEqual([{ msgId: message.id, delaySeconds: LONG_WAIT_SECONDS }]);
    expect(sentTexts(outbound)).toEqual(["first", "second", "second"]);
    expect(await ledgerOf(message)).toEqual({ "1": "sending" });
  });

  it("records a refusal for good and does not try again", async () => {
    const worker = await labWorker();
    const api = switchable(tooMany, blocked);
    const outbound = interceptFetch().on(TELEGRAM_API, api.responder);
    await send(worker, 60_004);
    const message = worker.queued();
    expect(message.body).toMatchObject({ from: 0, replies: [{ text: "first" }, { text: "second" }] });
    api.open = true;
    const result = await worker.deliverQueued(message);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toEqual([message.id]);
    expect(await ledgerOf(message)).toEqual({ "0": "refused", "1": "refused" });
    await worker.deliverQueued(message, { attempts: 2 });
    expect(sentTexts(outbound)).toEqual(["first", "first"]);
  });

  it("never sends again a reply whose request may have arrived, and sends the ones after it", async () => {
    const worker = await labWorker();
    let lost = true;
    const api = switchable(tooMany, (call) => {
      if (!lost) return ok(call);
      lost = false;
      throw new TypeError("Network connection lost.");
    });
    const outbound = interceptFetch().on(TELEGRAM_API, api.responder);
    await send(worker, 60_005);
    const message = worker.queued();
    api.open = true;
    const first = await worker.deliverQueued(message);
    expect(first.retryMessages).toEqual([{ msgId: message.id, delaySeconds: 10 }]);
    expect(await ledgerOf(message)).toEqual({ "0": "unconfirmed", "1": "sending" });
    await worker.deliverQueued(message, { attempts: 2 });
    expect(sentTexts(outbound)).toEqual(["first", "first", "second"]);
    expect(await ledgerOf(message)).toEqual({ "0": "unconfirmed", "1": "sent" });
  });

  it("queues the replies after one lost in transport from the webhook, and never resends that one", async () => {
    const worker = await labWorker();
    let lost = true;
    const outbound = interceptFetch().on(TELEGRAM_API, (call) => {
      if (!lost) return ok(call);
      lost = false;
      throw new TypeError("Network connection lost.");
    });
    await send(worker, 60_006);
    expect(sentTexts(outbound)).toEqual(["first"]);
    const message = worker.queued();
    expect(message.body).toMatchObject({ from: 1, replies: [{ text: "second" }] });
    expect(worker.delays).toEqual([10]);
    expect(deliveryLine()).toMatchObject({ outcome: "handler_error", note: "queued", queuedFrom: 1 });
    await worker.deliverQueued(message);
    expect(sentTexts(outbound)).toEqual(["first", "second"]);
  });
});

describe("Discord", () => {
  const ok: Responder = () => Response.json({ id: "1500000000000000001" });
  const tooMany: Responder = () =>
    Response.json(
      { message: "You are being rate limited.", retry_after: 30, global: false },
      { status: 429, headers: { "retry-after": "30" } },
    );
  const webhookPath = (token: string) => `/api/v10/webhooks/${DISCORD_APPLICATION_ID}/${token}`;
  const calls = (outbound: ReturnType<typeof interceptFetch>) =>
    outbound
      .to(DISCORD_API)
      .map((call) => [call.method, call.url.pathname, (call.json as { content: string }).content]);

  async function start(worker: Awaited<ReturnType<typeof labWorker>>, userId: string) {
    const interaction = discordCommand("twice", {}, { userId });
    const response = await answeredAndSettled(
      worker.harness.call(await worker.harness.discord(JSON.stringify(interaction))),
    );
    expect(await response.json()).toEqual({ type: DEFERRED_MESSAGE });
    return interaction;
  }

  it("fills in the deferred message, and sends the follow-up it rate-limited later as a follow-up", async () => {
    const worker = await labWorker();
    const api = switchable((call) => (call.method === "PATCH" ? ok(call) : tooMany(call)), ok);
    const outbound = interceptFetch().on(DISCORD_API, api.responder);
    const { token } = await start(worker, "700000000000060101");
    const message = worker.queued();
    expect(message.body).toMatchObject({ from: 1, replies: [{ text: "second" }] });
    expect(worker.delays).toEqual([30]);
    api.open = true;
    await worker.deliverQueued(message);
    await worker.deliverQueued(message, { attempts: 2 });
    expect(calls(outbound)).toEqual([
      ["PATCH", `${webhookPath(token)}/messages/@original`, "first"],
      ["POST", webhookPath(token), "second"],
      ["POST", webhookPath(token), "second"],
    ]);
  });

  it("fills in the deferred message from the queue when the first reply was held back", async () => {
    const worker = await labWorker();
    const api = switchable(tooMany, ok);
    const outbound = interceptFetch().on(DISCORD_API, api.responder);
    const { token } = await start(worker, "700000000000060102");
    const message = worker.queued();
    api.open = true;
    await worker.deliverQueued(message);
    expect(calls(outbound)).toEqual([
      ["PATCH", `${webhookPath(token)}/messages/@original`, "first"],
      ["PATCH", `${webhookPath(token)}/messages/@original`, "first"],
      ["POST", webhookPath(token), "second"],
    ]);
  });

  it("queues a follow-up instead of waiting out a rate-limit bucket emptied for longer than the budget", async () => {
    const worker = await labWorker();
    const emptied = { "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "30" };
    const outbound = interceptFetch().on(DISCORD_API, () => Response.json({ id: "1" }, { headers: emptied }));
    const { token } = await start(worker, "700000000000060105");
    // The follow-up was not even tried: the bucket stays empty for longer than sending may take.
    expect(calls(outbound)).toEqual([["PATCH", `${webhookPath(token)}/messages/@original`, "first"]]);
    expect(worker.queued().body).toMatchObject({ from: 1, replies: [{ text: "second" }] });
    expect(worker.delays).toEqual([30]);
  });

  it("posts to the channel as the bot once the interaction token has expired", async () => {
    const worker = await labWorker();
    const api = switchable(tooMany, ok);
    const outbound = interceptFetch().on(DISCORD_API, api.responder);
    const interaction = await start(worker, "700000000000060103");
    const { id, body } = worker.queued();
    if (body.kind !== "reply") throw new Error("not a reply job");
    api.open = true;
    const expired = { id, body: { ...body, receivedAt: body.receivedAt - 20 * 60_000 } };
    await worker.deliverQueued(expired);
    const pushed = outbound.to(DISCORD_API).slice(1);
    expect(pushed.map((call) => [call.method, call.url.pathname, (call.json as { content: string }).content])).toEqual([
      ["POST", `/api/v10/channels/${interaction.channel_id}/messages`, "first"],
      ["POST", `/api/v10/channels/${interaction.channel_id}/messages`, "second"],
    ]);
    expect(await ledgerOf(expired)).toEqual({ "0": "sent", "1": "sent" });
  });

  it("records the replies as refused when the token has expired and there is no bot token to post with", async () => {
    const worker = await labWorker();
    const outbound = interceptFetch().on(DISCORD_API, tooMany);
    await start(worker, "700000000000060104");
    const { id, body } = worker.queued();
    if (body.kind !== "reply") throw new Error("not a reply job");
    const expired = { id, body: { ...body, receivedAt: body.receivedAt - 20 * 60_000 } };
    const withoutBotToken = { ...worker.harness.env, LAB_DISCORD_BOT_TOKEN: "" } as Env;
    const result = await worker.deliverQueued(expired, { env: withoutBotToken });
    expect(result.explicitAcks).toEqual([id]);
    expect(result.retryMessages).toEqual([]);
    expect(outbound.to(DISCORD_API)).toHaveLength(1);
    expect(await ledgerOf(expired)).toEqual({ "0": "refused", "1": "refused" });
  });
});

describe("Slack", () => {
  const ok: Responder = () => Response.json({ ok: true, channel: "D0ANN", ts: "1700000000.000001" });
  const tooMany: Responder = () =>
    Response.json(
      { ok: false, error: "ratelimited" },
      { status: 429, headers: { "retry-after": String(LONG_WAIT_SECONDS) } },
    );
  const texts = (outbound: ReturnType<typeof interceptFetch>) =>
    postedMessages(outbound).map((message) => message.text);

  it("queues what chat.postMessage rate-limits past the budget, and posts it once from the queue", async () => {
    const worker = await labWorker();
    let posts = 0;
    const api = switchable((call) => (++posts === 1 ? ok(call) : tooMany(call)), ok);
    const outbound = stubUserInfo(interceptFetch()).on(SLACK_API, api.responder);
    const event = eventCallback({ text: "twice", user: "U0OUTBOX1" });
    const request = await worker.harness.slack(JSON.stringify(event), "application/json");
    const response = await answeredAndSettled(worker.harness.call(request));
    expect(response.status).toBe(200);
    const message = worker.queued();
    expect(message.body).toMatchObject({ from: 1, replies: [{ text: "second" }], update: { eventId: event.event_id } });
    expect(worker.delays).toEqual([LONG_WAIT_SECONDS]);
    api.open = true;
    await worker.deliverQueued(message);
    await worker.deliverQueued(message, { attempts: 2 });
    expect(texts(outbound)).toEqual(["first", "second", "second"]);
  });

  it("queues a reply Slack keeps failing with 5xx once the retries inside the budget are spent", async () => {
    const worker = await labWorker();
    const api = switchable(() => new Response("", { status: 500 }), ok);
    const outbound = stubUserInfo(interceptFetch()).on(SLACK_API, api.responder);
    const event = eventCallback({ text: "twice", user: "U0OUTBOX2" });
    const request = await worker.harness.slack(JSON.stringify(event), "application/json");
    await withoutWaiting(() => worker.harness.deliver(request));
    // The first attempt and the three retries whose backoff fits in the budget.
    expect(texts(outbound)).toEqual(["first", "first", "first", "first"]);
    const message = worker.queued();
    expect(message.body).toMatchObject({ from: 0, replies: [{ text: "first" }, { text: "second" }] });
    expect(worker.delays).toEqual([10]);
    api.open = true;
    await worker.deliverQueued(message);
    expect(texts(outbound).slice(4)).toEqual(["first", "second"]);
  });

  it("posts to the channel with the bot token once the response URL has expired", async () => {
    const worker = await labWorker();
    const outbound = stubUserInfo(interceptFetch()).on("https://hooks.slack.com/", tooMany).on(SLACK_API, ok);
    const command = slackCommand({ text: "twice", channel: "C0OUTBOX" });
    const form = new URLSearchParams(command.fields).toString();
    const request = await worker.harness.slack(form, "application/x-www-form-urlencoded");
    await withoutWaiting(() => worker.harness.deliver(request));
    expect(outbound.to(command.responseUrl)).toHaveLength(1);
    const { id, body } = worker.queued();
    if (body.kind !== "reply") throw new Error("not a reply job");
    const expired = { id, body: { ...body, receivedAt: body.receivedAt - 40 * 60_000 } };
    await worker.deliverQueued(expired);
    expect(outbound.to(command.responseUrl)).toHaveLength(1);
    const posted = postedMessages(outbound).slice(1);
    expect(posted.map((message) => [message.call.url.href, message.channel, message.text])).toEqual([
      [`${SLACK_API}/chat.postMessage`, "C0OUTBOX", "first"],
      [`${SLACK_API}/chat.postMessage`, "C0OUTBOX", "second"],
    ]);
    expect(await ledgerOf(expired)).toEqual({ "0": "sent", "1": "sent" });
  });
});
