/**
 * The path of one delivery: verify, parse, claim, acknowledge, then handle
 * after the answer has gone (`waitUntil`), so that every platform gets its
 * acknowledgement inside its deadline.
 */
import type { Context as HonoContext } from "hono";
import { handleUpdate } from "./core/engine.ts";
import type { Bot } from "./core/intent.ts";
import type { Reply } from "./core/reply.ts";
import { createServices } from "./core/services.ts";
import type { ConversationState } from "./core/state.ts";
import { SUGGESTION_CACHE_SECONDS, suggestionsFor } from "./core/suggest.ts";
import { type Timer, within } from "./core/timer.ts";
import { newTrace } from "./core/trace.ts";
import type { Update } from "./core/update.ts";
import type { Env } from "./env.ts";
import { own } from "./lib/own.ts";
import { describeError, log } from "./log.ts";
import { type Sending, sendOrQueue } from "./outbox/send.ts";
import { type AdapterEnv, createAdapterEnv, type Parsed, type PlatformAdapter } from "./platforms/adapter.ts";
import { shouldNotify, withinLimit, withinSuggestionBudget } from "./ratelimit.ts";
import { D1Store } from "./store/d1.ts";
import { deferredCache } from "./store/kv.ts";
import type { Outcome } from "./usage/event.ts";
import { recordUsage } from "./usage/record.ts";

export interface Registry {
  readonly bots: Readonly<Record<string, Bot>>;
  readonly platforms: Readonly<Record<string, PlatformAdapter>>;
}

export type AppEnv = { Bindings: Env };

export interface WebhookOptions {
  /**
   * Counts out the inline budget and the suggestion timeout: real time by
   * default; tests pass their own, so that whether a handler was too slow is
   * theirs to decide, however busy the machine.
   */
  readonly timer?: Timer;
}

interface Delivery {
  readonly adapter: PlatformAdapter;
  readonly env: AdapterEnv;
  readonly update: Update;
  readonly state: ConversationState;
  readonly store: D1Store;
  readonly settings: Env;
  readonly started: number;
}

interface Result {
  readonly intent: string;
  outcome: Outcome;
  readonly replies: readonly Reply[];
  /** Replies left on the queue for later (src/outbox), from this index on. */
  queued?: Sending["queued"];
}

function fieldsOf(update: Update) {
  return { bot: update.bot, platform: update.platform, eventId: update.eventId };
}

/** Runs the engine; never throws: a failure of the engine itself becomes an apology. */
async function run(delivery: Delivery): Promise<Result> {
  const { adapter, env, update } = delivery;
  try {
    const handled = await handleUpdate({
      bot: env.bot,
      update,
      store: delivery.store,
      state: delivery.state,
      services: createServices(delivery.settings, env.fetch),
      now: new Date(delivery.started),
      address: adapter.addressOf(update),
    });
    if (handled.error !== undefined) {
      const fields = { ...fieldsOf(update), intent: handled.intent, error: describeError(handled.error) };
      log("error", "handler_failed", fields);
    }
    return handled;
  } catch (error) {
    // Storage failed or conflicts never settled: nothing was saved, tell the user.
    log("error", "delivery_failed", { ...fieldsOf(update), error: describeError(error) });
    return { intent: "-", outcome: "handler_error", replies: [{ text: env.bot.texts.apology, private: true }] };
  }
}

/** Sends the replies through the platform's API (what takes too long waits on the queue), then writes the log line. */
async function send(delivery: Delivery, result: Result): Promise<void> {
  const { adapter, env, update } = delivery;
  // Called without replies too: a pressed button or a deferred command still needs closing.
  // A dropped flood message is the exception: it costs no call at all.
  const silent = result.outcome === "ignored" || (result.outcome === "rate_limited" && result.replies.length === 0);
  const outgoing = { adapter, update, replies: result.replies, env, queue: delivery.settings.JOBS };
  const sending: Sending = silent ? {} : await sendOrQueue({ ...outgoing, receivedAt: delivery.started });
  result.queued = sending.queued;
  if (sending.failed) {
    // A "slow down" that could not be sent is still a rate-limited delivery: no handler ran.
    if (result.outcome !== "rate_limited") result.outcome = "handler_error";
    const fields = { ...fieldsOf(update), intent: result.intent, error: describeError(sending.failed.error) };
    log("error", "send_failed", fields);
  }
  await finish(delivery, result);
}

/** Writes the delivery's log line and records its usage (run it after the answer has gone). */
function finish(delivery: Delivery, result: Result): Promise<void> {
  const { env, update } = delivery;
  const fields = {
    ...fieldsOf(update),
    intent: result.intent,
    outcome: result.outcome,
    ...(result.queued ? { note: "queued", queuedFrom: result.queued.from, retryIn: result.queued.delaySeconds } : {}),
    ms: Date.now() - delivery.started,
    d1: env.trace.d1RoundTrips,
    subrequests: env.trace.subrequests,
  };
  log("info", "delivery", fields);
  const { bot, platform, intent, outcome, ms } = fields;
  const userId = update.user.id;
  return recordUsage(delivery.settings, [
    { source: "webhook", bot, platform, intent, outcome, ms, at: delivery.started, userId },
  ]);
}

