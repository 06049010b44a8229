/**
 * Parley's public module, imported as `import { … } from "parley"`: what a
 * bot author needs to define a bot (intents, the context their handlers
 * get, replies, digests) and nothing else. Every file in `bots/` imports
 * Parley from here alone (Biome enforces it). What this module does not
 * export is internal and may change without notice.
 */

/** `/ask <question>`: plain words as a command, for platforms that deliver only commands (Discord). */
export { askIntent } from "./core/ask.ts";
/** A bot is defined once, checked at load: `defineBot({ name, intents, digests, use })`. */
export { defineBot, defineIntent, defineSubcommand } from "./core/define.ts";
/** Digests: scheduled messages a bot renders once per period and users subscribe to. */
export type { Digest, DigestArgs, DigestCheck, DigestContext } from "./core/digest.ts";
/** Errors a handler throws on purpose; the user gets a reply that says what went wrong. */
export { ServiceError, type ServiceFailure, UserError } from "./core/errors.ts";
/** Files: what a user sent (`ctx.attachments`, file arguments), what a bot sends, what it keeps (`ctx.files`). */
export {
  FileError,
  type FileOut,
  type FileProblem,
  type FileReply,
  type FileShelf,
  type KeptFile,
  type ReceivedFile,
} from "./core/files.ts";
/** `/forget`: the user erases everything the bot keeps about them, after a confirmation; a bot lists it. */
export { forgetIntent } from "./core/forget.ts";
/** One line per command in a language, from the same definitions the router reads. */
export { helpLines } from "./core/help.ts";
/** `ctx.t`: a bot's messages in the user's language (Fluent), and what their variables may be. */
export type { MessageArgs, MessageValue, RichMessageArgs, Translate } from "./core/i18n.ts";
/** Intents, their arguments, the context a handler gets (`ctx`), and middleware around handlers. */
export type {
  ArgSpec,
  ArgType,
  Asker,
  AskOptions,
  Bot,
  BotDefinition,
  Context,
  Intent,
  Invocation,
  Middleware,
  ReplyOptions,
  Subcommand,
  Suggestion,
  UserRecord,
  Variables,
} from "./core/intent.ts";
/** What `ctx.user.data` holds: JSON, kept per user in D1. */
export type { Json, JsonObject } from "./core/json.ts";
/** `/language <code>`: the user's choice among the bot's languages; a bot that speaks several lists it. */
export { languageIntent } from "./core/language.ts";
/** `next` as middleware gets it: runs the rest of the chain. */
export type { Next } from "./core/middleware.ts";
/** What `ctx.reply` returns: await it for the sent message, to edit or delete; `MessageGoneError` when it is gone. */
export { MessageGoneError, type PendingMessage, type SentMessage } from "./core/outbox.ts";
/** The emoji `ctx.react` takes, the same on every platform. */
export type { Reaction } from "./core/reactions.ts";
/** Formatted text and buttons, rendered for each platform; `quote` repeats what a user typed, `clip` shortens. */
export {
  type Button,
  bold,
  buttonRows,
  clip,
  code,
  fitsButton,
  italic,
  link,
  quote,
  type RichText,
  type Span,
} from "./core/reply.ts";
/** Reading `/subscribe <digest> [its args…] <HH:MM> [zone] [rhythm]`, and on which days a rhythm falls. */
export { parseRhythm } from "./core/rhythm.ts";
/** `ctx.schedule`: digest subscriptions and reminders of the user in this chat. */
export type { Schedule, SubscriptionInfo } from "./core/schedule.ts";
/** `ctx.services`: outside calls with a timeout and validation, and the deployment's settings. */
export type { Services } from "./core/services.ts";
export { readSubscription, subscriptionArgs } from "./core/subscribing.ts";
/** Local wall-clock times in IANA zones. */
export { type LocalTime, localClock, nextDailyRun, parseLocalTime } from "./core/time.ts";
/** Plain words: what kind of value an argument is, and an intent's examples per language. */
export type { ArgKind, Examples } from "./core/understanding.ts";
/** The platform-neutral update a handler reads as `ctx.update`, and the files it came with. */
export type { AboutMessage, Attachment, FileKind, Update } from "./core/update.ts";
/** Middleware shipped with Parley, for `use: [...]` of a bot, an intent or a subcommand. */
export { type AdminIds, type AdminOnlyOptions, adminOnly } from "./middleware/admin-only.ts";
export { type CooldownOptions, cooldown } from "./middleware/cooldown.ts";
export { type PrivateOnlyOptions, privateOnly } from "./middleware/private-only.ts";
