/**
 * The consumer's side of pacing: how fast each platform lets a bot send
 * (the adapter's `pace`; rates are settings, so a benchmark can run a faster
 * stand-in), asking the bot's `SendPacer` for send times, and telling it what
 * the platform said back (a 429's retry_after, Discord's emptied per-route
 * bucket).
 */
import * as z from "zod";
import { readPositive } from "../lib/settings.ts";
import { describeError, log } from "../log.ts";
import type { PlatformAdapter } from "../platforms/adapter.ts";
import type { SlotRequest } from "./bucket.ts";
import type { JobsEnv } from "./env.ts";

/** The bot's messages per second on the platform: the setting when it is a positive number, else the default. */
function sendRate(env: JobsEnv, adapter: PlatformAdapter): number {
  return readPositive(env, adapter.pace.rateSetting, adapter.pace.defaultRate);
}

function pacer(env: JobsEnv, platform: string, bot: string) {
  return env.PACER.get(env.PACER.idFromName(`${platform}:${bot}`));
}

/** Send times (epoch ms), one per chat in order, from the bot's pacer: one call for a whole batch. */
export async function reserveSlots(
  env: JobsEnv,
  adapter: PlatformAdapter,
  bot: string,
  chatIds: readonly string[],
): Promise<number[]> {
  const requests: SlotRequest[] = chatIds.map((chat) => ({ chat, spacingMs: adapter.pace.chatSpacingMs(chat) }));
  return pacer(env, adapter.name, bot).reserve(sendRate(env, adapter), requests);
}

function seconds(value: unknown): number | undefined {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** A 429's body: Discord says `retry_after`, Telegram `parameters.retry_after`; anything else is no answer. */
const RetryBody = z.object({
  retry_after: z.unknown().optional(),
  parameters: z.object({ retry_after: z.unknown().optional() }).optional().catch(undefined),
});

/** How long a 429 asks to wait, in seconds: a Retry-After header (Discord, Slack) or the body (Telegram, Discord). */
async function retryAfter(response: Response): Promise<number | undefined> {
  const header = seconds(response.headers.get("retry-after"));
  if (header !== undefined) return header;
  let json: unknown;
  try {
    json = await response.clone().json();
  } catch {
    return undefined;
  }
  const body = RetryBody.safeParse(json);
  if (!body.success) return undefined;
  return seconds(body.data.retry_after) ?? seconds(body.data.parameters?.retry_after);
}

/**
 * Wraps the fetch a platform client sends one scheduled message with, so
 * that what the platform says about its limits reaches the bot's pacer at
 * once (before the client waits out a 429 itself): a 429 pauses the slots of
 * every consumer; a bucket reported empty holds this chat's.
 */
export function reportingFetch(
  env: JobsEnv,
  platform: string,
  bot: string,
  chatId: string,
  inner: typeof fetch,
): typeof fetch {
  const report = async (response: Response) => {
    if (response.status === 429) {
      const wait = await retryAfter(response);
      await pacer(env, platform, bot).pause((wait ?? 1) * 1000);
    } else if (response.headers.get("x-ratelimit-remaining") === "0") {
      const reset = seconds(response.headers.get("x-ratelimit-reset-after"));
      if (reset !== undefined) await pacer(env, platform, bot).hold(chatId, reset * 1000);
    }
  };
  return async (input, init) => {
    const response = await inner(input, init);
    // The answer stands whether or not the pacer heard about it.
    await report(response).catch((error: unknown) =>
      log("error", "pacer_unreachable", { platform, bot, error: describeError(error) }),
    );
    return response;
  };
}
