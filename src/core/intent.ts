/**
 * How a bot is written: a bot is a list of intents; an intent is one command
 * (with arguments and optional subcommands) or a free-text pattern, and a
 * handler, which gets one context. The same definitions drive the router,
 * the help text and every platform's command menu (`define.ts` checks them).
 */
import type { ArgMap } from "./dialog.ts";
import type { Digest } from "./digest.ts";
import type { FileReply, FileShelf, ReceivedFile } from "./files.ts";
import type { Translate } from "./i18n.ts";
import type { JsonObject } from "./json.ts";
import type { Next } from "./middleware.ts";
import type { PendingMessage } from "./outbox.ts";
import type { Reaction } from "./reactions.ts";
import type { Button, RichText } from "./reply.ts";
import type { Schedule } from "./schedule.ts";
import type { Services } from "./services.ts";
import type { ArgKind, Examples } from "./understanding.ts";
import type { Update } from "./update.ts";

/** `file`: a file the user sends with the command (or, asked for, as their next message); never typed text. */
export type ArgType = "string" | "integer" | "number" | "file";

export interface ArgSpec {
  readonly name: string;
  readonly type: ArgType;
  /** One line, shown in help and in the platforms' option hints. */
  readonly description: string;
  readonly optional?: boolean;
  /** A last string argument that takes the rest of the line, spaces included (file arguments may follow it). */
  readonly rest?: boolean;
  /**
   * For a `file` argument: the MIME types it takes, exact (`application/pdf`)
   * or by family (`image/*`); any file when absent. Another type gets a clear
   * answer naming these.
   */
  readonly accept?: readonly string[];
  /**
   * When missing, the bot asks this question and takes the user's next
   * message as the value, instead of answering with the usage.
   */
  readonly ask?: string;
  /**
   * The only values it takes, offered as a list to pick from when the bot
   * asks for it (a select, or a button each) and as Discord's fixed option
   * choices; a value outside them gets a clear answer. A string is its own
   * label; the bot's message `<command>-<arg>-choice-<value>` labels it in
   * another language. `"suggested"`: the list is what `suggest` gives for
   * nothing typed yet, asked when the bot asks, and the answer must be one
   * of those offered.
   */
  readonly choices?: readonly (string | Suggestion)[] | "suggested";
  /** Offered as suggestions (Discord autocomplete, button choices); also before anything is typed. */
  readonly examples?: readonly string[];
  /**
   * What kind of value it is, for reading plain words ("weather in Paris",
   * "in half an hour"): `city` and `text` are taken as written, every other
   * kind is recognised and given in the form a command takes (`currency`
   * "dollars" → `USD`, `duration` "half an hour" → `30m`, `time` "6pm" →
   * `18:00`). Defaults from `type`: string → text, integer → count,
   * number → number.
   */
  readonly kind?: ArgKind;
  /**
   * Values given when plain words leave this argument out but name another
   * that implies it, by that argument's name: a subscription to a city's
   * weather is for the weather digest, `{ city: "weather" }`.
   */
  readonly impliedBy?: Readonly<Record<string, string | number>>;
  /**
   * Suggestions for what the user has typed so far (at least one character;
   * Discord autocomplete). A convenience, not a check: a slow or failing
   * source is dropped, and the user may still send any value.
   */
  readonly suggest?: (prefix: string, services: Services) => Promise<readonly Suggestion[]>;
  /**
   * Suggestions from what the typing user holds (their subscriptions), for
   * what they have typed so far, nothing included (Discord autocomplete).
   * Asked for each user anew and never kept for anyone else; like `suggest`,
   * a convenience, not a check.
   */
  readonly suggestOwn?: (prefix: string, asker: Asker) => Promise<readonly Suggestion[]>;
}

/** Who is typing an argument, as `suggestOwn` sees them: the bot, their language, and what they hold in this chat. */
export interface Asker {
  readonly bot: Bot;
  readonly locale: string;
  readonly t: Translate;
  readonly schedule: Pick<Schedule, "subscriptions">;
}

/** One suggested value of an argument: `label` is shown, `value` is what gets filled in. */
export interface Suggestion {
  readonly label: string;
  readonly value: string;
}

type ArgValue<A extends ArgSpec> = A["type"] extends "string"
  ? string
  : A["type"] extends "file"
    ? ReceivedFile
    : number;

/** The parsed arguments of an intent, typed from its `ArgSpec`s. */
export type ArgValues<Args extends readonly ArgSpec[]> = {
  readonly [A in Args[number] as A["name"]]: A extends { optional: true } ? ArgValue<A> | undefined : ArgValue<A>;
};

export interface ReplyOptions {
  readonly buttons?: readonly (readonly Button[])[];
  /** For the user's eyes only where others would see it and the platform can (see `Reply.private`). */
  readonly private?: boolean;
  /** A list to pick one from (a select, or a button each); picking one is the same as pressing its button. */
  readonly choices?: readonly Button[];
}

