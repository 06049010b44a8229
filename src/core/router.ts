/**
 * The router decides what an update means: a command, a press of a "did
 * you mean" button, an answer to a pending question, a free-text pattern,
 * plain words understood as a command (tier 1, `understanding.ts`), or
 * nothing the bot knows.
 */
import type { Candidate } from "../nlu/index.ts";
import { type ArgsResult, checkArgs, checkChoice, type Problem, parseArgs, problem } from "./args.ts";
import { askIntent } from "./ask.ts";
import {
  type ArgMap,
  type ArgQuestion,
  type ChoiceQuestion,
  isLive,
  type PendingQuestion,
  readChoiceValue,
  readPickValue,
  type StoredReading,
} from "./dialog.ts";
import { usage } from "./help.ts";
import type { ArgSpec, Bot, Intent, Subcommand } from "./intent.ts";
import { quote } from "./reply.ts";
import { understand } from "./understanding.ts";
import type { Attachment, CommandInvocation, FormAnswer, Update } from "./update.ts";

/**
 * How plain words were understood, for the log: tier 1 is the offline
 * matcher, tier 2 a further reader (`UnderstandFurther`); the confidence of
 * the reading it came to ("weather", "todo add", "-" for none).
 */
export interface Understood {
  readonly tier: 1 | 2;
  readonly confidence: number;
  readonly reading: string;
}

/** One way of reading plain words: the bot's intent, its subcommand, the arguments, how sure. */
export interface Reading {
  readonly intent: Intent;
  readonly subcommand?: Subcommand;
  /** Words carry no files: a file argument comes with the message, never from its words. */
  readonly args: Readonly<Record<string, string | number>>;
  readonly confidence: number;
}

/** Plain words tier 1 did not run: the text, the language it was read in, and its readings, best first. */
export interface Unplaced {
  readonly text: string;
  readonly language: string;
  readonly readings: readonly Reading[];
  readonly understood: Understood;
}

