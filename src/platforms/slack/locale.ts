/**
 * A Slack user's language. Slack's events and commands do not carry it:
 * `users.info` with `include_locale` does, so it is asked once a day per
 * user (kept in KV, a cache only) and quickly. A slow or failing answer
 * leaves the update without a language (the bot's default), never fails it.
 * Channel chatter not meant for the bot never costs a call: it reads only
 * what an earlier message of the same user put in the cache, which is how
 * an answer in a thread gets the language its question was asked in.
 */
import * as z from "zod";
import { cached } from "../../lib/cache.ts";
import { describeError, log } from "../../log.ts";
import type { AdapterEnv, Parsed } from "../adapter.ts";
import { authorization } from "./api.ts";

/** Short: the answer to a slash command must be on its way within three seconds. */
const LOCALE_TIMEOUT_MS = 800;
const LOCALE_CACHE_SECONDS = 24 * 60 * 60;

/** Slack's user ids (`U0123ABCD`, `W…`): anything else in a payload is not looked up, nor made a cache key. */
const USER_ID = /^[A-Z0-9]{2,32}$/;

const UserInfo = z.object({ ok: z.boolean(), user: z.object({ locale: z.string().optional() }).optional() });

function cacheKey(env: AdapterEnv, userId: string): string {
  return `slack:locale:${env.bot.name}:${userId}`;
}

/** What Slack said: the user's locale (`de-DE`), or "" when it answered without one (a missing scope, say). */
async function lookUp(env: AdapterEnv, userId: string): Promise<string> {
  const url = new URL(`${env.setting("SLACK_API_BASE")}/users.info`);
  url.search = new URLSearchParams({ user: userId, include_locale: "true" }).toString();
  const response = await env.fetch(url, {
    headers: authorization(env),
    signal: AbortSignal.timeout(LOCALE_TIMEOUT_MS),
  });
  // Nothing is kept for an answer that may be different next time.
  if (!response.ok) throw new Error(`users.info answered HTTP ${response.status}`);
  const info = UserInfo.safeParse(await response.json());
  if (!info.success) throw new Error("users.info answered something else");
  return info.data.user?.locale ?? "";
}

/** The user's Slack locale: asked of Slack when `ask` (else from the cache alone), undefined when unknown. */
export async function userLocale(env: AdapterEnv, userId: string, ask: boolean): Promise<string | undefined> {
  if (!USER_ID.test(userId)) return undefined;
  const key = cacheKey(env, userId);
  try {
    const known = ask
      ? await cached(env.cache, key, LOCALE_CACHE_SECONDS, () => lookUp(env, userId))
      : await env.cache.get<string>(key, "json");
    return known || undefined;
  } catch (error) {
    log("error", "slack_locale_failed", { bot: env.bot.name, error: describeError(error) });
    return undefined;
  }
}

/** The parsed delivery, its update carrying the user's language when Slack gives it. */
export async function withUserLocale(parsed: Parsed, env: AdapterEnv): Promise<Parsed> {
  if (parsed.kind !== "update") return parsed;
  const { update } = parsed;
  const locale = await userLocale(env, update.user.id, update.addressed);
  return locale ? { kind: "update", update: { ...update, locale } } : parsed;
}
