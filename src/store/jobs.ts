/**
 * D1 access for the jobs runtime (src/jobs): what is due, the leases that
 * keep a page of it from being queued twice, shared digest renders, and
 * pausing what can no longer be sent. Rows are validated one by one, so that
 * one damaged row is reported and set aside while the rest go on.
 */
import * as z from "zod";
import type { Reply } from "../core/reply.ts";
import { type Checked, checkRows } from "./rows.ts";

const Address = z.object({ chatId: z.string(), threadId: z.string().optional(), workspace: z.string().optional() });

/** A JSON column read as `schema`; anything else makes the row damaged. */
function jsonColumn<T>(schema: z.ZodType<T>, what: string) {
  return z.string().transform((text, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: `bad ${what}` });
      return z.NEVER;
    }
    return parsed.data;
  });
}

const AddressJson = jsonColumn(Address, "address");
const About = z.object({
  text: z.string(),
  link: z.url({ protocol: /^https$/ }).optional(),
  ref: z.record(z.string(), z.string()),
});
/** A platform is named by the adapter table; rows of one this deployment no longer has are skipped when sent. */
const Platform = z.string().min(1);

const DigestArgs = z.record(z.string(), z.union([z.string(), z.number()]));
const ArgsJson = z.string().transform((text, ctx) => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = DigestArgs.safeParse(json);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: "bad digest arguments" });
    return z.NEVER;
  }
  return parsed.data;
});

const DueSubscription = z.object({
  id: z.number(),
  rhythm: z.string(),
  local_time: z.string(),
  zone: z.string(),
  next_run_at: z.number(),
});
export type DueSubscription = z.infer<typeof DueSubscription>;

const Subscription = z.object({
  id: z.number(),
  bot: z.string(),
  platform: Platform,
  address: AddressJson,
  digest: z.string(),
  args: ArgsJson,
  status: z.enum(["active", "paused"]),
  /** The language its digests go out in; null for the bot's default. */
  locale: z.string().nullable(),
});
export type Subscription = z.infer<typeof Subscription>;

const Reminder = z.object({
  id: z.number(),
  bot: z.string(),
  platform: Platform,
  address: AddressJson,
  text: z.string(),
  status: z.enum(["pending", "queued", "sent", "failed"]),
  locale: z.string().nullable(),
  /** The message it is about; null for one about nothing but its text. */
  about: jsonColumn(About, "about").nullable(),
});
export type Reminder = z.infer<typeof Reminder>;

const Id = z.object({ id: z.number() });
const Page = z.object({ range: z.number(), due: z.number() });
const Render = z.object({ reply: z.string() });

/** The statement's bound list of ids, as one JSON parameter (D1 allows 100 parameters per statement). */
const idList = (ids: readonly number[]) => JSON.stringify(ids);

export class JobStore {
  private readonly db: D1Database;

  constructor(db: D1Database) {
    this.db = db;
  }

  /**
   * Claims, in one statement, up to `limit` ranges of subscription ids
   * (`id / span`) that hold subscriptions due at `now` and that no page job
   * holds: each claimed range is leased until `leaseUntil`. Returns the
   * claimed ranges with how many rows were due in each. A lease that ends
   * later than one taken now could (a tick replayed at a later time took
   * it) holds nothing.
   */
  async claimDigestPages(
    now: number,
    span: number,
    leaseUntil: number,
    limit: number,
  ): Promise<{ range: number; due: number }[]> {
    const { results } = await this.db
      .prepare(
        `INSERT INTO digest_pages (range, lease_until, due)
         SELECT CAST(id / ?1 AS INTEGER) AS page, ?2, count(*) FROM subscriptions
         WHERE status = 'active' AND next_run_at <= ?3
           AND CAST(id / ?1 AS INTEGER) NOT IN
             (SELECT range FROM digest_pages WHERE lease_until > ?3 AND lease_until <= ?2)
         GROUP BY page ORDER BY page LIMIT ?4
         ON CONFLICT (range) DO UPDATE SET lease_until = excluded.lease_until, due = excluded.due
           WHERE digest_pages.lease_until <= ?3 OR digest_pages.lease_until > ?2
         RETURNING range, due`,
      )
      .bind(span, leaseUntil, now, limit)
      .all();
    return z.array(Page).parse(results);
  }

  /**
   * Active subscriptions with ids in [first, end) due at `now`. The ranges
   * are small, so the primary key is the way in (the unary `+` keeps the
   * planner off the due index, which would walk every due row of the table).
   */
  async dueInRange(first: number, end: number, now: number): Promise<Checked<DueSubscription>> {
    const { results } = await this.db
      .prepare(
        `SELECT id, rhythm, local_time, zone, next_run_at FROM subscriptions
         WHERE id >= ? AND id < ? AND +status = 'active' AND +next_run_at <= ? ORDER BY id`,
      )
      .bind(first, end, now)
      .all();
    return checkRows(DueSubscription, results);
  }

