/**
 * D1 access for the hourly usage rollups (migrations/0003_usage.sql, and
 * 0008_ai.sql for the model calls of tier 2): adding to them, reading a
 * range back, and forgetting what is too old to show.
 */
import * as z from "zod";

/** Where metered work came from: a webhook delivery, a queue message, a Cron tick. */
export const SOURCES = ["webhook", "queue", "cron"] as const;
export type Source = (typeof SOURCES)[number];

/** Counts to add to one row of the rollup. */
export interface RollupRow {
  readonly hour: number;
  readonly bot: string;
  readonly platform: string;
  readonly source: Source;
  readonly intent: string;
  readonly outcome: string;
  readonly bucket: number;
  readonly count: number;
  readonly totalMs: number;
}

/** A user seen in an hour, under a pseudonym. */
export interface ActiveUser {
  readonly hour: number;
  readonly bot: string;
  readonly platform: string;
  readonly userHash: string;
}

/** One model call (or budget refusal) to add to the hour's `ai_usage` row. */
export interface AiCallRow {
  readonly hour: number;
  readonly bot: string;
  readonly platform: string;
  readonly model: string;
  readonly outcome: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly ms: number;
}

export interface UsageRange {
  /** First hour included (epoch ms, on the hour). */
  readonly from: number;
  /** First hour excluded. */
  readonly to: number;
  /** One bot, or all of them. */
  readonly bot: string | null;
}

const HourlyRow = z.object({
  hour: z.number(),
  source: z.enum(SOURCES),
  platform: z.string(),
  outcome: z.string(),
  digest: z.number(),
  count: z.number(),
});
export type HourlyRow = z.infer<typeof HourlyRow>;

const BucketRow = z.object({
  source: z.enum(SOURCES),
  intent: z.string(),
  outcome: z.string(),
  bucket: z.number(),
  count: z.number(),
  total_ms: z.number(),
});
export type BucketRow = z.infer<typeof BucketRow>;

const AiRow = z.object({
  hour: z.number(),
  outcome: z.string(),
  count: z.number(),
  tokens_in: z.number(),
  tokens_out: z.number(),
  total_ms: z.number(),
});
export type AiRow = z.infer<typeof AiRow>;

const UsersRow = z.object({ hour: z.number(), users: z.number() });
const DistinctRow = z.object({ users: z.number() });

export interface UsageRows {
  /** Counts per hour, source, platform and outcome; `digest` is 1 for digests, to count them apart. */
  readonly hourly: readonly HourlyRow[];
  /** Counts and total time per intent, outcome and duration bucket over the whole range. */
  readonly buckets: readonly BucketRow[];
  /** Distinct users per hour. */
  readonly usersPerHour: ReadonlyMap<number, number>;
  /** Distinct users over the whole range. */
  readonly distinctUsers: number;
  /** Model calls of tier 2 per hour and outcome, with their tokens and time. */
  readonly ai: readonly AiRow[];
}

/** The range's bounds and bot filter, bound as ?1, ?2 and ?3 in every query below. */
const RANGE = "hour >= ?1 AND hour < ?2 AND (?3 IS NULL OR bot = ?3)";

/** How long usage is kept: the view shows at most a month, and a quarter leaves room to compare. */
const USAGE_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
/** Rate-limit notices matter only in their own window; an hour is plenty. */
const NOTICE_RETENTION_MS = 60 * 60 * 1000;
/**
 * Active users written per statement: D1 binds at most 100 values to one,
 * four per user. One statement per user made the rollup's write cost grow
 * with every new user of the hour.
 */
