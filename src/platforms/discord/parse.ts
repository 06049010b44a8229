/**
 * Discord interactions to neutral updates. Only the fields Parley reads are
 * validated; anything else is not an interaction Parley registered for (400).
 *
 * `update.route` keeps what answering needs: the application id and the
 * interaction token (for the follow-up webhook), where the interaction came
 * from, and whether the answer may replace the message it was given on.
 */

import * as z from "zod";
import { kindOf } from "../../core/files.ts";
import type { Bot } from "../../core/intent.ts";
import { messageActionCommand } from "../../core/message-action.ts";
import type { FormRef } from "../../core/reply.ts";
import type { SuggestQuery } from "../../core/suggest.ts";
import type { AboutMessage, Attachment, CommandInvocation, FormAnswer, Update } from "../../core/update.ts";
import { emptyRecord, own } from "../../lib/own.ts";
import { readFormId } from "./form.ts";
import { ANSWER_INPUT, readCustomId } from "./render.ts";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  InteractionType,
} from "./wire.ts";

const User = z.object({ id: z.string(), username: z.string(), global_name: z.string().nullish() });

const option = {
  name: z.string(),
  type: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
};

/**
 * Options nest at most three deep: a subcommand group, its subcommands, their
 * values. The schema stops there instead of recursing, so that a payload
 * nested thousands of levels deep cannot exhaust the stack (a 500).
 */
const CommandOption = z.object({
  ...option,
  options: z.array(z.object({ ...option, options: z.array(z.object(option)).optional() })).optional(),
});

interface CommandOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean | undefined;
  readonly focused?: boolean | undefined;
  readonly options?: readonly CommandOption[] | undefined;
}

/** A file given to an attachment option: the option's value is its id here. */
const ResolvedAttachment = z.object({
  filename: z.string(),
  size: z.number().int().nonnegative(),
  url: z.string(),
  content_type: z.string().optional(),
});

const CommandData = z.object({
  name: z.string(),
  type: z.literal(ApplicationCommandType.ChatInput),
  options: z.array(CommandOption).optional(),
  resolved: z.object({ attachments: z.record(z.string(), ResolvedAttachment).optional() }).optional(),
});

/** A message command (the message's "Apps" menu): the message it was used on comes resolved with it. */
const MessageCommandData = z.object({
  name: z.string(),
  type: z.literal(ApplicationCommandType.Message),
  target_id: z.string().regex(/^\d{1,20}$/),
  resolved: z.object({
    messages: z.record(z.string(), z.object({ id: z.string(), channel_id: z.string(), content: z.string() })),
  }),
});

/** The message a component sits on; `interaction_metadata` names who the bot made it for. */
const Message = z.object({
  id: z.string(),
  interaction_metadata: z.object({ user: z.object({ id: z.string() }) }).optional(),
});

const SubmittedInput = z.object({ custom_id: z.string(), value: z.string().optional() });

/** A modal's fields come back in the Label components they were sent in (older clients: in action rows). */
const SubmittedField = z.object({
  component: SubmittedInput.optional(),
  components: z.array(SubmittedInput).optional(),
});

const Common = {
  id: z.string(),
  application_id: z.string(),
  token: z.string(),
  channel_id: z.string(),
  guild_id: z.string().optional(),
  channel: z.object({ name: z.string().nullish() }).optional(),
  /** In a server: the member, with the user inside, and their permissions in the channel (a bit set, as decimal text). */
  member: z.object({ user: User, nick: z.string().nullish(), permissions: z.string().optional() }).optional(),
  /** In a DM: the user. */
  user: User.optional(),
  /** The user's client language (`de`, `en-US`), and the server's in a server. */
  locale: z.string().optional(),
  guild_locale: z.string().optional(),
  /** Which installs the interaction came through: "0" (the server's, or "0" in a DM with the bot), "1" (the user's). */
  authorizing_integration_owners: z.record(z.string(), z.string()).optional(),
  /** Where it was used: a server, a DM with the bot, or another DM or group DM. */
  context: z.number().int().optional(),
};

export const Interaction = z.discriminatedUnion("type", [
  z.object({ type: z.literal(InteractionType.Ping), application_id: z.string() }),
  z.object({
    ...Common,
    type: z.literal(InteractionType.ApplicationCommand),
    data: z.discriminatedUnion("type", [CommandData, MessageCommandData]),
  }),
  z.object({ ...Common, type: z.literal(InteractionType.ApplicationCommandAutocomplete), data: CommandData }),
  z.object({
    ...Common,
    type: z.literal(InteractionType.MessageComponent),
    /** `values`: the options picked in a select. */
    data: z.object({ custom_id: z.string(), values: z.array(z.string()).optional() }),
    message: Message,
  }),
  z.object({
    ...Common,
    type: z.literal(InteractionType.ModalSubmit),
    data: z.object({ custom_id: z.string(), components: z.array(SubmittedField) }),
    message: Message.optional(),
  }),
]);

export type Interaction = z.infer<typeof Interaction>;
type UserInteraction = Exclude<Interaction, { type: typeof InteractionType.Ping }>;

