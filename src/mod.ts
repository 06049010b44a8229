/**
 * Parley's public module, imported as `import { … } from "parley"`: what a
 * bot author needs to define a bot (intents, their handlers' context,
 * replies, digests) and nothing else. Every file in `bots/` imports Parley
 * from here alone. What this module does not export is internal and may
 * change without notice.
 */

// A bot and its intents
export { defineBot, defineIntent, defineSubcommand } from "./core/define.ts";
// Digests: scheduled messages users subscribe to
export type { Digest, DigestContext } from "./core/digest.ts";
export { ServiceError, type ServiceFailure, UserError } from "./core/errors.ts";
export { helpLines } from "./core/help.ts";
export type {
  ArgSpec,
  ArgType,
  AskOptions,
  Bot,
  BotDefinition,
  BotTexts,
  Context,
  Intent,
  ReplyOptions,
  Subcommand,
  Suggestion,
  UserRecord,
} from "./core/intent.ts";
export type { Json, JsonObject } from "./core/json.ts";
export type { Button, RichText, Span } from "./core/reply.ts";
// Replies: formatted text and buttons, rendered for each platform
export { bold, buttonRows, code, fitsButton, italic, link, quote } from "./core/reply.ts";
export type { Schedule, SubscriptionInfo } from "./core/schedule.ts";
export type { Services } from "./core/services.ts";
// Local times and zones
export { type LocalTime, localClock, nextDailyRun, parseLocalTime } from "./core/time.ts";
// What a handler reads and uses
export type { Update } from "./core/update.ts";
