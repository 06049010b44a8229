/**
 * The one interface every platform implements. The webhook route looks the
 * adapter up by name (`index.ts` is the table) and calls these in order;
 * nothing outside `src/platforms/<name>` knows a platform's wire format.
 */
import { DEFAULT_FILE_MAX_BYTES, type StoredFiles } from "../core/files.ts";
import type { Bot, Suggestion } from "../core/intent.ts";
import type { SentReply } from "../core/outbox.ts";
import type { Reaction } from "../core/reactions.ts";
import type { Reply } from "../core/reply.ts";
import type { SuggestQuery } from "../core/suggest.ts";
import { countingFetch, type Trace } from "../core/trace.ts";
import type { Attachment, ChatAddress, Update } from "../core/update.ts";
import { readPositive, readSetting } from "../lib/settings.ts";
import { InstallationStore } from "../store/installations.ts";

/** A bot's secrets and the deployment's settings, as one adapter may read them. */
export interface AdapterEnv {
  readonly bot: Bot;
  /** A secret of this bot, looked up under the bot's prefix (`FOO_TELEGRAM_BOT_TOKEN`). */
  secret(name: string): string | undefined;
  /** A deployment-wide setting such as `TELEGRAM_API_BASE`. */
  setting(name: string): string;
  readonly cache: KVNamespace;
  /** fetch for platform API calls, counted into the delivery's trace. */
  readonly fetch: typeof fetch;
  readonly trace: Trace;
  /**
   * Epoch ms by which sending should be over. Platform clients wait out a
   * rate limit or back off only while that ends in time; past it they throw
   * the refusal (with the platform's `retry_after`) for the caller to queue.
   */
  readonly deadline?: number;
  /** The size cap of one file, received or sent (`FILE_MAX_BYTES`). */
  readonly maxFileBytes: number;
  /** Kept files, for replies that send one back; absent where nothing is kept. */
  readonly files?: StoredFiles;
  /** The bot's installations in Slack workspaces (OAuth); absent without a database. */
  readonly installations?: InstallationStore;
}

export type Parsed =
  /** A delivery for the bot to handle. */
  | { readonly kind: "update"; readonly update: Update }
  /** Answered by the adapter alone (a ping, a kind of update the bot ignores). */
  | { readonly kind: "answer"; readonly response: Response }
  /** A user typing a command's argument (Discord autocomplete): answered with its suggestions, never claimed. */
  | {
      readonly kind: "suggest";
      readonly query: SuggestQuery;
      /** Who is typing, and where: whose budget of look-ups it spends, and whose own things it may offer. */
      readonly update: Update;
      answer(suggestions: readonly Suggestion[]): Response;
    }
  /** Not a payload this platform sends: 400. */
  | { readonly kind: "invalid"; readonly reason: string };

/** Where `respond` picks up when some of a delivery's replies went out before (the queue sends the rest later, src/jobs/replies.ts). */
export interface RespondOptions {
  /** The index of `replies[0]` among the delivery's replies (default 0): later ones continue what is shown. */
  readonly from?: number;
  /**
   * Called with a reply's index (counted from the delivery's first) once all
   * its messages went out, with where they went (undefined where the
   * platform gave nothing to find them by).
   */
  readonly onSent?: (index: number, sent: SentReply | undefined) => void;
  /**
   * A handler holds handles to these replies: send them where they can be
   * edited later, where a platform has a choice (Slack posts through its Web
   * API rather than a response URL, whose messages it cannot find again).
   */
  readonly editable?: boolean;
}

/** How fast a bot may send unprompted messages (digests, reminders, broadcasts) on a platform. */
export interface Pace {
  /** The setting with the bot's messages per second (`TELEGRAM_SEND_RATE`), so a benchmark can run a faster stand-in. */
  readonly rateSetting: string;
  /** The messages per second when the setting is not a positive number. */
  readonly defaultRate: number;
  /** The least time between two messages to one chat. */
  chatSpacingMs(chatId: string): number;
}

