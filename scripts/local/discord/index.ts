/**
 * The emulated Discord: Ada in the #general channel of a server. As on
 * Discord, the bot hears interactions only (slash commands, button presses,
 * drop-down picks, filled-in forms, message commands from a message's Apps
 * menu), answers each in the webhook's response (a message, an edit,
 * "thinking…", a form) and finishes through the REST API.
 */
import {
  type APIMessageInteractionMetadata,
  type APIUser,
  ApplicationCommandType,
  InteractionResponseType,
} from "discord-api-types/v10";
import { z } from "zod";
import type { Bot } from "../../../src/core/intent.ts";
import { applicationCommands } from "../../../src/platforms/discord/commands.ts";
import { chatFile } from "../files.ts";
import { parseJson } from "../http.ts";
import { type Delivered, type LocalPlatform, NotAllowed, type PlatformContext, type Upload } from "../platform.ts";
import { answerCall } from "./api.ts";
import { checkBody, DiscordChannel, EMPTY_MESSAGE, type Interaction, isEmpty } from "./channel.ts";
import { commandData, commandHints, commandSpans } from "./commands.ts";
import {
  buttonInteraction,
  buttonMetadata,
  CHANNEL_ID,
  commandInteraction,
  commandMetadata,
  DEV_PUBLIC_KEY,
  formMetadata,
  messageCommandInteraction,
  modalSubmitInteraction,
  selectInteraction,
  signedHeaders,
  snowflake,
  USER,
} from "./deliveries.ts";
import { filledIn, type OpenForm, readForm } from "./forms.ts";

const InteractionResponse = z.object({ type: z.number().int(), data: z.unknown().optional() });
const DeferredData = z.object({ flags: z.number().int().optional() });

/** The message commands the bot registers (type 3), as Discord lists them on a message's Apps menu. */
function messageCommandsOf(bot: Bot): { readonly name: string }[] {
  return applicationCommands(bot)
    .filter((command) => command.type === ApplicationCommandType.Message)
    .map((command) => ({ name: command.name }));
}