/** What an interaction means to Parley. */
export type Incoming =
  | { readonly kind: "ping" }
  | { readonly kind: "update"; readonly update: Update }
  /** The "Answer" button under a question: the adapter opens the modal itself, in the user's language. */
  | { readonly kind: "answerButton"; readonly question: string; readonly locale: string | undefined }
  /** The "Answer" button under a form's question: the adapter opens the form, in the user's language. */
  | { readonly kind: "formButton"; readonly form: FormRef; readonly locale: string | undefined }
  /** Autocomplete, typed by the user of `update`; `numeric` when the option wants numbers rather than strings. */
  | { readonly kind: "suggest"; readonly query: SuggestQuery; readonly update: Update; readonly numeric: boolean }
  | { readonly kind: "invalid"; readonly reason: string };

/** Where an update came from, which decides how it can be answered. */
type Source = "command" | "component" | "modal";

/** A slash command's typed options, and its subcommand when it has one. */
function readOptions(options: readonly CommandOption[] = []): {
  subcommand?: string;
  leaves: readonly CommandOption[];
} {
  const subcommand = options.find((option) => option.type === ApplicationCommandOptionType.Subcommand);
  return subcommand ? { subcommand: subcommand.name, leaves: subcommand.options ?? [] } : { leaves: options };
}

function commandOf(data: z.infer<typeof CommandData>): CommandInvocation {
  const { subcommand, leaves } = readOptions(data.options);
  const options = emptyRecord<string | number>();
  for (const option of leaves) {
    if (option.type === ApplicationCommandOptionType.Attachment) continue;
    if (typeof option.value === "string" || typeof option.value === "number") options[option.name] = option.value;
  }
  return { name: data.name.toLowerCase(), text: "", options, ...(subcommand ? { subcommand } : {}) };
}

/** The files given to the command's attachment options, in the options' order. */
function attachmentsOf(data: z.infer<typeof CommandData>): Attachment[] {
  const resolved = data.resolved?.attachments ?? {};
  return readOptions(data.options).leaves.flatMap((option) => {
    const file =
      option.type === ApplicationCommandOptionType.Attachment && typeof option.value === "string"
        ? own(resolved, option.value)
        : undefined;
    if (!file) return [];
    const mime = file.content_type ?? "application/octet-stream";
    return [{ kind: kindOf(mime), name: file.filename, size: file.size, mime, ref: { url: file.url } }];
  });
}

/** "/rate USD EUR 10", the way a user would have typed it elsewhere. */
function commandText(command: CommandInvocation): string {
  return [`/${command.name}`, command.subcommand, ...Object.values(command.options ?? {})]
    .filter((part) => part !== undefined)
    .join(" ");
}

/** A button value that is a command ("/todo done 2") runs it, as if typed. */
function valueCommand(value: string): CommandInvocation | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:\s+([\s\S]*))?$/.exec(value.trim());
  return match ? { name: (match[1] ?? "").toLowerCase(), text: (match[2] ?? "").trim() } : undefined;
}

function userOf(interaction: UserInteraction): Update["user"] | undefined {
  const user = interaction.member?.user ?? interaction.user;
  if (!user) return undefined;
  const name = interaction.member?.nick || user.global_name || user.username;
  return { id: user.id, name };
}

/**
 * Whether the bot can post in the interaction's channel on its own: in a DM
 * with it, or in a server that installed it. An interaction that came only
 * through the user's own install elsewhere can be answered, nothing more.
 */
function reachable(interaction: UserInteraction): boolean {
  const owners = interaction.authorizing_integration_owners;
  if (owners === undefined || interaction.context === InteractionContextType.BotDM) return true;
  if (interaction.context === InteractionContextType.PrivateChannel) return false;
  return own(owners, String(ApplicationIntegrationType.GuildInstall)) !== undefined;
}

/** The user's language: their client's, else their server's. */
function localeOf(interaction: UserInteraction): string | undefined {
  return interaction.locale ?? interaction.guild_locale;
}

function updateOf(
  interaction: UserInteraction,
  bot: string,
  source: Source,
  content: {
    text: string;
    command?: CommandInvocation;
    attachments?: readonly Attachment[];
    about?: AboutMessage;
    form?: FormAnswer;
    isButtonPress: boolean;
  },
): Update | undefined {
  const user = userOf(interaction);
  if (!user) return undefined;
  // An answer may replace the message it was given on only when that message was made for the same user.
  const ownMessage = "message" in interaction && interaction.message?.interaction_metadata?.user.id === user.id;
  const title = interaction.channel?.name;
  const locale = localeOf(interaction);
  return {
    platform: "discord",
    bot,
    eventId: interaction.id,
    chat: {
      id: interaction.channel_id,
      kind: interaction.guild_id ? "group" : "private",
      ...(title ? { title } : {}),
      ...(reachable(interaction) ? {} : { reachable: false as const }),
    },
    user,
    text: content.text,
    ...(content.attachments?.length ? { attachments: content.attachments } : {}),
    ...(content.command ? { command: content.command } : {}),
    ...(content.about ? { about: content.about } : {}),
    ...(content.form ? { form: content.form } : {}),
    isButtonPress: content.isButtonPress,
    // Every interaction is aimed at the bot: there is no group chatter on this path.
    addressed: true,
    ...(locale ? { locale } : {}),
    route: {
      applicationId: interaction.application_id,
      token: interaction.token,
      source,
      ...(ownMessage ? { replaces: "1" } : {}),
      ...(interaction.member?.permissions ? { permissions: interaction.member.permissions } : {}),
    },
  };
}