const USERS_PER_STATEMENT = 25;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export class UsageStore {
  private readonly db: D1Database;

  constructor(db: D1Database) {
    this.db = db;
  }

  /**
   * Adds `rows` to the rollup and `users` to the hours' user sets in one
   * round trip; with `pruneAt` (now), the same batch forgets usage older
   * than the retention and rate-limit notices of windows long past.
   */
  async add(rows: readonly RollupRow[], users: readonly ActiveUser[], pruneAt?: number): Promise<void> {
    const statements = [
      ...rows.map((row) =>
        this.db
          .prepare(
            `INSERT INTO usage_rollup (hour, bot, platform, source, intent, outcome, bucket, count, total_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (hour, bot, platform, source, intent, outcome, bucket) DO UPDATE SET
               count = count + excluded.count, total_ms = total_ms + excluded.total_ms`,
          )
          .bind(
            row.hour,
            row.bot,
            row.platform,
            row.source,
            row.intent,
            row.outcome,
            row.bucket,
            row.count,
            row.totalMs,
          ),
      ),
      ...chunks(users, USERS_PER_STATEMENT).map((chunk) =>
        this.db
          .prepare(
            `INSERT INTO usage_users (hour, bot, platform, user_hash)
             VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")} ON CONFLICT DO NOTHING`,
          )
          .bind(...chunk.flatMap((user) => [user.hour, user.bot, user.platform, user.userHash])),
      ),
    ];
    if (pruneAt !== undefined) {
      statements.push(
        this.db.prepare("DELETE FROM usage_rollup WHERE hour < ?").bind(pruneAt - USAGE_RETENTION_MS),
        this.db.prepare("DELETE FROM usage_users WHERE hour < ?").bind(pruneAt - USAGE_RETENTION_MS),
        this.db.prepare("DELETE FROM ai_usage WHERE hour < ?").bind(pruneAt - USAGE_RETENTION_MS),
        this.db.prepare("DELETE FROM rate_limit_notices WHERE window_start < ?").bind(pruneAt - NOTICE_RETENTION_MS),
      );
    }
    if (statements.length > 0) await this.db.batch(statements);
  }

  async addAiCall(row: AiCallRow): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO ai_usage (hour, bot, platform, model, outcome, count, tokens_in, tokens_out, total_ms)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)
         ON CONFLICT (hour, bot, platform, model, outcome) DO UPDATE SET count = count + 1,
           tokens_in = tokens_in + excluded.tokens_in, tokens_out = tokens_out + excluded.tokens_out,
           total_ms = total_ms + excluded.total_ms`,
      )
      .bind(row.hour, row.bot, row.platform, row.model, row.outcome, row.tokensIn, row.tokensOut, Math.round(row.ms))
      .run();
  }

  /** Everything the usage report is made of, in one round trip. */
  async read(range: UsageRange): Promise<UsageRows> {
    const bind = (sql: string) => this.db.prepare(sql).bind(range.from, range.to, range.bot);
    const [hourly, buckets, usersPerHour, distinct, ai] = await this.db.batch([
      bind(
        `SELECT hour, source, platform, outcome, (source = 'queue' AND intent LIKE 'digest:%') AS digest,
                SUM(count) AS count
         FROM usage_rollup WHERE ${RANGE} GROUP BY hour, source, platform, outcome, digest`,
      ),
      bind(
        `SELECT source, intent, outcome, bucket, SUM(count) AS count, SUM(total_ms) AS total_ms
         FROM usage_rollup WHERE ${RANGE} AND outcome IN ('ok', 'user_error', 'handler_error')
         GROUP BY source, intent, outcome, bucket`,
      ),
      bind(`SELECT hour, COUNT(DISTINCT user_hash) AS users FROM usage_users WHERE ${RANGE} GROUP BY hour`),
      bind(`SELECT COUNT(DISTINCT user_hash) AS users FROM usage_users WHERE ${RANGE}`),
      bind(
        `SELECT hour, outcome, SUM(count) AS count, SUM(tokens_in) AS tokens_in, SUM(tokens_out) AS tokens_out,
                SUM(total_ms) AS total_ms
         FROM ai_usage WHERE ${RANGE} GROUP BY hour, outcome`,
      ),
    ]);
    return {
      hourly: z.array(HourlyRow).parse(hourly?.results ?? []),
      buckets: z.array(BucketRow).parse(buckets?.results ?? []),
      usersPerHour: new Map(
        z
          .array(UsersRow)
          .parse(usersPerHour?.results ?? [])
          .map((row) => [row.hour, row.users]),
      ),
      distinctUsers: DistinctRow.safeParse(distinct?.results[0]).data?.users ?? 0,
      ai: z.array(AiRow).parse(ai?.results ?? []),
    };
  }
}
