/**
 * `cooldown(ms)`: a user may run the intent at most once every `ms`
 * milliseconds; before then they are told how long to wait, and nothing
 * else happens. It is exact: the time of the last run is kept in the user's
 * data in D1 (`ctx.user.data["parley:cooldowns"]`), saved with the reply
 * under the engine's optimistic check, so of simultaneous runs one goes
 * through and the others are refused.
 *
 * It counts per user (on one platform, across chats) and per intent, a
 * subcommand apart from its siblings. A run that fails or is refused by a
 * `UserError` (here, in a handler or in middleware inside this one) saves
 * nothing, so it does not count; one that asked a question does, and the
 * answer, which continues that run, is never refused.
 */
import * as z from "zod";
import { UserError } from "../core/errors.ts";
import type { Context, Middleware } from "../core/intent.ts";
import { own } from "../lib/own.ts";

export interface CooldownOptions {
  /** What a user is told who has to wait `waitMs` more milliseconds; by default Parley's `parley-cooldown` in their language. */
  readonly text?: (waitMs: number, ctx: Context) => string;
}

/** The key in the user's data: the time of each intent's last run, in epoch milliseconds. */
const COOLDOWNS_KEY = "parley:cooldowns";

const LastRuns = z.record(z.string(), z.number());

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 25 seconds, 3 minutes, 2 hours: rounded up, so the user never comes back too early. */
function duration(ms: number): { count: number; unit: "second" | "minute" | "hour" } {
  if (ms < 2 * MINUTE) return { count: Math.ceil(ms / SECOND), unit: "second" };
  if (ms < 2 * HOUR) return { count: Math.ceil(ms / MINUTE), unit: "minute" };
  return { count: Math.ceil(ms / HOUR), unit: "hour" };
}

/** What the cooldown is kept under: the intent, and its subcommand when there is one. */
function targetOf(ctx: Context): string {
  const { intent, subcommand } = ctx.invocation;
  return subcommand === undefined ? intent : `${intent} ${subcommand}`;
}

/** Stored runs of another shape (written by hand, say) are forgotten rather than trusted. */
function lastRuns(ctx: Context): Record<string, number> {
  const parsed = LastRuns.safeParse(ctx.user.data[COOLDOWNS_KEY] ?? {});
  return parsed.success ? parsed.data : {};
}

export function cooldown(ms: number, options: CooldownOptions = {}): Middleware {
  if (!Number.isFinite(ms) || ms <= 0) throw new Error(`A cooldown is a positive number of milliseconds, not ${ms}`);
  const text = options.text ?? ((waitMs: number, ctx: Context) => ctx.t("parley-cooldown", duration(waitMs)));
  return async (ctx, next) => {
    if (ctx.invocation.resumed) return next();
    const target = targetOf(ctx);
    const runs = lastRuns(ctx);
    const last = own(runs, target);
    const now = ctx.now.getTime();
    // A clock behind the last run's (another location's) still waits no longer than `ms`.
    const waitMs = last === undefined ? 0 : Math.min(ms, last + ms - now);
    if (waitMs > 0) throw new UserError(text(waitMs, ctx));
    ctx.user.data[COOLDOWNS_KEY] = { ...runs, [target]: now };
    await next();
  };
}