/** A form's typed values by field (each field's custom_id is its argument's name). */
function submittedValues(fields: readonly z.infer<typeof SubmittedField>[]): Record<string, string> {
  const values = emptyRecord<string>();
  for (const field of fields) {
    for (const input of [...(field.component ? [field.component] : []), ...(field.components ?? [])]) {
      if (input.value !== undefined) values[input.custom_id] = input.value;
    }
  }
  return values;
}

function suggestQuery(data: z.infer<typeof CommandData>, update: Update): Incoming {
  const { subcommand, leaves } = readOptions(data.options);
  const focused = leaves.find((option) => option.focused);
  if (!focused) return { kind: "invalid", reason: "autocomplete without a focused option" };
  return {
    kind: "suggest",
    query: {
      command: data.name.toLowerCase(),
      ...(subcommand ? { subcommand } : {}),
      arg: focused.name,
      prefix: String(focused.value ?? ""),
    },
    update,
    numeric: focused.type !== ApplicationCommandOptionType.String,
  };
}

type MessageCommand = Extract<Interaction, { type: typeof InteractionType.ApplicationCommand }> & {
  readonly data: z.infer<typeof MessageCommandData>;
};

/** A message action: the bot's command for it, about the message (quoted, and linked to). */
function fromMessageCommand(interaction: MessageCommand, bot: Bot): Incoming {
  const { data } = interaction;
  const command = messageActionCommand(bot, (action) => action.label === data.name);
  const target = own(data.resolved.messages, data.target_id);
  if (!command || !target) return { kind: "invalid", reason: "not a message command of this bot" };
  const channel = /^\d{1,20}$/.test(target.channel_id) ? target.channel_id : interaction.channel_id;
  const link = `https://discord.com/channels/${interaction.guild_id ?? "@me"}/${channel}/${data.target_id}`;
  const about: AboutMessage = { text: target.content, link, ref: { messageId: data.target_id } };
  const update = updateOf(interaction, bot.name, "command", {
    text: `/${command.name}${command.subcommand ? ` ${command.subcommand}` : ""}`,
    command,
    about,
    isButtonPress: false,
  });
  return update ? { kind: "update", update } : { kind: "invalid", reason: "interaction without a user" };
}

/** Turns a validated interaction into what Parley does with it. */
export function toIncoming(interaction: Interaction, bot: Bot): Incoming {
  let update: Update | undefined;
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: "ping" };
    case InteractionType.ApplicationCommandAutocomplete: {
      const typing = updateOf(interaction, bot.name, "command", { text: "", isButtonPress: false });
      return typing
        ? suggestQuery(interaction.data, typing)
        : { kind: "invalid", reason: "interaction without a user" };
    }
    case InteractionType.ApplicationCommand: {
      const { data } = interaction;
      if (data.type === ApplicationCommandType.Message) return fromMessageCommand({ ...interaction, data }, bot);
      const command = commandOf(data);
      const attachments = attachmentsOf(data);
      update = updateOf(interaction, bot.name, "command", {
        text: commandText(command),
        command,
        attachments,
        isButtonPress: false,
      });
      break;
    }
    case InteractionType.MessageComponent: {
      const action = readCustomId(interaction.data.custom_id);
      if (!action) return { kind: "invalid", reason: "not a component of this bot" };
      if (action.kind === "answer") {
        return { kind: "answerButton", question: action.question, locale: localeOf(interaction) };
      }
      if (action.kind === "form") return { kind: "formButton", form: action.form, locale: localeOf(interaction) };
      const value = action.kind === "select" ? interaction.data.values?.[0] : action.value;
      if (value === undefined) return { kind: "invalid", reason: "a select without a picked value" };
      const command = valueCommand(value);
      update = updateOf(interaction, bot.name, "component", {
        text: value,
        ...(command ? { command } : {}),
        isButtonPress: true,
      });
      break;
    }
    case InteractionType.ModalSubmit: {
      const form = readFormId(interaction.data.custom_id);
      if (form) {
        const answer = { id: form.id, values: submittedValues(interaction.data.components) };
        update = updateOf(interaction, bot.name, "modal", { text: "", form: answer, isButtonPress: false });
        break;
      }
      const field = interaction.data.components.find((entry) => entry.component?.custom_id === ANSWER_INPUT);
      const text = field?.component?.value;
      if (text === undefined) return { kind: "invalid", reason: "modal without an answer" };
      update = updateOf(interaction, bot.name, "modal", { text, isButtonPress: false });
      break;
    }
  }
  return update ? { kind: "update", update } : { kind: "invalid", reason: "interaction without a user" };
}