export function createDiscord(context: PlatformContext): LocalPlatform {
  const { session, bot } = context;
  const applicationId = context.secret("DISCORD_APPLICATION_ID");
  const botToken = context.secret("DISCORD_BOT_TOKEN");
  const botUser: APIUser = {
    id: applicationId,
    username: "Concierge",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  const channel = new DiscordChannel(session, botUser, `${context.standIns}/discord`);
  let form: OpenForm | undefined;
  // Discord gives every registered command a snowflake; these stand for them.
  const registered = messageCommandsOf(bot).map((command, index) => ({
    id: String(1_330_000_000_000_000_000n + BigInt(index)),
    name: command.name,
  }));
  session.openChat(
    "discord",
    "general",
    commandHints(bot),
    registered.map((command) => ({ id: command.id, label: command.name })),
  );
  if (context.secret("DISCORD_PUBLIC_KEY").toLowerCase() !== DEV_PUBLIC_KEY) {
    session.note(
      "discord",
      "DISCORD_PUBLIC_KEY is not the development key of .dev.vars.example: the Worker will refuse.",
    );
  }

  /** Opens the form of a type 9 answer; returns why Discord would not show it, if it would not. */
  function openForm(interaction: Interaction, data: unknown): string | undefined {
    const opened = readForm(data, interaction.metadata, interaction.messageId);
    if (typeof opened === "string") return opened;
    form = opened.form;
    session.setForm("discord", opened.view);
    return undefined;
  }

  /** Shows the webhook's answer the way Discord's app would; returns why it failed, if it did. */
  function answer(interaction: Interaction, delivered: Delivered): string | undefined {
    if (delivered.status !== 200) return `the bot answered HTTP ${delivered.status}`;
    const response = InteractionResponse.safeParse(parseJson(delivered.body));
    if (!response.success) return "the bot's answer is not an interaction response";
    const { type, data } = response.data;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const body = checkBody(data);
        if (typeof body === "string") return body;
        if (isEmpty(body, 0)) return EMPTY_MESSAGE;
        interaction.originalId = channel.post(body, interaction).id;
        return undefined;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = DeferredData.safeParse(data ?? {}).data?.flags ?? 0;
        interaction.originalId = channel.post({ content: "", components: [], flags }, interaction, true).id;
        return undefined;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        if (!interaction.messageId) return "there is no message to update";
        interaction.originalId = interaction.messageId;
        if (type === InteractionResponseType.DeferredMessageUpdate) return undefined;
        const body = checkBody(data);
        if (typeof body === "string") return body;
        channel.edit(interaction.messageId, body);
        return undefined;
      }
      case InteractionResponseType.Modal:
        return openForm(interaction, data);
      default:
        return `Discord does not take an answer of type ${type} here`;
    }
  }

  async function send(
    interaction: { id: string; token: string },
    title: string,
    metadata: APIMessageInteractionMetadata,
    messageId?: string,
  ): Promise<string> {
    const sent = channel.sent(interaction.token, { metadata, ...(messageId ? { messageId } : {}) });
    // Anything Ada does closes a form that is still open, as on Discord.
    form = undefined;
    session.setForm("discord", undefined);
    try {
      const body = JSON.stringify(interaction);
      const delivered = await context.deliver({ title, eventId: interaction.id, headers: signedHeaders(body), body });
      const failure = answer(sent, delivered);
      if (failure) session.note("discord", `This interaction failed: ${failure}.`);
      return delivered.entryId;
    } finally {
      sent.markAnswered();
    }
  }

  /** A line typed (with a file attached, maybe): a slash command goes to the bot, anything else stays in the channel. */
  async function command(text: string, upload?: Upload): Promise<string | undefined> {
    const stored = upload && session.files.put(upload.name, upload.mime, upload.bytes);
    const isCommand = text.trim().startsWith("/");
    const data = isCommand ? commandData(bot, text, stored && channel.attach(stored)) : undefined;
    const spans = typeof data === "object" ? commandSpans(data) : text ? [{ text }] : [];
    // A plain message stays in the channel, where a message command can name it.
    const id = data === undefined ? channel.said(text, stored ? [stored] : [], USER) : snowflake();
    session.addMessage("discord", {
      id,
      from: "user",
      spans,
      buttons: [],
      ...(stored ? { files: [chatFile(stored)] } : {}),
    });
    if (data === undefined) {
      session.note(
        "discord",
        "A bot on interactions never sees channel messages: nothing was sent. Type / for commands, or /ask and your question.",
      );
      return undefined;
    }
    if (typeof data === "string") {
      session.note("discord", `Discord's command picker would not send this: ${data}.`);
      return undefined;
    }
    const interaction = commandInteraction(applicationId, data);
    const title = `command ${text}${upload ? ` + ${upload.name}` : ""}`;
    return send(interaction, title, commandMetadata(interaction.id));
  }

  return {
    name: "discord",
    identity: { userId: USER.id, chatId: CHANNEL_ID },
    say: (text) => command(text),
    // A file goes with a slash command's attachment option; a file alone is a channel message, which the bot never sees.
    upload: (upload, caption) => command(caption, upload),
    async press(messageId, buttonId) {
      const message = channel.apiMessage(messageId);
      const label = channel.buttonLabel(messageId, buttonId);
      if (!message || label === undefined) throw new NotAllowed("No such button");
      const interaction = buttonInteraction(applicationId, message, buttonId);
      return send(interaction, `button ${label}`, buttonMetadata(interaction.id, messageId), messageId);
    },
    async messageAction(messageId, actionId) {
      const message = channel.apiMessage(messageId);
      const command = registered.find((candidate) => candidate.id === actionId);
      if (!message || !command) throw new NotAllowed("No such app command on this message");
      const interaction = messageCommandInteraction(applicationId, command, message);
      return send(interaction, `${command.name} on a message`, commandMetadata(interaction.id));
    },
    async pick(messageId, selectId, value) {
      const message = channel.apiMessage(messageId);
      const select = channel.select(messageId, selectId);
      const option = select?.options.find((candidate) => candidate.value === value);
      if (!message || !option) throw new NotAllowed("No such option");
      const interaction = selectInteraction(applicationId, message, selectId, [value]);
      return send(interaction, `picked ${option.label}`, buttonMetadata(interaction.id, messageId), messageId);
    },
    async submit(formId, values) {
      const open = form;
      if (!open || open.id !== formId) throw new NotAllowed("That form is closed");
      const fields = filledIn(open, values);
      const message = open.messageId ? channel.apiMessage(open.messageId) : undefined;
      const interaction = modalSubmitInteraction(applicationId, open.customId, fields, message);
      const title = `form ${fields.map((field) => field.value).join(", ")}`;
      return send(interaction, title, formMetadata(interaction.id, open.trigger), open.messageId);
    },
    api: (call) => answerCall(call, { channel, session, applicationId, botToken }),
  };
}
