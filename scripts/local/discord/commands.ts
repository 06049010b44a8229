/**
 * Slash commands as Discord's command picker knows them: the bot's
 * registered commands (`slashCommands`, the same definitions
 * `npm run discord:register` uploads), turned into the picker's menu, and
 * typed text turned into the typed options Discord would send.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandSubcommandOption,
  type APIAttachment,
  type APIChatInputApplicationCommandInteractionData,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { Bot } from "../../../src/core/intent.ts";
import { slashCommands } from "../../../src/platforms/discord/commands.ts";
import type { CommandHint, Span } from "../protocol.ts";

type Registered = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** A command's subcommands (Parley registers no groups). */
function subcommandsOf(command: Registered): APIApplicationCommandSubcommandOption[] {
  return (command.options ?? []).filter(
    (option): option is APIApplicationCommandSubcommandOption =>
      option.type === ApplicationCommandOptionType.Subcommand,
  );
}

/** A command's options, when it has no subcommands. */
function optionsOf(command: Registered): APIApplicationCommandBasicOption[] {
  return (command.options ?? []).filter(
    (option): option is APIApplicationCommandBasicOption =>
      option.type !== ApplicationCommandOptionType.Subcommand &&
      option.type !== ApplicationCommandOptionType.SubcommandGroup,
  );
}

function usage(name: string, options: readonly APIApplicationCommandBasicOption[] = []): string {
  return [name, ...options.map((option) => (option.required ? option.name : `[${option.name}]`))].join(" ");
}

/** The picker's menu: one entry per command, or per subcommand. */
export function commandHints(bot: Bot): CommandHint[] {
  return slashCommands(bot).flatMap((command) => {
    const subcommands = subcommandsOf(command);
    if (subcommands.length === 0) {
      const hint = usage(`/${command.name}`, optionsOf(command));
      return [{ insert: `/${command.name} `, usage: hint, description: command.description }];
    }
    return subcommands.map((sub) => ({
      insert: `/${command.name} ${sub.name} `,
      usage: usage(`/${command.name} ${sub.name}`, sub.options),
      description: sub.description,
    }));
  });
}

/** One typed value, as Discord's client would accept it in the option's field. */
function typedOption(
  option: APIApplicationCommandBasicOption,
  raw: string,
): APIApplicationCommandInteractionDataBasicOption | string {
  const { name } = option;
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      return { name, type: option.type, value: raw };
    case ApplicationCommandOptionType.Integer:
      return /^-?\d+$/.test(raw) ? { name, type: option.type, value: Number(raw) } : `${name} takes a whole number`;
    case ApplicationCommandOptionType.Number:
      return Number.isFinite(Number(raw)) ? { name, type: option.type, value: Number(raw) } : `${name} takes a number`;
    default:
      return `${name} is an option the emulator cannot fill in`;
  }
}

/**
 * Fills the options in order, one word each; the last option takes the
 * rest of the line when it is text, as "/weather New York" means. An
 * attachment option takes the file sent with the command.
 */
function fillOptions(
  all: readonly APIApplicationCommandBasicOption[],
  text: string,
  file: APIAttachment | undefined,
): APIApplicationCommandInteractionDataBasicOption[] | string {
  const words = text.split(/\s+/).filter(Boolean);
  const filled: APIApplicationCommandInteractionDataBasicOption[] = [];
  const takesFile = all.find((option) => option.type === ApplicationCommandOptionType.Attachment);
  if (file && !takesFile) return "this command takes no file";
  const options = all.filter((option) => option.type !== ApplicationCommandOptionType.Attachment);
  for (const [index, option] of options.entries()) {
    if (words.length === 0) break;
    const takesRest = index === options.length - 1 && option.type === ApplicationCommandOptionType.String;
    const raw = takesRest ? words.splice(0).join(" ") : (words.shift() ?? "");
    const typed = typedOption(option, raw);
    if (typeof typed === "string") return typed;
    filled.push(typed);
  }
  if (words.length > 0) return `there is no option for "${words.join(" ")}"`;
  if (file && takesFile) {
    filled.push({ name: takesFile.name, type: ApplicationCommandOptionType.Attachment, value: file.id });
  }
  const missing = all.find((option) => option.required && !filled.some((entry) => entry.name === option.name));
  return missing ? `${missing.name} is required` : filled;
}

function subcommandOptions(
  command: Registered,
  text: string,
  file: APIAttachment | undefined,
): APIApplicationCommandInteractionDataOption[] | string {
  const subcommands = subcommandsOf(command);
  if (subcommands.length === 0) return fillOptions(optionsOf(command), text, file);
  const [, name = "", rest = ""] = /^(\S*)\s*([\s\S]*)$/.exec(text) ?? [];
  const subcommand = subcommands.find((sub) => sub.name === name.toLowerCase());
  if (!subcommand) return `choose one of ${subcommands.map((sub) => sub.name).join(", ")}`;
  const options = fillOptions(subcommand.options ?? [], rest, file);
  return typeof options === "string" ? options : [{ name: subcommand.name, type: subcommand.type, options }];
}

/**
 * "/rate USD EUR 10" as the interaction's data, or why Discord's picker
 * would not send it; `file` goes in the command's attachment option, and
 * in `resolved` as Discord describes it.
 */
export function commandData(
  bot: Bot,
  text: string,
  file?: APIAttachment,
): APIChatInputApplicationCommandInteractionData | string {
  const [, name = "", rest = ""] = /^\/(\S+)\s*([\s\S]*)$/.exec(text.trim()) ?? [];
  const commands = slashCommands(bot);
  const index = commands.findIndex((command) => command.name === name.toLowerCase());
  const command = commands[index];
  if (!command) return `/${name} is not one of the bot's commands`;
  const options = subcommandOptions(command, rest.trim(), file);
  if (typeof options === "string") return options;
  return {
    // Discord gives every registered command a snowflake; these stand for them.
    id: String(1_320_000_000_000_000_000n + BigInt(index)),
    name: command.name,
    type: ApplicationCommandType.ChatInput,
    ...(options.length ? { options } : {}),
    ...(file ? { resolved: { attachments: { [file.id]: file } } } : {}),
  };
}

/** A command as Discord shows the one who used it: the name, then each option as a chip. */
export function commandSpans(data: APIChatInputApplicationCommandInteractionData): Span[] {
  const spans: Span[] = [{ text: `/${data.name}` }];
  const add = (options: readonly APIApplicationCommandInteractionDataOption[] = []) => {
    for (const option of options) {
      if (
        option.type === ApplicationCommandOptionType.Subcommand ||
        option.type === ApplicationCommandOptionType.SubcommandGroup
      ) {
        spans.push({ text: ` ${option.name}` });
        add(option.options);
      } else if (option.type === ApplicationCommandOptionType.Attachment) {
        const name = data.resolved?.attachments?.[option.value]?.filename ?? option.value;
        spans.push({ text: " " }, { text: `${option.name}: ${name}`, code: true });
      } else if ("value" in option) {
        spans.push({ text: " " }, { text: `${option.name}: ${option.value}`, code: true });
      }
    }
  };
  add(data.options);
  return spans;
}