/** What an update means to the bot, and so what the engine does with it. */
export type Decision =
  /** Run the handler with complete arguments; `resumed` when the update answers the bot's question. */
  | {
      readonly kind: "run";
      readonly intent: Intent;
      readonly subcommand?: Subcommand;
      readonly args: ArgMap;
      readonly resumed: boolean;
      readonly understood?: Understood;
    }
  /** An argument is missing and the spec says to ask for it. */
  | {
      readonly kind: "ask";
      readonly intent: Intent;
      readonly subcommand?: Subcommand;
      readonly args: ArgMap;
      readonly resumed: boolean;
      readonly missing: ArgSpec;
      readonly understood?: Understood;
    }
  /** The command is known but its arguments are wrong. */
  | {
      readonly kind: "usage";
      readonly intent: Intent;
      readonly problem: Problem;
      readonly usage: string;
      readonly understood?: Understood;
    }
  /** Plain words read more than one way, or not surely: the user picks a reading ("did you mean …?"). */
  | ({ readonly kind: "choose" } & Unplaced)
  /** Plain words no reading fits. */
  | ({ readonly kind: "not_understood" } & Unplaced)
  /** A "did you mean" button whose choice is no longer open, or was offered to someone else. */
  | { readonly kind: "stale_choice" }
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
  understood?: Understood,
): Decision {
  const target = subcommand ? { subcommand } : {};
  const how = understood ? { understood } : {};
  if (!result.ok) return { kind: "usage", intent, problem: result.problem, usage: usage(intent, subcommand), ...how };
  if (result.missing) {
    return { kind: "ask", intent, ...target, args: result.args, resumed, missing: result.missing, ...how };
  }
  return { kind: "run", intent, ...target, args: result.args, resumed, ...how };
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

/** An answer to a question that offered choices must be one of them, picked or typed. */
function decideAnswer(bot: Bot, question: ArgQuestion, update: Update, answer: string = update.text): Decision {
  const intent = findIntent(bot, question.intent);
  if (!intent) return { kind: "fallback" };
  const subcommand = intent.subcommands?.find((sub) => sub.name === question.subcommand);
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  const awaited = specs.find((spec) => spec.name === question.awaiting);
  if (!awaited) return { kind: "fallback" };
  const chosen = question.choices ? checkChoice(awaited.name, question.choices, answer) : { value: answer };
  if ("problem" in chosen) return decisionFor(intent, subcommand, { ok: false, problem: chosen.problem });
  const values = { ...question.args, [awaited.name]: chosen.value };
  return decisionFor(intent, subcommand, checkArgs(specs, values, update.attachments), true);
}

/**
 * A submitted form fills the arguments its question asked, checked as typed
 * ones; a form of a question no longer pending (answered, replaced, expired)
 * is stale, and a bad value changes nothing.
 */
function decideForm(bot: Bot, form: FormAnswer, question: PendingQuestion | null, update: Update): Decision {
  if (!question || question.kind === "choice" || question.id !== form.id || !question.form) {
    return { kind: "stale_choice" };
  }
  const intent = findIntent(bot, question.intent);
  if (!intent) return { kind: "fallback" };
  const subcommand = intent.subcommands?.find((sub) => sub.name === question.subcommand);
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  const typed = Object.fromEntries(
    question.form.flatMap((name) => (Object.hasOwn(form.values, name) ? [[name, form.values[name] ?? ""]] : [])),
  );
  return decisionFor(intent, subcommand, checkArgs(specs, { ...question.args, ...typed }, update.attachments), true);
}

/** A pick from a question's list answers it while it is the one pending; any other is stale. */
function decidePick(
  bot: Bot,
  pick: { id: string; value: string },
  question: PendingQuestion | null,
  update: Update,
): Decision {
  if (!question || question.kind === "choice" || question.id !== pick.id) return { kind: "stale_choice" };
  return decideAnswer(bot, question, update, pick.value);
}

/** A reading decided as if its command had been typed with these arguments. */
function decideResolved(
  reading: Pick<Reading, "intent" | "subcommand"> & { readonly args: ArgMap },
  understood: Understood | undefined,
  files: readonly Attachment[] = [],
): Decision {
  const specs = (reading.subcommand ? reading.subcommand.args : reading.intent.args) ?? [];
  return decisionFor(reading.intent, reading.subcommand, checkArgs(specs, reading.args, files), false, understood);
}

/** The bot's intent and subcommand a reading names; undefined when it has none such (or names `/ask`). */
function resolve(bot: Bot, names: { readonly intent: string; readonly subcommand?: string | undefined }) {
  const intent = bot.intents.find((candidate) => candidate.command === names.intent);
  const subcommand = intent?.subcommands?.find((sub) => sub.name === names.subcommand);
  if (!intent || intent === askIntent || Boolean(intent.subcommands?.length) !== Boolean(subcommand)) return undefined;
  return { intent, ...(subcommand ? { subcommand } : {}) };
}

/**
 * A reading named by its intent's and subcommand's names (a choice the user
 * pressed, a further reader's answer), decided as if its command had been
 * typed with these arguments; undefined when the bot has no such intent.
 */
function decideReading(bot: Bot, reading: StoredReading, understood?: Understood): Decision | undefined {
  const target = resolve(bot, reading);
  return target && decideResolved({ ...target, args: reading.args }, understood);
}

function decideChoice(bot: Bot, press: { id: string; index: number }, question: ChoiceQuestion | null): Decision {
  const reading = question?.id === press.id ? question.readings[press.index] : undefined;
  return (reading && decideReading(bot, reading)) ?? { kind: "stale_choice" };
}

function decidePattern(bot: Bot, text: string, files: readonly Attachment[]): Decision | undefined {
  for (const intent of bot.intents) {
    for (const pattern of intent.patterns ?? []) {
      const match = pattern.exec(text);
      if (!match) continue;
      const groups = Object.fromEntries(
        Object.entries(match.groups ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      return decisionFor(intent, undefined, checkArgs(intent.args ?? [], groups, files));
    }
  }
  return undefined;
}

/** A message that starts with a command's name, without the slash ("weather Berlin"). */
function decideCommandWord(bot: Bot, text: string, files: readonly Attachment[]): Decision | undefined {
  const match = /^\s*([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(text);
  const intent = match?.[1] ? findIntent(bot, match[1]) : undefined;
  if (!intent || intent === askIntent) return undefined;
  return decideCommand(intent, { name: intent.command, text: match?.[2] ?? "" }, files);
}

/** "weather", "todo add": how a reading is named in logs. */
function readingName(reading: { readonly intent: Intent; readonly subcommand?: Subcommand }): string {
  return reading.subcommand ? `${reading.intent.command} ${reading.subcommand.name}` : reading.intent.command;
}

function readingOf(bot: Bot, candidate: Candidate): Reading[] {
  const target = resolve(bot, candidate);
  return target ? [{ ...target, args: candidate.args, confidence: candidate.confidence }] : [];
}

/**
 * Plain words: the bot's own patterns first, then understanding. A sure
 * reading runs as if its command had been typed, a near one is offered
 * ("did you mean …?"); words it cannot place at all are a command when
 * they start with a command's name, and else not understood.
 */
async function decidePlain(
  bot: Bot,
  text: string,
  locale: string,
  files: readonly Attachment[] = [],
): Promise<Decision> {
  const pattern = decidePattern(bot, text, files);
  if (pattern) return pattern;
  const { understanding, band: decided } = await understand(bot, text, locale);
  const readings = understanding.candidates.flatMap((candidate) => readingOf(bot, candidate));
  const [top] = readings;
  const understood: Understood = { tier: 1, confidence: top?.confidence ?? 0, reading: top ? readingName(top) : "-" };
  if (decided.kind === "run" && top) return decideResolved(top, understood, files);
  const unplaced = { text, language: understanding.locale, understood };
  if (decided.kind === "ask") {
    return {
      kind: "choose",
      ...unplaced,
      readings: decided.candidates.flatMap((candidate) => readingOf(bot, candidate)),
    };
  }
  return decideCommandWord(bot, text, files) ?? { kind: "not_understood", ...unplaced, readings };
}

/** `/ask <question>` decided as its question read as plain words would be; any other decision as it is. */
async function readAsked(bot: Bot, decision: Decision, update: Update, locale: string): Promise<Decision> {
  if (decision.kind !== "run" || decision.intent !== askIntent) return decision;
  return decidePlain(bot, String(decision.args.question ?? ""), locale, update.attachments);
}

/**
 * What `update` means, given the question its user owes the bot in this
 * chat and the user's language (which language plain words are read in
 * first).
 */
export async function decide(
  bot: Bot,
  update: Update,
  question: PendingQuestion | null,
  now: number,
  locale: string = bot.defaultLocale,
): Promise<Decision> {
  if (update.command) {
    const intent = findIntent(bot, update.command.name);
    if (!intent) return { kind: "fallback" };
    return readAsked(bot, decideCommand(intent, update.command, update.attachments), update, locale);
  }
  const live = isLive(question, now) ? question : null;
  if (update.form) return decideForm(bot, update.form, live, update);
  const press = readChoiceValue(update.text);
  if (press) return decideChoice(bot, press, live?.kind === "choice" ? live : null);
  const pick = readPickValue(update.text);
  if (pick) return decidePick(bot, pick, live, update);
  if (live && live.kind !== "choice") return readAsked(bot, decideAnswer(bot, live, update), update, locale);
  if (!update.addressed) return { kind: "ignore" };
  return decidePlain(bot, update.text, locale, update.attachments);
}
