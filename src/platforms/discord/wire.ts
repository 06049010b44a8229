/**
 * The numbers and paths of Discord's API that Parley uses, checked against
 * discord-api-types at compile time (`satisfies` its enum members, so a wrong
 * value does not build). The library's own runtime module is CommonJS that
 * bundlers cannot tree-shake: importing one enum from it ships all of it,
 * about 90 KB minified, to every Worker. Types still come from the library.
 */
import type * as Discord from "discord-api-types/v10";

export const InteractionType = {
  Ping: 1 satisfies Discord.InteractionType.Ping,
  ApplicationCommand: 2 satisfies Discord.InteractionType.ApplicationCommand,
  MessageComponent: 3 satisfies Discord.InteractionType.MessageComponent,
  ApplicationCommandAutocomplete: 4 satisfies Discord.InteractionType.ApplicationCommandAutocomplete,
  ModalSubmit: 5 satisfies Discord.InteractionType.ModalSubmit,
} as const;

export const InteractionResponseType = {
  Pong: 1 satisfies Discord.InteractionResponseType.Pong,
  ChannelMessageWithSource: 4 satisfies Discord.InteractionResponseType.ChannelMessageWithSource,
  DeferredChannelMessageWithSource: 5 satisfies Discord.InteractionResponseType.DeferredChannelMessageWithSource,
  DeferredMessageUpdate: 6 satisfies Discord.InteractionResponseType.DeferredMessageUpdate,
  UpdateMessage: 7 satisfies Discord.InteractionResponseType.UpdateMessage,
  ApplicationCommandAutocompleteResult:
    8 satisfies Discord.InteractionResponseType.ApplicationCommandAutocompleteResult,
  Modal: 9 satisfies Discord.InteractionResponseType.Modal,
} as const;

export const ApplicationCommandType = {
  ChatInput: 1 satisfies Discord.ApplicationCommandType.ChatInput,
  Message: 3 satisfies Discord.ApplicationCommandType.Message,
} as const;

export const ApplicationCommandOptionType = {
  Subcommand: 1 satisfies Discord.ApplicationCommandOptionType.Subcommand,
  String: 3 satisfies Discord.ApplicationCommandOptionType.String,
  Integer: 4 satisfies Discord.ApplicationCommandOptionType.Integer,
  Number: 10 satisfies Discord.ApplicationCommandOptionType.Number,
  Attachment: 11 satisfies Discord.ApplicationCommandOptionType.Attachment,
} as const;

export const InteractionContextType = {
  Guild: 0 satisfies Discord.InteractionContextType.Guild,
  BotDM: 1 satisfies Discord.InteractionContextType.BotDM,
  PrivateChannel: 2 satisfies Discord.InteractionContextType.PrivateChannel,
} as const;

export const ApplicationIntegrationType = {
  GuildInstall: 0 satisfies Discord.ApplicationIntegrationType.GuildInstall,
  UserInstall: 1 satisfies Discord.ApplicationIntegrationType.UserInstall,
} as const;

export const ComponentType = {
  ActionRow: 1 satisfies Discord.ComponentType.ActionRow,
  Button: 2 satisfies Discord.ComponentType.Button,
  StringSelect: 3 satisfies Discord.ComponentType.StringSelect,
  TextInput: 4 satisfies Discord.ComponentType.TextInput,
  TextDisplay: 10 satisfies Discord.ComponentType.TextDisplay,
  Label: 18 satisfies Discord.ComponentType.Label,
} as const;

export const ButtonStyle = {
  Primary: 1 satisfies Discord.ButtonStyle.Primary,
  Secondary: 2 satisfies Discord.ButtonStyle.Secondary,
} as const;

export const TextInputStyle = {
  Short: 1 satisfies Discord.TextInputStyle.Short,
} as const;

export const MessageFlags = {
  SuppressEmbeds: 4 satisfies Discord.MessageFlags.SuppressEmbeds,
  Ephemeral: 64 satisfies Discord.MessageFlags.Ephemeral,
} as const;

export const RESTJSONErrorCodes = {
  UnknownMessage: 10008 satisfies Discord.RESTJSONErrorCodes.UnknownMessage,
  UnknownWebhook: 10015 satisfies Discord.RESTJSONErrorCodes.UnknownWebhook,
  InvalidWebhookToken: 50027 satisfies Discord.RESTJSONErrorCodes.InvalidWebhookToken,
  UnknownChannel: 10003 satisfies Discord.RESTJSONErrorCodes.UnknownChannel,
  UnknownUser: 10013 satisfies Discord.RESTJSONErrorCodes.UnknownUser,
  MissingAccess: 50001 satisfies Discord.RESTJSONErrorCodes.MissingAccess,
  CannotSendMessagesToThisUser: 50007 satisfies Discord.RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  MissingPermissions: 50013 satisfies Discord.RESTJSONErrorCodes.MissingPermissions,
  CannotSendMessagesToThisUserDueToHavingNoMutualGuilds:
    50278 satisfies Discord.RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
} as const;

/** The languages Discord's clients run in, by the codes its `locale` fields and localizations use. */
export const DISCORD_LOCALES = [
  "id",
  "en-US",
  "en-GB",
  "bg",
  "zh-CN",
  "zh-TW",
  "hr",
  "cs",
  "da",
  "nl",
  "fi",
  "fr",
  "de",
  "el",
  "hi",
  "hu",
  "it",
  "ja",
  "ko",
  "lt",
  "no",
  "pl",
  "pt-BR",
  "ro",
  "ru",
  "es-ES",
  "es-419",
  "sv-SE",
  "th",
  "tr",
  "uk",
  "vi",
] as const satisfies readonly `${Discord.Locale}`[];

/** `DISCORD_API_BASE`'s default. */
export const API_BASE = "https://discord.com/api/v10";

/** One path segment: ids and tokens come from payloads, and must not reach another path ("../", "?"). */
const segment = encodeURIComponent;

/** The REST paths used, as discord-api-types' `Routes` spells them. */
export const Routes = {
  /** The interaction's original response (`@original`, kept literal). */
  webhookMessage: (applicationId: string, token: string) =>
    `/webhooks/${segment(applicationId)}/${segment(token)}/messages/@original`,
  /** A message of the interaction's webhook: its original response or a follow-up. */
  webhookMessageById: (applicationId: string, token: string, messageId: string) =>
    `/webhooks/${segment(applicationId)}/${segment(token)}/messages/${segment(messageId)}`,
  webhook: (applicationId: string, token: string) => `/webhooks/${segment(applicationId)}/${segment(token)}`,
  channelMessages: (channelId: string) => `/channels/${segment(channelId)}/messages`,
  channelMessage: (channelId: string, messageId: string) =>
    `/channels/${segment(channelId)}/messages/${segment(messageId)}`,
  /** The bot's own reaction to a message, by its emoji. */
  ownReaction: (channelId: string, messageId: string, emoji: string) =>
    `/channels/${segment(channelId)}/messages/${segment(messageId)}/reactions/${segment(emoji)}/@me`,
  applicationCommands: (applicationId: string) => `/applications/${segment(applicationId)}/commands`,
  applicationGuildCommands: (applicationId: string, guildId: string) =>
    `/applications/${segment(applicationId)}/guilds/${segment(guildId)}/commands`,
} as const;
