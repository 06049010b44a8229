/**
 * A bot's slash commands, built from its intent definitions, for
 * `npm run discord:register`. The router reads the same definitions, so the
 * registered commands and what the bot understands cannot drift apart:
 * each intent is a command, each argument a typed option, each subcommand a
 * subcommand option. Descriptions come in each of the bot's languages
 * (`description_localizations`); names stay as typed everywhere.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandOptionChoice,
  APIApplicationCommandSubcommandOption,
  LocalizationMap,
  RESTPostAPIApplicationCommandsJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { argChoices, argDescription, intentDescription, subcommandDescription } from "../../core/help.ts";
import type { ArgSpec, Bot, Intent, Subcommand } from "../../core/intent.ts";
import { languageOf } from "../../core/locale.ts";
import { messageActions } from "../../core/message-action.ts";
import { clip } from "../../core/reply.ts";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  DISCORD_LOCALES,
  InteractionContextType,
} from "./wire.ts";

const DESCRIPTION_LIMIT = 100;
/** Discord's limits on an option's fixed choices. */
const CHOICES_LIMIT = 25;
const CHOICE_NAME_LIMIT = 100;

/** The Discord locales a language of the bot serves: the same tag, else all of its language (`en`: en-US, en-GB). */
function discordLocalesOf(locale: string): string[] {
  const exact = DISCORD_LOCALES.filter((code) => code.toLowerCase() === locale.toLowerCase());
  return exact.length > 0 ? exact : DISCORD_LOCALES.filter((code) => languageOf(code) === languageOf(locale));
}

/**
 * A description in the bot's default language, and in each of its other
 * languages where it reads differently, for the Discord locales they serve.
 */
function described(
  bot: Bot,
  text: (locale: string) => string,
): { description: string; description_localizations?: LocalizationMap } {
  const description = clip(text(bot.defaultLocale), DESCRIPTION_LIMIT);
  const entries = bot.locales
    .filter((locale) => locale !== bot.defaultLocale)
    .flatMap((locale) => {
      const localized = clip(text(locale), DESCRIPTION_LIMIT);
      return localized === description ? [] : discordLocalesOf(locale).map((code) => [code, localized] as const);
    });
  return entries.length > 0 ? { description, description_localizations: Object.fromEntries(entries) } : { description };
}

/**
 * An argument's fixed choices as the option's `choices`, each named in the
 * bot's languages; none when it has none (or more than Discord lists: then
 * the router's check stands alone).
 */
function optionChoices(bot: Bot, intent: Intent, subcommand: Subcommand | undefined, spec: ArgSpec) {
  const choices = argChoices(bot, bot.defaultLocale, intent, subcommand, spec);
  if (choices.length === 0 || choices.length > CHOICES_LIMIT) return undefined;
  return choices.map((choice, index) => {
    const { description: name, description_localizations: localized } = described(bot, (locale) =>
      clip(argChoices(bot, locale, intent, subcommand, spec)[index]?.label ?? choice.label, CHOICE_NAME_LIMIT),
    );
    return { name, value: choice.value, ...(localized ? { name_localizations: localized } : {}) };
  });
}

/**
 * An argument as a typed option. It is required unless it is optional or
 * the bot asks for it when missing (Discord would never let it be missing);
 * it lists its fixed choices, or else autocompletes when the bot can
 * suggest values. A file is an attachment option, required unless
 * optional: a question cannot ask for a file on Discord, whose answers come
 * in a form of text fields.
 */
function argOption(
  bot: Bot,
  intent: Intent,
  subcommand: Subcommand | undefined,
  spec: ArgSpec,
): APIApplicationCommandBasicOption {
  const choices = optionChoices(bot, intent, subcommand, spec);
  const common = {
    name: spec.name,
    ...described(bot, (locale) => argDescription(bot, locale, intent, subcommand, spec)),
    required: spec.type === "file" ? !spec.optional : !(spec.optional || spec.ask),
  };
  const suggested = spec.suggest || spec.suggestOwn || spec.examples?.length;
  const autocomplete = suggested ? { autocomplete: true as const } : {};
  const listed = <T extends string | number>(values: APIApplicationCommandOptionChoice<T>[] | undefined) =>
    values ? { choices: values } : autocomplete;
  const numbers = choices?.map((choice) => ({ ...choice, value: Number(choice.value) }));
  switch (spec.type) {
    case "string":
      return {
        ...common,
        type: ApplicationCommandOptionType.String,
        ...listed(choices),
      };
    case "integer":
      return {
        ...common,
        type: ApplicationCommandOptionType.Integer,
        ...listed(numbers),
      };
    case "number":
      return {
        ...common,
        type: ApplicationCommandOptionType.Number,
        ...listed(numbers),
      };
    case "file":
      return { ...common, type: ApplicationCommandOptionType.Attachment };
  }
}

/** Discord wants the required options first; the order of the rest is kept. */
function argOptions(bot: Bot, intent: Intent, subcommand?: Subcommand): APIApplicationCommandBasicOption[] {
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  const options = specs.map((spec) => argOption(bot, intent, subcommand, spec));
  return [...options.filter((option) => option.required), ...options.filter((option) => !option.required)];
}

function subcommandOption(bot: Bot, intent: Intent, subcommand: Subcommand): APIApplicationCommandSubcommandOption {
  const options = argOptions(bot, intent, subcommand);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: subcommand.name,
    ...described(bot, (locale) => subcommandDescription(bot, locale, intent, subcommand)),
    ...(options.length ? { options } : {}),
  };
}

function slashCommand(bot: Bot, intent: Intent): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = intent.subcommands?.length
    ? intent.subcommands.map((sub) => subcommandOption(bot, intent, sub))
    : argOptions(bot, intent);
  return {
    type: ApplicationCommandType.ChatInput,
    name: intent.command,
    ...described(bot, (locale) => intentDescription(bot, locale, intent)),
    ...WHERE,
    ...(options.length ? { options } : {}),
  };
}

/** Installed in a server or by a user for themselves; used in servers, DMs with the bot and other conversations. */
const WHERE = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
};

/** The body of Discord's bulk overwrite: every command of the bot (aliases stay typed-text only). */
export function slashCommands(bot: Bot): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return bot.intents.map((intent) => slashCommand(bot, intent));
}

/** The bot's message actions, in each message's "Apps" menu (message commands, which take no options). */
function messageCommands(bot: Bot): RESTPostAPIContextMenuApplicationCommandsJSONBody[] {
  return messageActions(bot).map((action) => ({
    type: ApplicationCommandType.Message,
    name: action.label,
    ...WHERE,
  }));
}

/** Everything registered with Discord for the bot: its slash commands and its message actions. */
export function applicationCommands(bot: Bot): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...slashCommands(bot), ...messageCommands(bot)];
}

/** A registered command as people find it: a slash command as typed, a message command as its menu shows it. */
export function shownName(command: RESTPostAPIApplicationCommandsJSONBody): string {
  return command.type === ApplicationCommandType.Message ? `"${command.name}"` : `/${command.name}`;
}