/** Over the user's rate limit: the window's first such delivery says "slow down", the rest say nothing. */
async function slowDown(delivery: Delivery): Promise<void> {
  const { update, env } = delivery;
  const notify = await shouldNotify(delivery.settings.DB, update, delivery.started).catch((error: unknown) => {
    log("error", "rate_limit_notice_failed", { ...fieldsOf(update), error: describeError(error) });
    return false;
  });
  const replies = notify ? [{ text: env.bot.texts.slowDown, private: true }] : [];
  await send(delivery, { intent: "-", outcome: "rate_limited", replies });
}

/** Records a delivery that ended before any handler (refused, or a retry), after the answer has gone. */
function recordEarly(
  c: HonoContext<AppEnv>,
  bot: Bot,
  adapter: PlatformAdapter,
  outcome: Outcome,
  at: number,
  options: { verified: boolean } = { verified: true },
): void {
  const event = { source: "webhook", bot: bot.name, platform: adapter.name, intent: "-", outcome, at } as const;
  c.executionCtx.waitUntil(recordUsage(c.env, [{ ...event, ms: Date.now() - at }], { rollup: options.verified }));
}

interface SuggestRequest {
  readonly bot: Bot;
  readonly adapter: PlatformAdapter;
  readonly env: AdapterEnv;
  readonly request: Extract<Parsed, { kind: "suggest" }>;
  readonly started: number;
}

/** Autocomplete: suggestions within the user's budget, through the cache, counted in usage after the answer. */
async function suggest(c: HonoContext<AppEnv>, at: SuggestRequest, options: WebhookOptions): Promise<Response> {
  const { bot, adapter, env, request, started } = at;
  const defer = (work: Promise<void>) => c.executionCtx.waitUntil(work);
  const who = { bot: bot.name, platform: adapter.name, userId: request.userId };
  const { suggestions, outcome } = await suggestionsFor(bot, request.query, {
    services: createServices(c.env, env.fetch),
    cache: deferredCache(c.env.CACHE, "suggest", SUGGESTION_CACHE_SECONDS, defer),
    spend: () => withinSuggestionBudget(c.env.SUGGEST_LIMITER, who),
    timer: options.timer,
  });
  const event = { source: "webhook", bot: bot.name, platform: adapter.name, intent: "autocomplete", outcome } as const;
  defer(recordUsage(c.env, [{ ...event, ms: Date.now() - started, at: started }]));
  return request.answer(suggestions);
}

/**
 * Strict UTF-8, decoded by hand: form-encoded bodies (Slack) are text too,
 * whatever their content type says. A leading BOM is kept, as it was sent.
 */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export async function receiveWebhook(
  c: HonoContext<AppEnv>,
  registry: Registry,
  options: WebhookOptions = {},
): Promise<Response> {
  const started = Date.now();
  const adapter = own(registry.platforms, c.req.param("platform") ?? "");
  const bot = own(registry.bots, c.req.param("bot") ?? "");
  if (!adapter || !bot) return c.json({ error: "unknown bot or platform" }, 404);
  const trace = newTrace();
  const env = createAdapterEnv(c.env, bot, trace);
  if (adapter.requiredSecrets.some((name) => env.secret(name) === undefined)) {
    return c.json({ error: "unknown bot or platform" }, 404);
  }
  // Signatures cover the bytes as sent: two bodies that decode alike must not share one.
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (!(await adapter.verify(c.req.raw, bytes, env))) {
    log("info", "delivery", { bot: bot.name, platform: adapter.name, outcome: "rejected", reason: "signature" });
    recordEarly(c, bot, adapter, "rejected", started, { verified: false });
    return c.json({ error: "invalid signature" }, 401);
  }
  const body = decodeUtf8(bytes);
  const parsed: Parsed =
    body === undefined ? { kind: "invalid", reason: "body is not UTF-8" } : await adapter.parse(c.req.raw, body, env);
  if (parsed.kind === "invalid") {
    log("info", "delivery", { bot: bot.name, platform: adapter.name, outcome: "rejected", reason: parsed.reason });
    recordEarly(c, bot, adapter, "rejected", started);
    return c.json({ error: parsed.reason }, 400);
  }
  if (parsed.kind === "answer") return parsed.response;
  if (parsed.kind === "suggest") return suggest(c, { bot, adapter, env, request: parsed, started }, options);
  const { update } = parsed;
  const store = new D1Store(c.env.DB, trace);
  const claim = await store.claim(update, started);
  if (!claim.claimed) {
    log("info", "delivery", { bot: bot.name, platform: adapter.name, eventId: update.eventId, outcome: "duplicate" });
    recordEarly(c, bot, adapter, "duplicate", started);
    return adapter.ack(update);
  }
  const delivery: Delivery = { adapter, env, update, state: claim.state, store, settings: c.env, started };
  if (!(await withinLimit(c.env.RATE_LIMITER, update))) {
    c.executionCtx.waitUntil(slowDown(delivery));
    return adapter.ack(update);
  }
  const result = run(delivery);
  if (adapter.inline && (adapter.inline.accepts?.(update) ?? true)) {
    // A fast handler is answered in the webhook response itself; a slow one is acknowledged and finished later.
    const early = await within(result, adapter.inline.budgetMs, undefined, options.timer);
    const response = early && adapter.inline.respond(update, early.replies, env);
    if (early && response) {
      c.executionCtx.waitUntil(finish(delivery, early));
      return response;
    }
  }
  c.executionCtx.waitUntil(result.then((done) => send(delivery, done)));
  return adapter.ack(update);
}
