/**
 * The usage report's shape: the query it answers and the JSON of
 * `GET /admin/usage`. Shared by the Worker, which builds it, and by
 * `npm run usage`, which checks what came over the wire against it.
 */
import * as z from "zod";
import { SOURCES } from "../store/usage.ts";

const HOUR_MS = 60 * 60 * 1000;
/** The longest range one report covers: a month of hours keeps the page and the query small. */
const MAX_RANGE_MS = 31 * 24 * HOUR_MS;
const DEFAULT_RANGE_MS = 24 * HOUR_MS;

/** A calendar date (UTC midnight) or a date and time with `Z` or an offset: nothing left to the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const Instant = z
  .string()
  .refine((text) => INSTANT.test(text) && Number.isFinite(Date.parse(text)), {
    message: "expected an ISO 8601 date (2030-01-31) or date and time with a zone (2030-01-31T07:00Z)",
  })
  .transform((text) => Date.parse(text));

/** A duration back from `to`: `6h`, `24h`, `7d`. */
const Since = z
  .string()
  .regex(/^[1-9]\d{0,3}[hd]$/, { message: "expected hours or days, like 6h, 24h or 7d" })
  .transform((text) => Number(text.slice(0, -1)) * (text.endsWith("d") ? 24 : 1) * HOUR_MS);

/**
 * The admin routes' query: `from` and `to`, or `since` (a range that ends
 * now, for links and the terminal), and `bot`. Both ends are rounded out to
 * whole hours; `to` defaults to now and the range to the last 24 hours.
 */
export const UsageQuery = z
  .object({
    from: Instant.optional(),
    to: Instant.optional(),
    since: Since.optional(),
    bot: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,31}$/, { message: "expected a bot name" })
      .optional(),
  })
  .transform(({ from, to, since, bot }, ctx) => {
    if (from !== undefined && since !== undefined) {
      ctx.addIssue({ code: "custom", path: ["since"], message: "give from or since, not both" });
    }
    const end = Math.ceil((to ?? Date.now()) / HOUR_MS) * HOUR_MS;
    const start = Math.floor((from ?? end - (since ?? DEFAULT_RANGE_MS)) / HOUR_MS) * HOUR_MS;
    if (start >= end) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    if (end - start > MAX_RANGE_MS)
      ctx.addIssue({ code: "custom", path: ["from"], message: "at most 31 days at once" });
    return { from: start, to: end, bot: bot ?? null };
  });
export type UsageQuery = z.output<typeof UsageQuery>;

/** A zod error as short lines for a 400 answer: `from: expected an ISO 8601 date …`. */
export function describeIssues(error: z.ZodError, whole = "query"): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || whole}: ${issue.message}`);
}

const Count = z.number().int().nonnegative();

export const HourUsage = z.object({
  /** Start of the UTC hour, ISO 8601. */
  hour: z.string(),
  /** Deliveries that passed verification and were not retries, by platform (handled, ignored or rate limited). */
  deliveries: z.record(z.string(), Count),
  /** Deliveries a handler ran for (ok, user_error, handler_error). */
  handled: Count,
  /** Of those, the ones where the bot failed (handler_error). */
  errors: Count,
  rateLimited: Count,
  rejected: Count,
  activeUsers: Count,
  digestsSent: Count,
});
export type HourUsage = z.infer<typeof HourUsage>;

export const IntentUsage = z.object({
  source: z.enum(SOURCES),
  intent: z.string(),
  /** Runs (ok, user_error, handler_error). */
  count: Count,
  errors: Count,
  userErrors: Count,
  /** Estimated from duration buckets (src/usage/buckets.ts), in milliseconds. */
  p50Ms: z.number(),
  p95Ms: z.number(),
  meanMs: z.number(),
});
export type IntentUsage = z.infer<typeof IntentUsage>;

/** One UTC day of tier 2. */
export const AiDay = z.object({
  /** The UTC date, `2030-01-31`. */
  day: z.string(),
  /** Calls made to the model. */
  calls: Count,
  tokensIn: Count,
  tokensOut: Count,
  /** Messages tier 2 answered: a plain answer, or a tool call that ran an intent. */
  answered: Count,
  /** Messages that got no call because the user's daily budget was spent. */
  overBudget: Count,
  /** Deliveries a handler ran for that day (within the range): what `answered` is a share of. */
  handled: Count,
});
export type AiDay = z.infer<typeof AiDay>;

/** Tier 2 over the range: model calls, their tokens and time, and how many messages it answered. */
export const AiUsage = z.object({
  calls: Count,
  tokensIn: Count,
  tokensOut: Count,
  answered: Count,
  overBudget: Count,
  /** Calls that timed out or failed. */
  failed: Count,
  /** answered / handled deliveries; null when nothing was handled. */
  share: z.number().nullable(),
  /** Mean milliseconds a call took. */
  meanMs: z.number(),
  /** Every UTC day the range touches, oldest first. */
  days: z.array(AiDay),
});
export type AiUsage = z.infer<typeof AiUsage>;

export const UsageReport = z.object({
  from: z.string(),
  to: z.string(),
  bot: z.string().nullable(),
  /** Platforms with deliveries in the range, in the order of `deliveries` keys. */
  platforms: z.array(z.string()),
  totals: z.object({
    deliveries: Count,
    handled: Count,
    errors: Count,
    userErrors: Count,
    /** errors / handled; null when nothing was handled. */
    errorRate: z.number().nullable(),
    rateLimited: Count,
    rejected: Count,
    duplicates: Count,
    /** Distinct users over the whole range (not the sum of the hours). */
    activeUsers: Count,
    digestsSent: Count,
  }),
  /** Every hour of the range, oldest first, quiet hours included. */
  hours: z.array(HourUsage),
  /** Intents by number of runs, most first. */
  intents: z.array(IntentUsage),
  ai: AiUsage,
});
export type UsageReport = z.infer<typeof UsageReport>;
