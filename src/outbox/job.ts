/**
 * A webhook delivery's replies held back for the queue: what the platform
 * adapter needs to send them later (the update they answer, with its
 * `route`; the replies not sent yet; the index of the first of them), checked
 * again when it comes off the queue, and where each reply stands in the
 * delivery ledger.
 */
import * as z from "zod";
import type { Update } from "../core/update.ts";
import type { LedgerEntry } from "../store/schedule.ts";

const Span = z.union([
  z.string(),
  z.object({ style: z.enum(["bold", "italic", "code"]), text: z.string() }),
  z.object({ link: z.string(), text: z.string() }),
]);

const Button = z.object({ label: z.string(), value: z.string() });

/** Readonly arrays, as `Reply` has them, so that a handler's replies go onto the queue as they are. */
const Reply = z.object({
  text: z.union([z.string(), z.array(Span).readonly()]),
  buttons: z.array(z.array(Button).readonly()).readonly().optional(),
  asks: z.boolean().optional(),
  private: z.boolean().optional(),
});

const HeldUpdate = z.object({
  platform: z.enum(["telegram", "discord", "slack"]),
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
  route: z.record(z.string(), z.string()),
});

export const ReplyJob = z.object({
  kind: z.literal("reply"),
  update: HeldUpdate,
  /** The index of `replies[0]` among the delivery's replies. */
  from: z.number().int().nonnegative(),
  replies: z.array(Reply).min(1),
  /** When the delivery arrived (epoch ms): interaction tokens and response URLs expire counted from then. */
  receivedAt: z.number().int(),
});

export type ReplyJob = z.infer<typeof ReplyJob>;

/** The ledger row of one reply: sent at most once per (delivery, reply index). */
export function replyEntry(update: Pick<Update, "platform" | "bot" | "eventId">, index: number): LedgerEntry {
  return { job: `reply:${update.platform}:${update.bot}:${update.eventId}`, period: String(index) };
}
