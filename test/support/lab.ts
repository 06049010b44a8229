/**
 * A Worker built around a throwaway bot, for pinning engine behaviour
 * (failures, concurrency, dialogs) without depending on the example bot.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../src/app.ts";
import type { Bot } from "../../src/core/intent.ts";
import type { Env } from "../../src/env.ts";
import { platforms } from "../../src/platforms/index.ts";
import type { WebhookOptions } from "../../src/webhook/index.ts";
import { type MessageOptions, messageUpdate } from "./telegram.ts";

const LAB_SECRET = "lab-webhook-secret";

/**
 * `overrides` replaces bindings or settings of the test environment (a fake
 * limiter, a failing store, a recorded model); `options` are the app's (a
 * model timer of the test's).
 */
export function labWorker(bot: Bot, overrides: Readonly<Record<string, unknown>> = {}, options: WebhookOptions = {}) {
  const app = createApp({ bots: { [bot.name]: bot }, platforms }, options);
  const labEnv = {
    ...(env as unknown as Env),
    [`${bot.secretPrefix}TELEGRAM_BOT_TOKEN`]: "777:lab-token-value",
    [`${bot.secretPrefix}TELEGRAM_WEBHOOK_SECRET`]: LAB_SECRET,
    ...overrides,
  } as Env;
  return {
    async send(text: string, options: Omit<MessageOptions, "text"> = {}): Promise<Response> {
      const ctx = createExecutionContext();
      const request = new Request(`https://parley.test/webhooks/telegram/${bot.name}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": LAB_SECRET },
        body: JSON.stringify(messageUpdate({ text, ...options })),
      });
      const response = await app.fetch(request, labEnv, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    },
  };
}
