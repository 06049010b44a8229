/**
 * How a bot is written: a bot is a list of intents; an intent is one command
 * (with arguments and optional subcommands) or a free-text pattern, and a
 * handler. The same definitions drive the router, the help text and every
 * platform's command menu.
 */
import type { Context } from "./context.ts";
import type { ArgMap } from "./dialog.ts";
import type { Digest } from "./digest.ts";
import type { Services } from "./services.ts";

export type ArgType = "string" | "integer" | "number";

export interface ArgSpec {
  readonly name: string;
  readonly type: ArgType;
  /** One line, shown in help and in the platforms' option hints. */
  readonly description: string;
  readonly optional?: boolean;
  /** A last string argument that takes the rest of the line, spaces included. */
  readonly rest?: boolean;
  /**
   * When missing, the bot asks this question and takes the user's next
   * message as the value, instead of answering with the usage.
   */
  readonly ask?: string;
  /** Offered as suggestions (Discord autocomplete, button choices); also before anything is typed. */
  readonly examples?: readonly string[];
  /**
   * Suggestions for what the user has typed so far (at least one character;
   * Discord autocomplete). A convenience, not a check: a slow or failing
   * source is dropped, and the user may still send any value.
   */
  readonly suggest?: (prefix: string, services: Services) => Promise<readonly Suggestion[]>;
}

/** One suggested value of an argument: `label` is shown, `value` is what gets filled in. */
export interface Suggestion {
  readonly label: string;
  readonly value: string;
}

type ArgValue<A extends ArgSpec> = A["type"] extends "string" ? string : number;

/** The parsed arguments of an intent, typed from its `ArgSpec`s. */
export type ArgValues<Args extends readonly ArgSpec[]> = {
  readonly [A in Args[number] as A["name"]]: A extends { optional: true } ? ArgValue<A> | undefined : ArgValue<A>;
};

/** A handler sees its own arguments typed; stored intents (any arguments) see an `ArgMap`. */
export type Handler<Args extends readonly ArgSpec[] = readonly ArgSpec[]> = (
  ctx: Context<readonly ArgSpec[] extends Args ? ArgMap : ArgValues<Args>>,
) => Promise<void> | void;

export interface Subcommand<Args extends readonly ArgSpec[] = readonly ArgSpec[]> {
  readonly name: string;
  readonly description: string;
  readonly args?: Args;
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
  readonly subcommands?: readonly Subcommand[];
  readonly run?: Handler<Args>;
}

export interface BotTexts {
  /** Sent when a handler fails unexpectedly. */
  readonly apology: string;
  /** Sent for a message no intent understands. */
  readonly fallback: string;
  /** Sent once per window to a user over the rate limit (src/ratelimit.ts); the rest of the flood gets nothing. */
  readonly slowDown: string;
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
  readonly texts: BotTexts;
}

export interface BotDefinition {
  readonly name: string;
  readonly digests?: readonly Digest[];
  readonly secretPrefix?: string;
  readonly intents: readonly Intent[];
  readonly texts?: Partial<BotTexts>;
}

const defaultTexts: BotTexts = {
  apology: "Sorry, something went wrong on my side. Please try again in a moment.",
  fallback: "I did not understand that. Send /help to see what I can do.",
  slowDown: "You are sending messages faster than I can answer. Please wait a minute, then try again.",
};

const namePattern = /^[a-z][a-z0-9_-]{0,31}$/;
/** Command and argument names: what every platform's command menu accepts. */
const commandNamePattern = /^[a-z][a-z0-9_]{0,31}$/;

/** Argument names are keys of stored questions, so they follow the command names' rule (no `__proto__`). */
function checkArgNames(intent: Intent): void {
  const lists = [intent.args ?? [], ...(intent.subcommands ?? []).map((sub) => sub.args ?? [])];
  for (const spec of lists.flat()) {
    if (!commandNamePattern.test(spec.name))
      throw new Error(`Invalid argument name "${spec.name}" in "${intent.command}"`);
  }
}

/** Checks a bot's definition once, at load, so mistakes fail loudly and early. */
export function defineBot(definition: BotDefinition): Bot {
  if (!namePattern.test(definition.name)) throw new Error(`Invalid bot name "${definition.name}"`);
  const seen = new Set<string>();
  for (const intent of definition.intents) {
    for (const name of [intent.command, ...(intent.aliases ?? [])]) {
      if (!commandNamePattern.test(name)) throw new Error(`Invalid command name "${name}"`);
      if (seen.has(name)) throw new Error(`Command "${name}" is defined twice in bot "${definition.name}"`);
      seen.add(name);
    }
    if (!intent.run && !intent.subcommands?.length) throw new Error(`Intent "${intent.command}" has nothing to run`);
    checkArgNames(intent);
  }
  return {
    name: definition.name,
    secretPrefix: definition.secretPrefix ?? `${definition.name.toUpperCase().replaceAll("-", "_")}_`,
    intents: definition.intents,
    digests: definition.digests ?? [],
    texts: { ...defaultTexts, ...definition.texts },
  };
}

/** Keeps the argument types of one intent while letting a bot list intents of any shape. */
export function defineIntent<const Args extends readonly ArgSpec[] = readonly []>(intent: Intent<Args>): Intent {
  return intent as unknown as Intent;
}

export function defineSubcommand<const Args extends readonly ArgSpec[] = readonly []>(
  subcommand: Subcommand<Args>,
): Subcommand {
  return subcommand as unknown as Subcommand;
}
