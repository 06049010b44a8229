/**
 * The functions a bot is defined with. A bot's definition is checked once,
 * at load, so that a mistake in it fails loudly and early, and an intent
 * keeps its own argument types while a bot lists intents of any shape.
 */
import { askIntent } from "./ask.ts";
import type { ArgSpec, Bot, BotDefinition, Intent, Subcommand } from "./intent.ts";
import { isLanguageTag } from "./locale.ts";
import { checkExamples } from "./understanding.ts";

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

/** The longest label every platform's message menu takes (Discord's and Slack's names). */
const ACTION_LABEL_LIMIT = 32;

/** A message action runs a subcommand the intent has, under a label every message menu takes. */
function checkMessageAction(intent: Intent): void {
  const action = intent.messageAction;
  if (!action) return;
  const subcommand = intent.subcommands?.find((sub) => sub.name === action.subcommand);
  const label = action.label.trim();
  if (
    Boolean(intent.subcommands?.length) !== Boolean(subcommand) ||
    label === "" ||
    label.length > ACTION_LABEL_LIMIT
  ) {
    throw new Error(`Invalid message action "${action.label}" in "${intent.command}"`);
  }
}

/**
 * The languages the bot speaks, its default first. Their messages are
 * parsed when first needed, not here: a bot's start-up stays as quick as
 * one language's.
 */
function localesOf(definition: BotDefinition): string[] {
  const defaultLocale = definition.defaultLocale ?? "en";
  const locales = [...new Set([defaultLocale, ...Object.keys(definition.messages ?? {})])];
  for (const locale of locales) {
    if (!isLanguageTag(locale)) throw new Error(`Invalid language "${locale}" in bot "${definition.name}"`);
  }
  return locales;
}

/** Checks a bot's definition and fills in the defaults. */
export function defineBot(definition: BotDefinition): Bot {
  if (!namePattern.test(definition.name)) throw new Error(`Invalid bot name "${definition.name}"`);
  const seen = new Set<string>();
  for (const intent of definition.intents) {
    for (const name of [intent.command, ...(intent.aliases ?? [])]) {
      if (!commandNamePattern.test(name)) throw new Error(`Invalid command name "${name}"`);
      if (seen.has(name)) throw new Error(`Command "${name}" is defined twice in bot "${definition.name}"`);
      seen.add(name);
    }
    // `/ask` runs the intent its question names.
    const runs = intent.run !== undefined || (intent.subcommands?.length ?? 0) > 0 || intent === askIntent;
    if (!runs) throw new Error(`Intent "${intent.command}" has nothing to run`);
    checkArgNames(intent);
    checkMessageAction(intent);
  }
  const outOfScope = { ...definition.outOfScope };
  checkExamples({ name: definition.name, intents: definition.intents, outOfScope });
  const locales = localesOf(definition);
  return {
    name: definition.name,
    secretPrefix: definition.secretPrefix ?? `${definition.name.toUpperCase().replaceAll("-", "_")}_`,
    intents: definition.intents,
    use: definition.use ?? [],
    digests: definition.digests ?? [],
    locales,
    defaultLocale: locales[0] ?? "en",
    messages: { ...definition.messages },
    outOfScope,
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
