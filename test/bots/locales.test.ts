/**
 * Every language of every bot (and of Parley itself) is complete: it has
 * each message the English has, uses no variable the English is not given,
 * parses without a dropped line, and translates each command's
 * description and question.
 */
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { bots } from "../../bots/index.ts";
import type { Bot } from "../../src/core/intent.ts";
import { parleyMessages } from "../../src/core/locales/index.ts";

type Pattern = FluentResource["body"][number]["value"];
type Element = Exclude<Extract<Pattern, readonly unknown[]>[number], string>;

/** The variables an expression reads, however deep (selectors, variants, function arguments). */
function variablesIn(node: Element | { type: "narg" }, into: Set<string>): void {
  switch (node.type) {
    case "var":
      into.add(node.name);
      return;
    case "select":
      variablesIn(node.selector, into);
      for (const variant of node.variants) patternVariables(variant.value, into);
      return;
    case "func":
    case "term":
      for (const arg of node.args) variablesIn(arg, into);
      return;
    default:
      return;
  }
}

function patternVariables(pattern: Pattern, into: Set<string>): void {
  if (pattern === null || typeof pattern === "string") return;
  for (const element of pattern) if (typeof element !== "string") variablesIn(element, into);
}

/** Each message of an FTL source with the variables it reads. */
function messagesOf(source: string): Map<string, Set<string>> {
  const messages = new Map<string, Set<string>>();
  for (const entry of new FluentResource(source).body) {
    const variables = new Set<string>();
    patternVariables(entry.value, variables);
    messages.set(entry.id, variables);
  }
  return messages;
}

/** Ids declared at the start of a line: a message the parser dropped (a syntax error) shows up missing. */
function declaredIds(source: string): string[] {
  return [...source.matchAll(/^([a-zA-Z][\w-]*)[ \t]*=/gm)].map((match) => match[1] as string);
}

/** The messages that translate a bot's definitions (see src/core/help.ts). */
function definitionIds(bot: Bot): string[] {
  return bot.intents.flatMap((intent) => [
    `${intent.command}-description`,
    ...(intent.subcommands ?? []).flatMap((sub) => [
      `${intent.command}-${sub.name}-description`,
      ...(sub.args ?? []).flatMap((spec) => [
        `${intent.command}-${sub.name}-${spec.name}-description`,
        ...(spec.ask ? [`${intent.command}-${sub.name}-${spec.name}-ask`] : []),
      ]),
    ]),
    ...(intent.args ?? []).flatMap((spec) => [
      `${intent.command}-${spec.name}-description`,
      ...(spec.ask ? [`${intent.command}-${spec.name}-ask`] : []),
    ]),
  ]);
}

const sources: [string, Readonly<Record<string, string>>][] = [
  ["Parley", parleyMessages],
  ...Object.values(bots).map((bot): [string, Readonly<Record<string, string>>] => [bot.name, bot.messages]),
];

/** Each language besides English of each source, with the English it translates. */
const translations = sources.flatMap(([name, byLocale]) =>
  Object.entries(byLocale)
    .filter(([locale]) => locale !== "en")
    .map(([locale, source]): [string, string, string, string] => [name, locale, source, byLocale.en ?? ""]),
);

const files = sources.flatMap(([name, byLocale]) =>
  Object.entries(byLocale).map(([locale, source]): [string, string, string] => [name, locale, source]),
);

describe("messages", () => {
  it.each(files)("of %s in %s parse without dropping a line", (_name, _locale, source) => {
    expect([...messagesOf(source).keys()]).toEqual(declaredIds(source));
  });

  it.each(translations)(
    "of %s in %s are every message of the English, with no variable it is not given",
    (_name, _locale, source, englishSource) => {
      const english = messagesOf(englishSource);
      const translated = messagesOf(source);
      expect([...english.keys()].filter((id) => !translated.has(id))).toEqual([]);
      const unknown = [...translated].flatMap(([id, variables]) =>
        [...variables].filter((name) => !english.get(id)?.has(name)).map((name) => `${id}: $${name}`),
      );
      expect(unknown).toEqual([]);
    },
  );
});

const multilingual = Object.values(bots).filter((bot) => bot.locales.length > 1);

describe.each(multilingual)("the commands of $name", (bot) => {
  it.each(bot.locales.filter((locale) => locale !== bot.defaultLocale))("are described and asked in %s", (locale) => {
    const known = new Set([
      ...messagesOf(parleyMessages[locale] ?? "").keys(),
      ...messagesOf(bot.messages[locale] ?? "").keys(),
    ]);
    expect(definitionIds(bot).filter((id) => !known.has(id))).toEqual([]);
  });
});
