/**
 * One webhook delivery as it moves through the steps of `index.ts`: first
 * the bot and platform its URL names (`Arrival`), then, once its update is
 * claimed, the update and its conversation (`Delivery`), and last what
 * handling it came to (`Result`).
 */
import type { AiTrace } from "../ai/tier.ts";
import type { FileStore } from "../core/files.ts";
import type { Bot } from "../core/intent.ts";
import type { Reply } from "../core/reply.ts";
import type { Understood } from "../core/router.ts";
import type { ConversationState } from "../core/state.ts";
import type { Update } from "../core/update.ts";
import type { Env } from "../env.ts";
import type { AdapterEnv, PlatformAdapter } from "../platforms/adapter.ts";
import type { ConversationStore } from "../store/conversations.ts";
import type { Outcome } from "../usage/event.ts";

/** A request for a bot on a platform, both of this deployment. */
export interface Arrival {
  readonly bot: Bot;
  readonly adapter: PlatformAdapter;
  /** The bot's view of the environment; its trace counts this delivery's round trips and calls. */
  readonly env: AdapterEnv;
  /** The Worker's bindings and settings. */
  readonly settings: Env;
  /** The bot's kept files, where the Worker has a bucket for them. */
  readonly files?: FileStore;
  /** When the request arrived (epoch ms). */
  readonly started: number;
  /** Hands work over to run after the answer has gone (`waitUntil`). */
  later(work: Promise<unknown>): void;
}

/** A claimed update, with the conversation it belongs to. */
export interface Delivery extends Arrival {
  readonly update: Update;
  readonly state: ConversationState;
  readonly store: ConversationStore;
}

/** What a delivery came to: the intent that ran, how it ended, its replies and where they went. */
export interface Result {
  readonly intent: string;
  readonly outcome: Outcome;
  /** The replies still to send. */
  readonly replies: readonly Reply[];
  /** What tier 2 did, when the message went to it (src/ai/tier.ts). */
  readonly ai?: AiTrace;
  /** The index of `replies[0]` among the delivery's: those before it went out while the handler ran. */
  readonly from?: number;
  /** Replies left on the queue (src/jobs/replies.ts), from `from` on, after `delaySeconds`. */
  readonly queued?: { readonly from: number; readonly delaySeconds: number };
  /** How plain words were understood, when they were. */
  readonly understood?: Understood;
}

/** The fields that name an update in every log line. */
export function logFields(update: Update) {
  return { bot: update.bot, platform: update.platform, eventId: update.eventId };
}
