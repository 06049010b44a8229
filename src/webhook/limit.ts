/**
 * Limit: per-user flood control, after a delivery is claimed and before any
 * handler runs. Counting is the Workers Rate Limiting binding's job
 * (`RATE_LIMITER` in wrangler.toml): it answers from the location's own
 * counters without a storage round trip, so a flood is dropped cheaply, and
 * its count is approximate across locations, which is fine for a limit.
 * What must be exact is that a flooding user hears "slow down" once per
 * window and then nothing: that is a unique insert in D1, made only for
 * deliveries over the limit, after the platform has its answer.
 */
import { translate } from "../core/i18n.ts";
import { localeFor } from "../core/locale.ts";
import type { Update } from "../core/update.ts";
import { describeError, log } from "../log.ts";
import { claimNotice } from "../store/notices.ts";
import { type Delivery, logFields, type Result } from "./delivery.ts";

/** The limiter's period: must match `period` of `RATE_LIMITER` in wrangler.toml. */
const RATE_WINDOW_MS = 60_000;

/** Who is counted: one user of one bot on one platform. */
interface Counted {
  readonly bot: string;
  readonly platform: string;
  readonly userId: string;
}

/**
 * Whether `who` is within `limiter`'s limit, counting this call. Without the
 * binding, or when it fails, everything passes: a broken limiter must not
 * silence the bot.
 */
async function within(limiter: RateLimit | undefined, who: Counted): Promise<boolean> {
  if (!limiter) return true;
  try {
    const { success } = await limiter.limit({ key: `${who.bot}/${who.platform}/${who.userId}` });
    return success;
  } catch (error) {
    log("error", "rate_limit_failed", { bot: who.bot, platform: who.platform, error: describeError(error) });
    return true;
  }
}

/**
 * Whether the update's user is within the limit. Only messages meant for
 * the bot count, so that a busy group's chatter never earns anyone a
 * "slow down".
 */
export async function withinLimit(limiter: RateLimit | undefined, update: Update): Promise<boolean> {
  if (!update.addressed) return true;
  return within(limiter, { bot: update.bot, platform: update.platform, userId: update.user.id });
}

/**
 * Whether a user typing may have their text looked up once more
 * (`SUGGEST_LIMITER`, 10 a minute): each keystroke of autocomplete is a
 * request, and each look-up may cost an outside call.
 */
export function withinSuggestionBudget(limiter: RateLimit | undefined, who: Counted): Promise<boolean> {
  return within(limiter, who);
}

/**
 * Users this isolate already settled the notice for in the current window
 * (whether it sent it or lost the claim), so that the rest of a flood
 * costs no D1 write. Reset when the window moves on; holds only flooders.
 */
let settled = { windowStart: 0, users: new Set<string>() };

/** True for the one over-limit delivery per user and window that sends the "slow down". */
export async function shouldNotify(db: D1Database, update: Update, now: number): Promise<boolean> {
  const windowStart = now - (now % RATE_WINDOW_MS);
  if (settled.windowStart !== windowStart) settled = { windowStart, users: new Set() };
  const user = `${update.bot}/${update.platform}/${update.user.id}`;
  if (settled.users.has(user)) return false;
  settled.users.add(user);
  return claimNotice(db, update, windowStart);
}

/** Over the limit: no handler runs; the window's first such delivery says "slow down", the rest say nothing. */
export async function slowDown(delivery: Delivery): Promise<Result> {
  const { update } = delivery;
  const notify = await shouldNotify(delivery.settings.DB, update, delivery.started).catch((error: unknown) => {
    log("error", "rate_limit_notice_failed", { ...logFields(update), error: describeError(error) });
    return false;
  });
  if (!notify) return { intent: "-", outcome: "rate_limited", replies: [] };
  const { bot, state } = delivery;
  const locale = localeFor(bot, update, state);
  const text = translate(bot, locale, "parley-slow-down");
  return { intent: "-", outcome: "rate_limited", replies: [{ text, private: true, locale }] };
}
