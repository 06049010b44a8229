/**
 * The Telegram Bot API through grammY's client: `apiRoot` from
 * `TELEGRAM_API_BASE`, a request timeout, and 429 `retry_after` honoured by
 * grammY's auto-retry transformer with a bounded number of attempts.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { cached } from "../../store/kv.ts";
import type { AdapterEnv } from "../adapter.ts";

export const TOKEN = "TELEGRAM_BOT_TOKEN";
export const WEBHOOK_SECRET = "TELEGRAM_WEBHOOK_SECRET";

export function createApi(env: AdapterEnv): Api {
  const api = new Api(env.secret(TOKEN) ?? "", {
    apiRoot: env.setting("TELEGRAM_API_BASE"),
    // grammY's types name node-fetch's signature; the Workers fetch is what runs.
    fetch: env.fetch as unknown as NonNullable<ConstructorParameters<typeof Api>[1]>["fetch"],
    timeoutSeconds: 10,
  });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: false }));
  return api;
}

/** The bot's user id is the number before the colon in its token. */
export function botIdOf(token: string): number {
  return Number(token.split(":", 1)[0]);
}

/** The bot's @username, from getMe, cached in KV for a day (it rarely changes). */
export function botUsername(env: AdapterEnv): Promise<string | undefined> {
  const token = env.secret(TOKEN) ?? "";
  return cached(env.cache, `telegram:username:${env.bot.name}:${botIdOf(token)}`, 86_400, async () => {
    const me = await createApi(env).getMe();
    return me.username;
  });
}
