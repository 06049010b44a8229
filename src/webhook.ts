/**
 * The path of one delivery: verify, parse, claim, acknowledge, then handle
 * after the answer has gone (`waitUntil`), so that every platform gets its
 * acknowledgement inside its deadline.
 */
import type { Context as HonoContext } from "hono";
import { handleUpdate } from "./core/engine.ts";
import type { Bot } from "./core/intent.ts";
import { createServices } from "./core/services.ts";
import type { ConversationState } from "./core/state.ts";
import { countingFetch, newTrace, type Trace } from "./core/trace.ts";
import type { Update } from "./core/update.ts";
import type { Env } from "./env.ts";
import { describeError, log } from "./log.ts";
import type { AdapterEnv, PlatformAdapter } from "./platforms/adapter.ts";
import { D1Store } from "./store/d1.ts";

export interface Registry {
  readonly bots: Readonly<Record<string, Bot>>;
  readonly platforms: Readonly<Record<string, PlatformAdapter>>;
}

export type AppEnv = { Bindings: Env };

function adapterEnv(env: Env, bot: Bot, trace: Trace): AdapterEnv {
  return {
    bot,
    secret(name) {
      const value = env[`${bot.secretPrefix}${name}`];
      return typeof value === "string" && value !== "" ? value : undefined;
    },
    setting(name) {
      const value = env[name];
      if (typeof value !== "string" || value === "") throw new Error(`Setting ${name} is not configured`);
      return value;
    },
    cache: env.CACHE,
    fetch: countingFetch(trace),
    trace,
  };
}

/** The values of the bot's secrets on this platform, so that logs can redact them. */
function secretValues(adapter: PlatformAdapter, env: AdapterEnv): string[] {
  return adapter.requiredSecrets.flatMap((name) => env.secret(name) ?? []);
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

async function process(delivery: Delivery): Promise<void> {
  const { adapter, env, update, store, started } = delivery;
  const secrets = secretValues(adapter, env);
  const base = { bot: update.bot, platform: update.platform, eventId: update.eventId };
  let intent = "-";
  let outcome = "handler_error";
  try {
    const handled = await handleUpdate({
      bot: env.bot,
      update,
      store,
      state: delivery.state,
      services: createServices(delivery.settings, env.fetch),
      now: new Date(started),
    });
    intent = handled.intent;
    outcome = handled.outcome;
    if (handled.error !== undefined) {
      log("error", "handler_failed", { ...base, intent, error: describeError(handled.error) }, secrets);
    }
    if (handled.replies.length > 0) await adapter.respond(update, handled.replies, env);
  } catch (error) {
    // The engine itself failed (storage down, platform refused): tell the user if we still can.
    outcome = "handler_error";
    log("error", "delivery_failed", { ...base, intent, error: describeError(error) }, secrets);
    await adapter.respond(update, [{ text: env.bot.texts.apology }], env).catch((sendError: unknown) => {
      log("error", "apology_failed", { ...base, error: describeError(sendError) }, secrets);
    });
  }
  log(
    "info",
    "delivery",
    {
      ...base,
      intent,
      outcome,
      ms: Date.now() - started,
      d1: env.trace.d1RoundTrips,
      subrequests: env.trace.subrequests,
    },
    secrets,
  );
}

export async function receiveWebhook(c: HonoContext<AppEnv>, registry: Registry): Promise<Response> {
  const started = Date.now();
  const adapter = registry.platforms[c.req.param("platform") ?? ""];
  const bot = registry.bots[c.req.param("bot") ?? ""];
  if (!adapter || !bot) return c.json({ error: "unknown bot or platform" }, 404);
  const trace = newTrace();
  const env = adapterEnv(c.env, bot, trace);
  if (adapter.requiredSecrets.some((name) => env.secret(name) === undefined)) {
    return c.json({ error: "unknown bot or platform" }, 404);
  }
  const body = await c.req.text();
  if (!(await adapter.verify(c.req.raw, body, env))) {
    log("info", "delivery", { bot: bot.name, platform: adapter.name, outcome: "rejected", reason: "signature" });
    return c.json({ error: "invalid signature" }, 401);
  }
  const parsed = await adapter.parse(c.req.raw, body, env);
  if (parsed.kind === "invalid") {
    log("info", "delivery", { bot: bot.name, platform: adapter.name, outcome: "rejected", reason: parsed.reason });
    return c.json({ error: parsed.reason }, 400);
  }
  if (parsed.kind === "answer") return parsed.response;
  const { update } = parsed;
  const store = new D1Store(c.env.DB, trace);
  const claim = await store.claim(update, started);
  if (!claim.claimed) {
    log("info", "delivery", { bot: bot.name, platform: adapter.name, eventId: update.eventId, outcome: "duplicate" });
    return adapter.ack(update);
  }
  c.executionCtx.waitUntil(process({ adapter, env, update, state: claim.state, store, settings: c.env, started }));
  return adapter.ack(update);
}