export interface AskOptions {
  /** The argument of the current intent that the answer fills. */
  readonly arg: string;
  readonly buttons?: readonly (readonly Button[])[];
  /**
   * The answers to pick from (a select, or a button each): picking one is
   * the same as typing its `value`, and only these are taken as the answer,
   * picked or typed. A pick after the question was answered or expired is
   * told so and changes nothing.
   */
  readonly choices?: readonly Suggestion[];
  /**
   * Further arguments of the current intent asked together with `arg`: a
   * platform with forms shows a field for each; elsewhere the user answers
   * `arg` and the rest are asked in turn.
   */
  readonly together?: readonly string[];
}

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  /** Kept per user (per bot and platform) in D1; change it and it is saved with the reply. */
  data: JsonObject;
  /**
   * The language the user chose (`/language`), one of the bot's, kept in D1
   * with their data; undefined follows what their platform reports. Set it
   * and it is saved with the reply, and `ctx.locale` follows at once.
   */
  locale?: string;
}

/** What an update invoked: the intent (its command, never an alias typed), its subcommand, the arguments. */
export interface Invocation {
  readonly intent: string;
  readonly subcommand?: string;
  readonly args: ArgMap;
  /**
   * The update answers a question the bot asked (a missing argument, or
   * `ctx.ask`): it continues an invocation that started earlier.
   */
  readonly resumed: boolean;
}

/**
 * What middleware hands on to the handler through `ctx.set` and `ctx.get`:
 * a key and the type of its value. Empty here; a bot adds its own keys by
 * declaration merging, so that both sides are checked:
 *
 *     declare module "parley" {
 *       interface Variables {
 *         plan: "free" | "pro";
 *       }
 *     }
 */
// biome-ignore lint/suspicious/noEmptyInterface: bots fill it by declaration merging
export interface Variables {}

/**
 * The handler context: everything an intent sees and does. It carries the
 * update, the parsed arguments, the user's stored data and short verbs
 * (`reply`, `ask`); the engine persists and sends what the handler left here.
 */
export interface Context<Args = ArgMap> {
  readonly bot: Bot;
  readonly update: Update;
  readonly args: Args;
  /** What this update invoked; middleware reads the intent's name here. */
  readonly invocation: Invocation;
  readonly user: UserRecord;
  /** When the update is handled; use it instead of the clock so handlers stay testable. */
  readonly now: Date;
  readonly services: Services;
  /** Digest subscriptions and reminders of this user in this chat. */
  readonly schedule: Schedule;
  /**
   * The language to answer in, one of the bot's (`en`, `de`): the user's
   * own choice, else their platform's language, else the bot's default.
   */
  readonly locale: string;
  /**
   * The bot's message `id` in `ctx.locale`, with its variables; numbers and
   * dates among them are formatted for the language. Spans as variables
   * (`{ item: bold(text) }`) give spans back.
   */
  readonly t: Translate;
  /**
   * Queues a message (or a file, `{ file, caption }`) to the chat the update
   * came from. Replies go out after the handler returns; awaiting the handle
   * sends what is queued at once and gives the message, to `edit` or
   * `delete` later (see `PendingMessage`).
   */
  reply(content: RichText | FileReply, options?: ReplyOptions): PendingMessage;
  /**
   * Reacts to the user's message with `reaction`, where there is one and
   * the platform has reactions (Telegram, Slack); elsewhere (a button press,
   * a slash command, Discord's interactions) it does nothing.
   */
  react(reaction: Reaction): Promise<void>;
  /** The files the user sent with this message, each with a `download()`. */
  readonly attachments: readonly ReceivedFile[];
  /** The files the bot keeps for this user (R2 and D1), within the user's quota. */
  readonly files: FileShelf;
  /**
   * Asks a question; the same user's next message in this chat fills `arg`
   * and runs this intent again with the arguments gathered so far.
   */
  ask(question: RichText, options: AskOptions): void;
  /**
   * Erases, once this update is handled, everything Parley keeps about the
   * user for this bot on this platform: their data and language, pending
   * questions, conversation memory, subscriptions, reminders, and the usage
   * rows keyed to their id (see `forgetIntent`). Nothing else the handler
   * changed is saved; its replies are sent.
   */
  forgetUser(): void;
  /** Keeps `value` under `key` until this update is handled: how middleware passes data to the handler. */
  set<Key extends keyof Variables>(key: Key, value: Variables[Key]): void;
  /** What was `set` under `key` for this update; undefined when no middleware on this intent set it. */
  get<Key extends keyof Variables>(key: Key): Variables[Key] | undefined;
}

/**
 * A rule written once and wrapped around handlers: listed in `use` of a bot,
 * an intent or a subcommand, and run in that order (bot, intent,
 * subcommand), the same on every platform. It may answer (`ctx.reply`),
 * refuse (throw a `UserError`, or return without calling `next`), pass data
 * on (`ctx.set`) and act after the handler: `await next()` runs the rest of
 * the chain. It runs for every update that invokes an intent, around its
 * handler or around the question for a missing argument (so it can refuse
 * before the bot asks); not for the fallback, a usage error or chatter the
 * bot ignores, which run no bot code.
 */
