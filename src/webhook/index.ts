/**
 * The path of one webhook delivery, step by step: resolve the bot and
 * platform, verify the signature, parse the body, claim the update, check
 * the user's rate limit, handle it (showing the platform's "working…" while
 * that takes long), send the replies, record it.
 * Each step either hands the next one what it made or gives the answer that
 * ends the delivery. The platform gets its answer inside its deadline:
 * handling goes on after it (`waitUntil`), unless the replies are ready in
 * time to travel in the answer itself and the handler sent none before.
 */
import type { Context as HonoContext } from "hono";
import type { Timer } from "../core/timer.ts";
import type { AppEnv } from "../env.ts";
import type { Registry } from "../registry.ts";
import { claim } from "./claim.ts";
import type { Arrival, Delivery, Result } from "./delivery.ts";
import { handle } from "./handle.ts";
import { slowDown, withinLimit } from "./limit.ts";
import { DeliveryMessenger } from "./messenger.ts";
import { parse } from "./parse.ts";
import { record } from "./record.ts";
import { resolve } from "./resolve.ts";
import { answerInline, send } from "./send.ts";
import { suggest } from "./suggest.ts";
import { verify } from "./verify.ts";
import { showWorking } from "./working.ts";

export interface WebhookOptions {
  /**
   * Counts out the inline budget, the suggestion timeout, the wait before
   * "working…" and the download deadline: real time by default; tests pass
   * their own, so that whether a handler was too slow is theirs to decide,
   * however busy the machine.
   */
  readonly timer?: Timer;
  /** Counts out the model's time limit (tier 2, src/ai/tier.ts): real time by default; tests pass their own. */
  readonly modelTimer?: Timer;
}

/** What is left once the answer has gone: send the replies, then record the delivery. */
async function finish(delivery: Delivery, result: Promise<Result>): Promise<void> {
  await record(delivery, await send(delivery, await result));
}

export async function receiveWebhook(
  c: HonoContext<AppEnv>,
  registry: Registry,
  options: WebhookOptions = {},
): Promise<Response> {
  const started = Date.now();
  const resolved = resolve(registry, c.req.param("platform") ?? "", c.req.param("bot") ?? "", c.env);
  if (resolved instanceof Response) return resolved;
  const arrival: Arrival = { ...resolved, settings: c.env, started, later: (work) => c.executionCtx.waitUntil(work) };

  const bytes = await verify(arrival, c.req.raw);
  if (bytes instanceof Response) return bytes;

  const parsed = await parse(arrival, c.req.raw, bytes);
  if (parsed instanceof Response) return parsed;
  if (parsed.kind === "suggest") return suggest(arrival, parsed, options.timer);

  const delivery = await claim(arrival, parsed.update);
  if (delivery instanceof Response) return delivery;
  const { adapter, update } = delivery;

  if (!(await withinLimit(delivery.settings.RATE_LIMITER, update))) {
    arrival.later(finish(delivery, slowDown(delivery)));
    return adapter.ack(update);
  }

  const messenger = new DeliveryMessenger(delivery, options.timer);
  const handled = handle(delivery, messenger, options.modelTimer);
  arrival.later(showWorking(delivery, Promise.race([handled, messenger.sending]), options.timer));
  const inline = await answerInline(delivery, handled, messenger.sending, options.timer);
  messenger.answered();
  if (inline) {
    arrival.later(record(delivery, inline.result));
    return inline.response;
  }
  arrival.later(finish(delivery, handled));
  return adapter.ack(update);
}
