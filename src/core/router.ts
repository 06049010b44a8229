/**
 * The router decides what an update means: an answer to a pending question,
 * a command, a free-text pattern, or nothing the bot knows.
 */
import { type ArgsResult, checkArgs, type Problem, parseArgs, problem } from "./args.ts";
import { type ArgMap, isLive, type PendingQuestion } from "./dialog.ts";
import { usage } from "./help.ts";
import type { ArgSpec, Bot, Intent, Subcommand } from "./intent.ts";
import { quote } from "./reply.ts";
import type { Attachment, CommandInvocation, Update } from "./update.ts";

/** What an update means to the bot, and so what the engine does with it. */
export type Decision =
  /** Run the handler with complete arguments; `resumed` when the update answers the bot's question. */
  | {
      readonly kind: "run";
      readonly intent: Intent;
      readonly subcommand?: Subcommand;
      readonly args: ArgMap;
      readonly resumed: boolean;
    }
  /** An argument is missing and the spec says to ask for it. */
  | {
      readonly kind: "ask";
      readonly intent: Intent;
      readonly subcommand?: Subcommand;
      readonly args: ArgMap;
      readonly resumed: boolean;
      readonly missing: ArgSpec;
    }
  /** The command is known but its arguments are wrong. */
  | { readonly kind: "usage"; readonly intent: Intent; readonly problem: Problem; readonly usage: string }
  | { readonly kind: "fallback" }
  /** Not meant for the bot (group chatter). */
  | { readonly kind: "ignore" };

export function findIntent(bot: Bot, name: string): Intent | undefined {
  const lower = name.toLowerCase();
  return bot.intents.find((intent) => intent.command === lower || intent.aliases?.includes(lower));
}

function decisionFor(
  intent: Intent,
  subcommand: Subcommand | undefined,
  result: ArgsResult,
  resumed = false,
): Decision {
  const target = subcommand ? { subcommand } : {};
  if (!result.ok) return { kind: "usage", intent, problem: result.problem, usage: usage(intent, subcommand) };
  if (result.missing) return { kind: "ask", intent, ...target, args: result.args, resumed, missing: result.missing };
  return { kind: "run", intent, ...target, args: result.args, resumed };
}

function decideCommand(intent: Intent, command: CommandInvocation, files?: readonly Attachment[]): Decision {
  let text = command.text;
  let subcommand: Subcommand | undefined;
  if (intent.subcommands?.length) {
    const name = command.subcommand ?? /^\S+/.exec(text.trim())?.[0];
    subcommand = intent.subcommands.find((sub) => sub.name === name?.toLowerCase());
    if (!subcommand) {
      const names = intent.subcommands.map((sub) => sub.name).join(", ");
      return {
        kind: "usage",
        intent,
        problem: name
          ? problem("parley-unknown-subcommand", { name: quote(name) })
          : problem("parley-choose-subcommand", { names }),
        usage: `/${intent.command} ${intent.subcommands.map((sub) => sub.name).join("|")}`,
      };
    }
    if (!command.subcommand) text = text.trim().slice(subcommand.name.length);
  }
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  const result = command.options ? checkArgs(specs, command.options, files) : parseArgs(specs, text, {}, files);
  return decisionFor(intent, subcommand, result);
}

function decideAnswer(bot: Bot, question: PendingQuestion, update: Update): Decision {
  const intent = findIntent(bot, question.intent);
  if (!intent) return { kind: "fallback" };
  const subcommand = intent.subcommands?.find((sub) => sub.name === question.subcommand);
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  const awaited = specs.find((spec) => spec.name === question.awaiting);
  if (!awaited) return { kind: "fallback" };
  const values = { ...question.args, [awaited.name]: update.text };
  return decisionFor(intent, subcommand, checkArgs(specs, values, update.attachments), true);
}

function decidePattern(bot: Bot, update: Update): Decision | undefined {
  for (const intent of bot.intents) {
    for (const pattern of intent.patterns ?? []) {
      const match = pattern.exec(update.text);
      if (!match) continue;
      const groups = Object.fromEntries(
        Object.entries(match.groups ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      return decisionFor(intent, undefined, checkArgs(intent.args ?? [], groups, update.attachments));
    }
  }
  return undefined;
}

/** A message addressed to the bot that starts with a command's name, without the slash ("weather Berlin"). */
function decideCommandWord(bot: Bot, update: Update): Decision | undefined {
  const match = /^\s*([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(update.text);
  const intent = match?.[1] ? findIntent(bot, match[1]) : undefined;
  return intent
    ? decideCommand(intent, { name: intent.command, text: match?.[2] ?? "" }, update.attachments)
    : undefined;
}

export function decide(bot: Bot, update: Update, question: PendingQuestion | null, now: number): Decision {
  if (update.command) {
    const intent = findIntent(bot, update.command.name);
    return intent ? decideCommand(intent, update.command, update.attachments) : { kind: "fallback" };
  }
  if (isLive(question, now)) return decideAnswer(bot, question, update);
  if (!update.addressed) return { kind: "ignore" };
  return decidePattern(bot, update) ?? decideCommandWord(bot, update) ?? { kind: "fallback" };
}
