/**
 * The messages on the jobs queue, validated again when they come off it.
 * Two levels: page jobs (a range of subscriptions, a page of a broadcast's
 * chats) fan out into send jobs, one per message to one chat; besides them,
 * the replies a webhook delivery could not send in time (src/webhook/send.ts).
 * Each kind is handled by a row of the consumer's table (`consumer.ts`).
 */
import * as z from "zod";

const Id = z.number().int();

/** The subscriptions with ids in [range × span, (range + 1) × span) due at `at` (the tick's time). */
const DigestPage = z.object({
  kind: z.literal("digest-page"),
  range: Id,
  span: Id.positive(),
  at: Id,
  /** The page's lease (src/store/jobs.ts), released when the page is done. */
  leaseUntil: Id,
});

/** The next page of a broadcast's chats: those after `after` in key order. */
const BroadcastPage = z.object({
  kind: z.literal("broadcast-page"),
  broadcastId: Id,
  after: z.object({ platform: z.string(), chatId: z.string() }),
  pageSize: Id.positive(),
});

/** One subscriber's digest for the run at `runAt` (UTC ms): the period of the delivery ledger. */
const Digest = z.object({ kind: z.literal("digest"), subscriptionId: Id, runAt: Id });

const Reminder = z.object({ kind: z.literal("reminder"), reminderId: Id });

/** A broadcast's message to one chat. */
const Broadcast = z.object({
  kind: z.literal("broadcast"),
  broadcastId: Id,
  platform: z.string().min(1),
  chatId: z.string(),
});

const Span = z.union([
  z.string(),
  z.object({ style: z.enum(["bold", "italic", "code"]), text: z.string() }),
  z.object({ link: z.string(), text: z.string() }),
]);

const Button = z.object({ label: z.string(), value: z.string() });

/**
 * A held-back reply's file: a URL or a kept file as it was, and bytes the
 * bot made by the key they wait under in the FILES bucket (a queue message
 * holds 128 KB; src/jobs/held-files.ts).
 */
const File = z.union([
  z.object({ name: z.string(), mime: z.string(), url: z.string() }),
  z.object({ stored: z.string() }),
  z.object({ name: z.string(), mime: z.string(), held: z.string() }),
]);

/** Readonly arrays, as `Reply` has them, so that a handler's replies go onto the queue as they are. */
const Reply = z.object({
  text: z.union([z.string(), z.array(Span).readonly()]),
  file: File.optional(),
  buttons: z.array(z.array(Button).readonly()).readonly().optional(),
  asks: z.boolean().optional(),
  private: z.boolean().optional(),
  locale: z.string().optional(),
});

/** The update a held-back reply answers, with its `route`: all its platform's adapter needs to answer it later. */
const HeldUpdate = z.object({
  platform: z.string().min(1),
  bot: z.string(),
  eventId: z.string(),
  chat: z.object({ id: z.string(), kind: z.enum(["private", "group"]), title: z.string().optional() }),
  user: z.object({ id: z.string(), name: z.string() }),
  text: z.string(),
  command: z
    .object({
      name: z.string(),
      text: z.string(),
      options: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      subcommand: z.string().optional(),
    })
    .optional(),
  isButtonPress: z.boolean(),
  addressed: z.boolean(),
  locale: z.string().optional(),
  route: z.record(z.string(), z.string()),
});

/** A webhook delivery's replies held back for the queue, from the index `from` on. */
const ReplyJob = z.object({
  kind: z.literal("reply"),
  update: HeldUpdate,
  /** The index of `replies[0]` among the delivery's replies. */
  from: z.number().int().nonnegative(),
  replies: z.array(Reply).min(1),
  /** When the delivery arrived (epoch ms): interaction tokens and response URLs expire counted from then. */
  receivedAt: z.number().int(),
});

/**
 * A model's answer to write while the user watches (src/jobs/answers.ts):
 * generation can outlast the webhook's request, so it runs from the queue.
 * The prompt comes as the webhook made it (instructions, remembered turns,
 * the user's words).
 */
const AnswerJob = z.object({
  kind: z.literal("answer"),
  update: HeldUpdate,
  /** When the delivery arrived (epoch ms): the budget's day and the hour the call is metered in. */
  receivedAt: z.number().int(),
  locale: z.string().min(1),
  messages: z
    .array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string().max(8000) }))
    .min(1)
    .max(40),
});

export const Job = z.discriminatedUnion("kind", [
  DigestPage,
  BroadcastPage,
  Digest,
  Reminder,
  Broadcast,
  ReplyJob,
  AnswerJob,
]);

export type Job = z.infer<typeof Job>;
export type JobKind = Job["kind"];
export type JobOf<K extends JobKind> = Extract<Job, { kind: K }>;
/** A reply as it waits on the queue. */
export type HeldReply = z.infer<typeof Reply>;

/** Digests are rendered once per hour of their run, and shared by every subscriber due in that hour. */
export function renderPeriod(runAt: number): string {
  return new Date(runAt).toISOString().slice(0, 13);
}

/** Queue.sendBatch takes at most 100 messages. */
export const SEND_BATCH_SIZE = 100;

/** Puts jobs on the queue, 100 to a call. */
export async function enqueue(queue: Queue<Job>, jobs: readonly Job[]): Promise<void> {
  for (let start = 0; start < jobs.length; start += SEND_BATCH_SIZE) {
    await queue.sendBatch(jobs.slice(start, start + SEND_BATCH_SIZE).map((body) => ({ body })));
  }
}
