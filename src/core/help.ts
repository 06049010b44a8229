/**
 * Usage lines, the help text and the command menus, made from the same
 * intent definitions as the router, in the user's language: a definition's
 * description or question is the bot's message named after it
 * (`weather-description`, `todo-add-description`, `weather-city-ask`,
 * `todo-add-text-description`), or the English of the definition where the
 * language has none.
 */
import { staticChoices } from "./args.ts";
import { localized, translate } from "./i18n.ts";
import type { ArgSpec, Bot, Intent, Subcommand, Suggestion } from "./intent.ts";
import type { FormRef } from "./reply.ts";

/** A definition's text in `locale`: the message `<path…>` joined with "-", or `english`. */
function definitionText(bot: Bot, locale: string, path: readonly string[], english: string): string {
  return localized(bot, locale, path.join("-")) ?? english;
}

/** The names that lead to an argument: its command, the subcommand if any, and its own. */
function argPath(intent: Intent, subcommand: Subcommand | undefined, spec: ArgSpec): string[] {
  return [intent.command, ...(subcommand ? [subcommand.name] : []), spec.name];
}

export function intentDescription(bot: Bot, locale: string, intent: Intent): string {
  return definitionText(bot, locale, [intent.command, "description"], intent.description);
}

export function subcommandDescription(bot: Bot, locale: string, intent: Intent, subcommand: Subcommand): string {
  return definitionText(bot, locale, [intent.command, subcommand.name, "description"], subcommand.description);
}

export function argDescription(
  bot: Bot,
  locale: string,
  intent: Intent,
  subcommand: Subcommand | undefined,
  spec: ArgSpec,
): string {
  return definitionText(bot, locale, [...argPath(intent, subcommand, spec), "description"], spec.description);
}

/** What the bot asks for a missing argument: its `ask`, or its description when it has none. */
export function argQuestion(
  bot: Bot,
  locale: string,
  intent: Intent,
  subcommand: Subcommand | undefined,
  spec: ArgSpec,
): string {
  const asked = localized(bot, locale, [...argPath(intent, subcommand, spec), "ask"].join("-"));
  return asked ?? spec.ask ?? argDescription(bot, locale, intent, subcommand, spec);
}

/** A form's title and its fields' labels, in the user's language. */
export interface FormTexts {
  readonly title: string;
  readonly fields: readonly { readonly name: string; readonly label: string }[];
}

/**
 * What a form shows: "/remind at" in Parley's title, each field labelled
 * with its argument's question. Undefined when the bot has no such intent or
 * argument (a form made for another version of the bot).
 */
export function formTexts(bot: Bot, locale: string, form: FormRef): FormTexts | undefined {
  const intent = bot.intents.find((candidate) => candidate.command === form.intent);
  const subcommand = intent?.subcommands?.find((sub) => sub.name === form.subcommand);
  if (!intent || (form.subcommand !== undefined && !subcommand)) return undefined;
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  const fields = form.fields.map((name) => {
    const spec = specs.find((candidate) => candidate.name === name);
    return spec && { name, label: argQuestion(bot, locale, intent, subcommand, spec) };
  });
  if (fields.some((field) => field === undefined)) return undefined;
  const command = [`/${intent.command}`, ...(subcommand ? [subcommand.name] : [])].join(" ");
  return {
    title: translate(bot, locale, "parley-form-title", { command }),
    fields: fields.filter((field) => field !== undefined),
  };
}

/** An argument's fixed choices, each labelled by the bot's message `<path…>-choice-<value>` in `locale` where it has one. */
export function argChoices(
  bot: Bot,
  locale: string,
  intent: Intent,
  subcommand: Subcommand | undefined,
  spec: ArgSpec,
): Suggestion[] {
  const path = argPath(intent, subcommand, spec);
  return staticChoices(spec).map((choice) => ({
    label: definitionText(bot, locale, [...path, "choice", choice.value], choice.label),
    value: choice.value,
  }));
}

function argUsage(spec: ArgSpec): string {
  return spec.optional ? `[${spec.name}]` : `<${spec.name}>`;
}

export function usage(intent: Intent, subcommand?: Subcommand): string {
  if (!subcommand && intent.usage !== undefined) return `/${intent.command} ${intent.usage}`;
  const args = subcommand ? (subcommand.args ?? []) : (intent.args ?? []);
  return [`/${intent.command}`, ...(subcommand ? [subcommand.name] : []), ...args.map(argUsage)].join(" ");
}

/**
 * A command as typed, with its arguments in order: "/weather Paris",
 * "/rate USD EUR 100". How a reading of plain words is shown to the user.
 */
export function commandLine(
  intent: Intent,
  subcommand: Subcommand | undefined,
  args: Readonly<Record<string, string | number>>,
): string {
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  const values = specs.flatMap((spec) => (Object.hasOwn(args, spec.name) ? [String(args[spec.name])] : []));
  return [`/${intent.command}`, ...(subcommand ? [subcommand.name] : []), ...values].join(" ");
}

/**
 * The commands one press can start, as "/weather", "/todo list": those
 * whose required arguments the bot asks for. `except` leaves some out.
 */
export function startableCommands(bot: Bot, except: readonly Intent[] = []): string[] {
  const startable = (args: readonly ArgSpec[] = []) => args.every((spec) => spec.optional || spec.ask !== undefined);
  return bot.intents
    .filter((intent) => !except.includes(intent))
    .flatMap((intent) =>
      intent.subcommands?.length
        ? intent.subcommands.filter((sub) => startable(sub.args)).map((sub) => `/${intent.command} ${sub.name}`)
        : startable(intent.args)
          ? [`/${intent.command}`]
          : [],
    );
}

/** One line per command (and per subcommand), each with its description in `locale`. */
export function helpLines(bot: Bot, locale: string): string[] {
  return bot.intents.flatMap((intent) =>
    intent.subcommands?.length
      ? intent.subcommands.map((sub) => `${usage(intent, sub)} — ${subcommandDescription(bot, locale, intent, sub)}`)
      : [`${usage(intent)} — ${intentDescription(bot, locale, intent)}`],
  );
}

export interface MenuEntry {
  readonly command: string;
  readonly description: string;
}

/** A platform's command menu in `locale` (Telegram setMyCommands): one entry per intent. */
export function commandMenu(bot: Bot, locale: string): MenuEntry[] {
  return bot.intents.map((intent) => ({
    command: intent.command,
    description: intentDescription(bot, locale, intent),
  }));
}