export type Middleware = (ctx: Context, next: Next) => Promise<void> | void;

/** A handler sees its own arguments typed; stored intents (any arguments) see an `ArgMap`. */
export type Handler<Args extends readonly ArgSpec[] = readonly ArgSpec[]> = (
  ctx: Context<readonly ArgSpec[] extends Args ? ArgMap : ArgValues<Args>>,
) => Promise<void> | void;

export interface Subcommand<Args extends readonly ArgSpec[] = readonly ArgSpec[]> {
  readonly name: string;
  readonly description: string;
  readonly args?: Args;
  /** How people ask for it in plain words, per language (see `Intent.examples`). */
  readonly examples?: Examples;
  /** Middleware around this subcommand's handler, inside the bot's and the intent's. */
  readonly use?: readonly Middleware[];
  readonly run: Handler<Args>;
}

export interface Intent<Args extends readonly ArgSpec[] = readonly ArgSpec[]> {
  /** The command name without a slash, also the intent's name in logs and usage. */
  readonly command: string;
  readonly aliases?: readonly string[];
  readonly description: string;
  readonly args?: Args;
  /** Free-text messages that start this intent; named groups fill arguments. */
  readonly patterns?: readonly RegExp[];
  /**
   * How people ask for it in plain words, per language: `{ en: ["weather in
   * {city}", "how (cold|warm) is it in {city}"], de: [...] }`. A slot in
   * braces is one of `args`; a group in parentheses is one word of several.
   * Lower case, no punctuation. The command's own form (`weather {city}`)
   * is understood without being listed.
   */
  readonly examples?: Examples;
  /**
   * How its arguments are written in help and usage answers, when listing
   * `args` in order would mislead (`<digest> [its args…] <HH:MM> [zone] [rhythm]`).
   */
  readonly usage?: string;
  readonly subcommands?: readonly Subcommand[];
  /**
   * Offered on any message, in the platforms' message menus (Discord's
   * "Apps" menu, a Slack message shortcut) under `label`: choosing it runs
   * this intent (its `subcommand`, if it has subcommands) with no arguments
   * and `update.about` naming the message.
   */
  readonly messageAction?: { readonly label: string; readonly subcommand?: string };
  /** Middleware around this intent's handler (and its subcommands'), inside the bot's. */
  readonly use?: readonly Middleware[];
  readonly run?: Handler<Args>;
}

export interface Bot {
  /** Scheduled messages users can subscribe to. */
  readonly digests: readonly Digest[];
  /** The name in the webhook URL: `/webhooks/:platform/:name`. */
  readonly name: string;
  /**
   * Prefix of this bot's secrets and settings (`TELEGRAM_BOT_TOKEN` becomes
   * `FOO_TELEGRAM_BOT_TOKEN` for prefix `FOO_`). Defaults to the name in
   * capitals and an underscore.
   */
  readonly secretPrefix: string;
  readonly intents: readonly Intent[];
  /** Middleware around every intent of the bot, outermost. */
  readonly use: readonly Middleware[];
  /** The languages the bot speaks, its default first. */
  readonly locales: readonly string[];
  /** What it answers in when the user's language is not one of its own. */
  readonly defaultLocale: string;
  /** Its messages by language, in Fluent syntax, on top of Parley's own (see `BotDefinition.messages`). */
  readonly messages: Readonly<Record<string, string>>;
  /** Requests it does not serve, by topic (see `BotDefinition.outOfScope`). */
  readonly outOfScope: Readonly<Record<string, Examples>>;
}

export interface BotDefinition {
  readonly name: string;
  readonly digests?: readonly Digest[];
  readonly secretPrefix?: string;
  readonly intents: readonly Intent[];
  readonly use?: readonly Middleware[];
  /**
   * The bot's texts by language (`{ en, de }`), each a Fluent (FTL) source,
   * read with `ctx.t(id)`. A message with one of Parley's ids
   * (`parley-apology`, `parley-fallback`, `parley-slow-down`, …) replaces
   * Parley's text in that language; `<command>-description`,
   * `<command>-<arg>-description` and `<command>-<arg>-ask` (with
   * `<subcommand>` after the command for a subcommand's) translate the
   * definitions, whose English stands where a language has none.
   */
  readonly messages?: Readonly<Record<string, string>>;
  /** The language of the definitions, and of answers to users who speak none of the bot's: `en` unless set. */
  readonly defaultLocale?: string;
  /**
   * Requests the bot does not serve that look like ones it does, by topic,
   * in plain words per language: `{ clock: { en: ["whats the time in
   * {city}"] } }` keeps "what time is it in Lisbon" from being read as the
   * weather there. A slot named after a kind (`{city}`, `{time}`,
   * `{count}`, …) is read as that kind, any other as free text.
   */
  readonly outOfScope?: Readonly<Record<string, Examples>>;
}
