/**
 * Plain words as commands (tier 1): a bot's intents, their examples and
 * their commands' own forms become what the offline matcher (`src/nlu`)
 * learns from. The matcher module is loaded, and a bot's matcher trained,
 * on the first plain-language message the bot gets in an isolate, never at
 * load; both are kept for the isolate's life.
 */
import type { Decision as Band } from "../nlu/index.ts";
import {
  ENTITY_KINDS,
  type EntityKind,
  LOCALES,
  type Locale,
  type Matcher,
  type SlotSpec,
  type Understandable,
  type Understanding,
} from "../nlu/types.ts";
import { askIntent } from "./ask.ts";
import type { ArgSpec, Bot, Intent, Subcommand } from "./intent.ts";
import { subcommandsForWords } from "./message-action.ts";

/** What kind of value an argument is, for reading plain words (see `ArgSpec.kind`). */
export type ArgKind = EntityKind;

/** Templates per language the matcher reads: `{ en: ["weather in {city}"], de: ["wetter in {city}"] }`. */
export type Examples = { readonly [locale in Locale]?: readonly string[] };

/** The slots a template names: "convert {amount} {from} to {to}" → amount, from, to. */
function slotNames(template: string): string[] {
  return [...template.matchAll(/\{([^{}\s]*)\}/g)].map((match) => match[1] ?? "");
}

type WordArg = ArgSpec & { readonly type: Exclude<ArgSpec["type"], "file"> };

/** The arguments words can fill: a file comes with the message, never from its words. */
function wordArgs(args: readonly ArgSpec[] = []): WordArg[] {
  return args.filter((spec): spec is WordArg => spec.type !== "file");
}

function slotOf(spec: WordArg): SlotSpec {
  return {
    name: spec.name,
    type: spec.type,
    ...(spec.kind ? { entity: spec.kind } : {}),
    ...(spec.optional ? { optional: true } : {}),
    ...(spec.impliedBy ? { impliedBy: spec.impliedBy } : {}),
  };
}

/**
 * The command typed without its slash, as far as it can be understood:
 * every prefix of the arguments that stops before an optional one or one
 * the bot asks for, and all of them ("weather", "weather {city}";
 * "rate {from} {to}", "rate {from} {to} {amount}").
 */
function commandForms(names: readonly string[], args: readonly ArgSpec[]): string[] {
  const slots = args.map((spec) => `{${spec.name}}`);
  const ends = [...args.keys()].filter((index) => args[index]?.optional || args[index]?.ask !== undefined);
  return names.flatMap((name) => [...ends, args.length].map((end) => [name, ...slots.slice(0, end)].join(" ")));
}

function withForms(examples: Examples | undefined, forms: readonly string[]): Examples {
  return Object.fromEntries(
    LOCALES.map((locale) => [locale, [...new Set([...(examples?.[locale] ?? []), ...forms])]] as const),
  );
}

function intentUnit(intent: Intent): Understandable {
  const args = wordArgs(intent.args);
  const forms = commandForms([intent.command, ...(intent.aliases ?? [])], args);
  return { intent: intent.command, slots: args.map(slotOf), examples: withForms(intent.examples, forms) };
}

function subcommandUnit(intent: Intent, subcommand: Subcommand): Understandable {
  const args = wordArgs(subcommand.args);
  const names = [intent.command, ...(intent.aliases ?? [])].map((name) => `${name} ${subcommand.name}`);
  return {
    intent: intent.command,
    subcommand: subcommand.name,
    slots: args.map(slotOf),
    examples: withForms(subcommand.examples, commandForms(names, args)),
  };
}

/** A topic the bot does not serve; a slot named after a kind is read as that kind, any other as free text. */
function outOfScopeUnit(topic: string, examples: Examples): Understandable {
  const names = [...new Set(Object.values(examples).flatMap((templates) => templates.flatMap(slotNames)))];
  const slots = names.map((name): SlotSpec => {
    const kind = ENTITY_KINDS.find((known) => known === name) ?? "text";
    return { name, type: kind === "count" ? "integer" : kind === "number" ? "number" : "string", entity: kind };
  });
  return { intent: topic, outOfScope: true, slots, examples };
}

/**
 * What words can name, for the matcher and for a model's tools alike: each
 * intent, or each of its subcommands. `/ask` is left out (it hands words to
 * the reader), and so is a subcommand only a message's menu runs.
 */
export function wordTargets(bot: Bot): { readonly intent: Intent; readonly subcommand?: Subcommand }[] {
  return bot.intents
    .filter((intent) => intent !== askIntent)
    .flatMap((intent) =>
      intent.subcommands?.length
        ? subcommandsForWords(intent).map((subcommand) => ({ intent, subcommand }))
        : [{ intent }],
    );
}

/**
 * What the matcher learns from a bot: each of its `wordTargets` with its
 * examples and its command's forms, and the topics it does not serve.
 */
export function understandablesOf(bot: Bot): Understandable[] {
  const served = wordTargets(bot).map(({ intent, subcommand }) =>
    subcommand ? subcommandUnit(intent, subcommand) : intentUnit(intent),
  );
  return [...served, ...Object.entries(bot.outOfScope).map(([topic, examples]) => outOfScopeUnit(topic, examples))];
}

/**
 * Mistakes in a bot's examples, found at load without training anything:
 * a language the matcher does not read, a slot that is not an argument.
 */
export function checkExamples(bot: Pick<Bot, "name" | "intents" | "outOfScope">): void {
  const check = (examples: Examples | undefined, args: readonly ArgSpec[] | undefined, where: string) => {
    for (const [locale, templates] of Object.entries(examples ?? {})) {
      if (!LOCALES.some((known) => known === locale)) {
        throw new Error(`Examples of ${where} in "${locale}": plain words are read in ${LOCALES.join(" and ")}`);
      }
      if (!args) continue;
      for (const name of templates.flatMap(slotNames)) {
        if (!args.some((spec) => spec.name === name)) {
          throw new Error(`An example of ${where} names "{${name}}", which is not one of its arguments`);
        }
      }
    }
  };
  for (const intent of bot.intents) {
    check(intent.examples, intent.args ?? [], `"${intent.command}"`);
    for (const sub of intent.subcommands ?? []) {
      check(sub.examples, sub.args ?? [], `"${intent.command} ${sub.name}"`);
    }
  }
  for (const [topic, examples] of Object.entries(bot.outOfScope))
    check(examples, undefined, `"${topic}" in "${bot.name}"`);
}

/**
 * The matcher and its recognisers (chrono-node among them): imported when
 * first needed, since evaluating them costs start-up time that a Worker
 * answering only commands would spend for nothing.
 */
let module: Promise<typeof import("../nlu/index.ts")> | undefined;

const matchers = new WeakMap<Bot, Matcher>();

/** How tier 1 reads `text` for `bot`: its readings, and whether to run, offer or give up on them. */
export async function understand(
  bot: Bot,
  text: string,
  locale: string,
): Promise<{ readonly understanding: Understanding; readonly band: Band }> {
  module ??= import("../nlu/index.ts");
  const { decide, trainMatcher } = await module;
  let matcher = matchers.get(bot);
  if (!matcher) {
    matcher = trainMatcher(understandablesOf(bot));
    matchers.set(bot, matcher);
  }
  const understanding = matcher.understand(text, locale);
  return { understanding, band: decide(understanding.candidates) };
}
