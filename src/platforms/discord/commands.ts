/**
 * A bot's slash commands, built from its intent definitions, for
 * `npm run discord:register`. The router reads the same definitions, so the
 * registered commands and what the bot understands cannot drift apart:
 * each intent is a command, each argument a typed option, each subcommand a
 * subcommand option.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { ArgSpec, Bot, Intent, Subcommand } from "../../core/intent.ts";
import { clip } from "../../core/reply.ts";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from "./wire.ts";

const DESCRIPTION_LIMIT = 100;

function describe(text: string): string {
  return clip(text, DESCRIPTION_LIMIT);
}

/**
 * An argument as a typed option. It is required unless it is optional or
 * the bot asks for it when missing (Discord would never let it be missing);
 * it autocompletes when the bot can suggest values.
 */
function argOption(spec: ArgSpec): APIApplicationCommandBasicOption {
  const common = {
    name: spec.name,
    description: describe(spec.description),
    required: !(spec.optional || spec.ask),
    ...(spec.suggest || spec.examples?.length ? { autocomplete: true } : {}),
  };
  switch (spec.type) {
    case "string":
      return { ...common, type: ApplicationCommandOptionType.String };
    case "integer":
      return { ...common, type: ApplicationCommandOptionType.Integer };
    case "number":
      return { ...common, type: ApplicationCommandOptionType.Number };
  }
}

/** Discord wants the required options first; the order of the rest is kept. */
function argOptions(specs: readonly ArgSpec[] = []): APIApplicationCommandBasicOption[] {
  const options = specs.map(argOption);
  return [...options.filter((option) => option.required), ...options.filter((option) => !option.required)];
}

function subcommandOption(subcommand: Subcommand): APIApplicationCommandSubcommandOption {
  const options = argOptions(subcommand.args);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: subcommand.name,
    description: describe(subcommand.description),
    ...(options.length ? { options } : {}),
  };
}

function slashCommand(intent: Intent): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = intent.subcommands?.length ? intent.subcommands.map(subcommandOption) : argOptions(intent.args);
  return {
    type: ApplicationCommandType.ChatInput,
    name: intent.command,
    description: describe(intent.description),
    // In servers and in DMs with the bot; Parley does not run as a user-installed app.
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...(options.length ? { options } : {}),
  };
}

/** The body of Discord's bulk overwrite: every command of the bot (aliases stay typed-text only). */
export function slashCommands(bot: Bot): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return bot.intents.map(slashCommand);
}