  /**
   * Moves each subscription to its next run, unless another page job already
   * did (the guard on the old value), and lets go of the page's lease, in
   * one round trip.
   */
  async advance(
    moves: readonly { id: number; from: number; to: number }[],
    page: { range: number; leaseUntil: number },
  ): Promise<void> {
    await this.db.batch([
      this.db
        .prepare(
          `UPDATE subscriptions SET next_run_at = move.value ->> 'to'
           FROM json_each(?) AS move
           WHERE subscriptions.id = move.value ->> 'id' AND subscriptions.next_run_at = move.value ->> 'from'`,
        )
        .bind(JSON.stringify(moves)),
      this.db.prepare("DELETE FROM digest_pages WHERE range = ? AND lease_until = ?").bind(page.range, page.leaseUntil),
    ]);
  }

  /** Pauses subscriptions that cannot be scheduled (a damaged row), so that they stop coming back. */
  async pauseSubscriptions(ids: readonly number[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .prepare(
        "UPDATE subscriptions SET status = 'paused', updated_at = ? WHERE id IN (SELECT value FROM json_each(?))",
      )
      .bind(now, idList(ids))
      .run();
  }

  /**
   * Reminders due at `now`, and queued ones whose lease ran out (their job
   * was lost), oldest first. As for pages, a lease ending after `leaseUntil`
   * (the longest one taken now) holds nothing.
   */
  async dueReminders(now: number, leaseUntil: number, limit: number): Promise<number[]> {
    const { results } = await this.db
      .prepare(
        `SELECT id FROM reminders
         WHERE (status = 'pending' AND due_at <= ?1)
            OR (status = 'queued' AND (lease_until <= ?1 OR lease_until > ?2))
         ORDER BY due_at, id LIMIT ?3`,
      )
      .bind(now, leaseUntil, limit)
      .all();
    return z
      .array(Id)
      .parse(results)
      .map((row) => row.id);
  }

  async markRemindersQueued(ids: readonly number[], leaseUntil: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .prepare(
        `UPDATE reminders SET status = 'queued', lease_until = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('pending', 'queued')`,
      )
      .bind(leaseUntil, idList(ids))
      .run();
  }

  /** Marks reminders that cannot be sent (a damaged row) failed, so that they stop coming back. */
  async failReminders(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .prepare("UPDATE reminders SET status = 'failed' WHERE id IN (SELECT value FROM json_each(?))")
      .bind(idList(ids))
      .run();
  }

  /** The rows of `table` with these ids, each checked on its own against `schema`. */
  private async rowsById<Row extends { id: number }>(
    table: "subscriptions" | "reminders",
    columns: string,
    schema: z.ZodType<Row>,
    ids: readonly number[],
  ): Promise<Checked<Row>> {
    if (ids.length === 0) return { rows: new Map(), invalid: [] };
    const { results } = await this.db
      .prepare(`SELECT ${columns} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
      .bind(idList(ids))
      .all();
    return checkRows(schema, results);
  }

  subscriptions(ids: readonly number[]): Promise<Checked<Subscription>> {
    return this.rowsById(
      "subscriptions",
      "id, bot, platform, address, digest, args, status, locale",
      Subscription,
      ids,
    );
  }

  reminders(ids: readonly number[]): Promise<Checked<Reminder>> {
    return this.rowsById("reminders", "id, bot, platform, address, text, status, locale, about", Reminder, ids);
  }

  /** A digest's render for these arguments, period and language, if one was made. */
  async cachedRender(
    bot: string,
    digest: string,
    args: string,
    locale: string,
    period: string,
  ): Promise<Reply | undefined> {
    const row = await this.db
      .prepare(
        `SELECT reply FROM digest_renders
         WHERE bot = ? AND digest = ? AND args = ? AND period = ? AND locale = ?`,
      )
      .bind(bot, digest, args, period, locale)
      .first();
    if (row === null) return undefined;
    return JSON.parse(Render.parse(row).reply) as Reply;
  }

  /** Keeps a render (or, `failed`, the notice that it could not be made) for the rest of its period. */
  async storeRender(
    bot: string,
    digest: string,
    render: { args: string; period: string; locale: string; reply: Reply; failed: boolean },
    now: number,
  ): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO digest_renders (bot, digest, args, period, locale, reply, failed, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .bind(
        bot,
        digest,
        render.args,
        render.period,
        render.locale,
        JSON.stringify(render.reply),
        render.failed ? 1 : 0,
        now,
      )
      .run();
  }
}
