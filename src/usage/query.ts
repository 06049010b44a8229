/** Builds the usage report for a range from the D1 rollup. */
import { type AiRow, type BucketRow, type HourlyRow, type UsageRows, UsageStore } from "../store/usage.ts";
import { BOUNDS_MS, quantile } from "./buckets.ts";
import { type AiOutcome, ANSWERED, HANDLED, type Outcome } from "./event.ts";
import type { AiDay, AiUsage, HourUsage, IntentUsage, UsageQuery, UsageReport } from "./report.ts";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Webhook outcomes that are not deliveries to the bot: refused at the door, or a retry of one already counted. */
const NOT_DELIVERED: ReadonlySet<string> = new Set<Outcome>(["rejected", "duplicate"]);
const isHandled = (outcome: string) => (HANDLED as readonly string[]).includes(outcome);

function emptyHour(hour: number, platforms: readonly string[]): HourUsage {
  return {
    hour: new Date(hour).toISOString(),
    deliveries: Object.fromEntries(platforms.map((platform) => [platform, 0])),
    handled: 0,
    errors: 0,
    rateLimited: 0,
    rejected: 0,
    activeUsers: 0,
    digestsSent: 0,
  };
}

/** Adds one rollup row to its hour. */
function addToHour(hour: HourUsage, row: HourlyRow): void {
  if (row.source === "queue") {
    if (row.digest === 1 && row.outcome === "ok") hour.digestsSent += row.count;
    return;
  }
  if (row.source !== "webhook") return;
  if (row.outcome === "rejected") hour.rejected += row.count;
  if (NOT_DELIVERED.has(row.outcome)) return;
  hour.deliveries[row.platform] = (hour.deliveries[row.platform] ?? 0) + row.count;
  if (isHandled(row.outcome)) hour.handled += row.count;
  if (row.outcome === "handler_error") hour.errors += row.count;
  if (row.outcome === "rate_limited") hour.rateLimited += row.count;
}

function hoursOf(rows: UsageRows, query: UsageQuery, platforms: readonly string[]): HourUsage[] {
  const hours = new Map<number, HourUsage>();
  for (let hour = query.from; hour < query.to; hour += HOUR_MS) {
    hours.set(hour, { ...emptyHour(hour, platforms), activeUsers: rows.usersPerHour.get(hour) ?? 0 });
  }
  for (const row of rows.hourly) {
    const hour = hours.get(row.hour);
    if (hour) addToHour(hour, row);
  }
  return [...hours.values()];
}

function intentsOf(buckets: readonly BucketRow[]): IntentUsage[] {
  const byIntent = new Map<string, { usage: IntentUsage; counts: number[]; totalMs: number }>();
  for (const row of buckets) {
    const key = `${row.source}/${row.intent}`;
    let entry = byIntent.get(key);
    if (!entry) {
      const usage = {
        source: row.source,
        intent: row.intent,
        count: 0,
        errors: 0,
        userErrors: 0,
        p50Ms: 0,
        p95Ms: 0,
        meanMs: 0,
      };
      entry = { usage, counts: new Array<number>(BOUNDS_MS.length + 1).fill(0), totalMs: 0 };
      byIntent.set(key, entry);
    }
    entry.usage.count += row.count;
    if (row.outcome === "handler_error") entry.usage.errors += row.count;
    if (row.outcome === "user_error") entry.usage.userErrors += row.count;
    entry.counts[row.bucket] = (entry.counts[row.bucket] ?? 0) + row.count;
    entry.totalMs += row.total_ms;
  }
  return [...byIntent.values()]
    .map(({ usage, counts, totalMs }) => ({
      ...usage,
      p50Ms: Math.round(quantile(counts, 0.5) ?? 0),
      p95Ms: Math.round(quantile(counts, 0.95) ?? 0),
      meanMs: usage.count > 0 ? Math.round(totalMs / usage.count) : 0,
    }))
    .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent));
}

const isAnswered = (outcome: string) => (ANSWERED as readonly string[]).includes(outcome);
const FAILED: readonly AiOutcome[] = ["timeout", "failed"];

/** Tier 2 per UTC day of the range, and over all of it; `hours` gives the handled deliveries. */
function aiOf(rows: readonly AiRow[], hours: readonly HourUsage[], query: UsageQuery): AiUsage {
  const days = new Map<number, AiDay>();
  for (let day = query.from - (query.from % DAY_MS); day < query.to; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    days.set(day, { day: date, calls: 0, tokensIn: 0, tokensOut: 0, answered: 0, overBudget: 0, handled: 0 });
  }
  for (const hour of hours) {
    const at = Date.parse(hour.hour);
    const day = days.get(at - (at % DAY_MS));
    if (day) day.handled += hour.handled;
  }
  let totalMs = 0;
  let failed = 0;
  for (const row of rows) {
    const day = days.get(row.hour - (row.hour % DAY_MS));
    if (!day) continue;
    if (row.outcome === "over_budget") {
      day.overBudget += row.count;
      continue;
    }
    day.calls += row.count;
    day.tokensIn += row.tokens_in;
    day.tokensOut += row.tokens_out;
    if (isAnswered(row.outcome)) day.answered += row.count;
    if ((FAILED as readonly string[]).includes(row.outcome)) failed += row.count;
    totalMs += row.total_ms;
  }
  const list = [...days.values()];
  const sum = (pick: (day: AiDay) => number) => list.reduce((total, day) => total + pick(day), 0);
  const calls = sum((day) => day.calls);
  const handled = sum((day) => day.handled);
  const answered = sum((day) => day.answered);
  return {
    calls,
    tokensIn: sum((day) => day.tokensIn),
    tokensOut: sum((day) => day.tokensOut),
    answered,
    overBudget: sum((day) => day.overBudget),
    failed,
    share: handled > 0 ? answered / handled : null,
    meanMs: calls > 0 ? Math.round(totalMs / calls) : 0,
    days: list,
  };
}

/** The report of `query`'s range: one D1 round trip, then arithmetic. */
export async function readUsage(db: D1Database, query: UsageQuery): Promise<UsageReport> {
  const rows = await new UsageStore(db).read(query);
  const platforms = [
    ...new Set(
      rows.hourly
        .filter((row) => row.source === "webhook" && !NOT_DELIVERED.has(row.outcome))
        .map((row) => row.platform),
    ),
  ].sort();
  const hours = hoursOf(rows, query, platforms);
  const sum = (pick: (hour: HourUsage) => number) => hours.reduce((total, hour) => total + pick(hour), 0);
  const handled = sum((hour) => hour.handled);
  const errors = sum((hour) => hour.errors);
  const duplicates = rows.hourly
    .filter((row) => row.source === "webhook" && row.outcome === "duplicate")
    .reduce((total, row) => total + row.count, 0);
  return {
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    bot: query.bot,
    platforms,
    totals: {
      deliveries: sum((hour) => Object.values(hour.deliveries).reduce((total, count) => total + count, 0)),
      handled,
      errors,
      userErrors: rows.buckets
        .filter((row) => row.outcome === "user_error" && row.source === "webhook")
        .reduce((total, row) => total + row.count, 0),
      errorRate: handled > 0 ? errors / handled : null,
      rateLimited: sum((hour) => hour.rateLimited),
      rejected: sum((hour) => hour.rejected),
      duplicates,
      activeUsers: rows.distinctUsers,
      digestsSent: sum((hour) => hour.digestsSent),
    },
    hours,
    intents: intentsOf(rows.buckets),
    ai: aiOf(rows.ai, hours, query),
  };
}
