/**
 * The Telegram Bot API through grammY's client: `apiRoot` from
 * `TELEGRAM_API_BASE`, a request timeout, and Parley's retry policy.
 */
import { Api, type Transformer } from "grammy";
import { cached } from "../../lib/cache.ts";
import { sleep } from "../../lib/sleep.ts";
import type { AdapterEnv } from "../adapter.ts";
import { retryDelayMs } from "../retry.ts";

export const TOKEN = "TELEGRAM_BOT_TOKEN";
export const WEBHOOK_SECRET = "TELEGRAM_WEBHOOK_SECRET";

export function createApi(env: AdapterEnv): Api {
  const api = new Api(env.secret(TOKEN) ?? "", {
    apiRoot: env.setting("TELEGRAM_API_BASE"),
    // grammY's types name node-fetch's signature; the Workers fetch is what runs.
    fetch: readableServerErrors(env.fetch) as unknown as NonNullable<ConstructorParameters<typeof Api>[1]>["fetch"],
    timeoutSeconds: 10,
  });
  api.config.use(retrying(env.deadline));
  return api;
}

/**
 * A gateway in front of the Bot API answers a 502 or 504 with an HTML page,
 * which grammY cannot read and reports as a network failure (never retried).
 * Such a 5xx becomes the error result the Bot API itself gives, so that
 * `retrying` treats it like any other 5xx.
 */
function readableServerErrors(fetcher: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetcher(input, init);
    if (response.status < 500) return response;
    const text = await response.text();
    try {
      JSON.parse(text);
      return new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch {
      const description = response.statusText || `HTTP ${response.status}`;
      return Response.json({ ok: false, error_code: response.status, description }, { status: response.status });
    }
  };
}

/**
 * Retries 429s after `retry_after` and 5xx with backoff, within `deadline`.
 * grammY's own auto-retry plugin is CommonJS that requires grammY's Node
 * build, which does not load in workerd, so the policy is applied here as a
 * transformer.
 */
function retrying(deadline: number | undefined): Transformer {
  return async (call, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      const result = await call(method, payload, signal);
      const delay = result.ok
        ? undefined
        : retryDelayMs(result.error_code, result.parameters?.retry_after, attempt, deadline);
      if (delay === undefined) return result;
      await sleep(delay);
    }
  };
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