export interface PlatformAdapter {
  /** The name in webhook URLs, and in every stored row and log line of the platform. */
  readonly name: string;
  /**
   * Secrets without which the bot is not on this platform (the route answers
   * 404): each a name, or a list of names any one of which is enough.
   */
  readonly requiredSecrets: readonly (string | readonly string[])[];
  /** Checks the delivery's signature or secret, over the body's bytes as sent, before anything else is read. */
  verify(request: Request, body: Uint8Array, env: AdapterEnv): Promise<boolean>;
  /** Reads a verified body, decoded as UTF-8. */
  parse(request: Request, body: string, env: AdapterEnv): Promise<Parsed>;
  /** The webhook's answer when the update is handled after it (the replies go through `respond`). */
  ack(update: Update): Response;
  /**
   * Platforms that can carry replies in the webhook response itself (Discord
   * type 4, a Slack slash command's body) wait up to `budgetMs` for the
   * handler; `respond` returns undefined for replies it cannot carry inline.
   */
  readonly inline?: {
    readonly budgetMs: number;
    /** Whether this update can be answered inline at all (default: every update), so others are acknowledged at once. */
    accepts?(update: Update): boolean;
    respond(update: Update, replies: readonly Reply[], env: AdapterEnv): Response | undefined;
  };
  /**
   * Sends the replies to an update where the user will see them. Throws
   * `PlatformError` for a refusal; any other error means the request may
   * have arrived.
   */
  respond(update: Update, replies: readonly Reply[], env: AdapterEnv, options?: RespondOptions): Promise<void>;
  /**
   * How long after its arrival `respond` can still answer this update (an
   * interaction token, a response URL), or undefined for as long as the chat
   * exists. Replies held back longer than that go to the chat with `push`.
   */
  respondWindowMs?(update: Update): number | undefined;
  /** The address `push` can reach the update's chat at later. */
  addressOf(update: Update): ChatAddress;
  /**
   * Whether the update's user may change what the whole chat gets (its
   * digests): a group or channel admin as the platform tells. Absent or
   * false: only the user's own.
   */
  chatRights?(update: Update, env: AdapterEnv): Promise<boolean>;
  /**
   * Sends replies to a chat unprompted. Throws `PlatformError` for a refusal
   * (`permanent` when the user blocked the bot or the chat is gone).
   */
  push(address: ChatAddress, replies: readonly Reply[], env: AdapterEnv): Promise<readonly SentReply[]>;
  /**
   * Replaces what a sent reply shows (a file's caption, for a file) with
   * `reply`; throws `MessageGoneError` when the message is gone or can no
   * longer be edited, `PlatformError` for any other refusal.
   */
  edit(sent: SentReply, reply: Reply, env: AdapterEnv): Promise<void>;
  /** Deletes a sent reply's messages; throws `MessageGoneError` when they are gone already. */
  delete(sent: SentReply, env: AdapterEnv): Promise<void>;
  /** Reacts to the update's own message; does nothing for an update without one. Absent: no reactions here. */
  react?(update: Update, reaction: Reaction, env: AdapterEnv): Promise<void>;
  /**
   * The platform's sign that the bot is working on an answer, shown while a
   * slow handler has not answered: again every `everyMs` where it fades, for
   * the updates it `accepts` (all by default). Absent: nothing to show, or
   * the acknowledgement shows it already (Discord's "thinking…").
   */
  readonly working?: {
    readonly everyMs?: number;
    accepts?(update: Update): boolean;
    show(update: Update, env: AdapterEnv): Promise<void>;
  };
  /** Asks the platform for a received file: the response whose body is its bytes (read by the caller, within its cap). */
  download(attachment: Attachment, env: AdapterEnv, signal: AbortSignal): Promise<Response>;
  readonly pace: Pace;
}

/** What an adapter's environment is made from: the KV cache, and settings and secrets by name. */
export interface AdapterSettings {
  readonly CACHE: KVNamespace;
  readonly DB?: D1Database;
  readonly [name: string]: unknown;
}

/** A bot's view of the Worker's environment, for one delivery or job; `files` reads kept files. */
export function createAdapterEnv(env: AdapterSettings, bot: Bot, trace: Trace, files?: StoredFiles): AdapterEnv {
  return {
    bot,
    secret(name) {
      const value = env[`${bot.secretPrefix}${name}`];
      return typeof value === "string" && value !== "" ? value : undefined;
    },
    setting: (name) => readSetting(env, name),
    cache: env.CACHE,
    fetch: countingFetch(trace),
    trace,
    maxFileBytes: readPositive(env, "FILE_MAX_BYTES", DEFAULT_FILE_MAX_BYTES),
    ...(files ? { files } : {}),
    ...(env.DB ? { installations: new InstallationStore(env.DB, bot.name) } : {}),
  };
}

/** Whether `env` holds the secrets a platform requires of a bot. */
export function hasRequiredSecrets(adapter: PlatformAdapter, env: AdapterEnv): boolean {
  return adapter.requiredSecrets.every((need) =>
    typeof need === "string" ? env.secret(need) !== undefined : need.some((name) => env.secret(name) !== undefined),
  );
}
