/**
 * The #general channel as Discord keeps it: the bot's messages with their
 * components and flags, the interaction each one answers, and every
 * interaction's original response, which `@original` edits and deletes.
 * Message bodies are held to Discord's limits, so a body Discord would
 * refuse is refused here too.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  MessageType,
} from "discord-api-types/v10";
import { z } from "zod";
import { discordMarkdown } from "../markup.ts";
import type { Session } from "../session.ts";
import { CHANNEL_ID, snowflake } from "./deliveries.ts";

const Button = z.object({
  type: z.literal(ComponentType.Button),
  style: z.union([z.literal(ButtonStyle.Primary), z.literal(ButtonStyle.Secondary)]),
  label: z.string().max(80),
  custom_id: z.string().min(1).max(100),
});

/** A message body for any of Discord's message endpoints, within Discord's limits. */
const MessageBody = z.object({
  content: z.string().max(2000).default(""),
  components: z
    .array(z.object({ type: z.literal(ComponentType.ActionRow), components: z.array(Button).min(1).max(5) }))
    .max(5)
    .default([]),
  flags: z.number().int().default(0),
});

type MessageBody = z.infer<typeof MessageBody>;

/** Discord's refusal of a body, or the body. */
export function checkBody(body: unknown): MessageBody | string {
  const parsed = MessageBody.safeParse(body);
  if (!parsed.success) return `Invalid Form Body: ${parsed.error.issues[0]?.message ?? "invalid"}`;
  const ids = parsed.data.components.flatMap((row) => row.components.map((button) => button.custom_id));
  if (new Set(ids).size < ids.length) return "Invalid Form Body: component custom id cannot be duplicated";
  if (parsed.data.content === "" && ids.length === 0) return "Cannot send an empty message";
  return parsed.data;
}

interface StoredMessage {
  readonly id: string;
  readonly timestamp: string;
  body: MessageBody;
  edited?: string;
  /** The interaction of Ada's that this message answers (Discord's `interaction_metadata`). */
  readonly interaction?: APIMessageInteractionMetadata;
}

export interface Interaction {
  /** What a message answering it says about it. */
  readonly metadata: APIMessageInteractionMetadata;
  /** The message whose button made the interaction. */
  readonly messageId?: string;
  originalId?: string;
  /** Settled once the webhook's answer is in: Discord takes no follow-ups before it. */
  readonly answered: Promise<void>;
  markAnswered(): void;
}

export class DiscordChannel {
  private readonly session: Session;
  private readonly botUser: APIUser;
  private readonly messages = new Map<string, StoredMessage>();
  /** By interaction token. */
  private readonly interactions = new Map<string, Interaction>();

  constructor(session: Session, botUser: APIUser) {
    this.session = session;
    this.botUser = botUser;
  }

  private show(message: StoredMessage, thinking: boolean): void {
    const view = {
      from: "bot" as const,
      spans: discordMarkdown(message.body.content),
      buttons: message.body.components.map((row) =>
        row.components.map((button) => ({
          id: button.custom_id,
          label: button.label,
          ...(button.style === ButtonStyle.Primary ? { primary: true } : {}),
        })),
      ),
      ...((message.body.flags & MessageFlags.Ephemeral) !== 0 ? { private: true } : {}),
      ...(thinking ? { thinking: true } : {}),
    };
    if (!this.session.editMessage("discord", message.id, view)) {
      this.session.addMessage("discord", { id: message.id, ...view });
    }
  }

  /** Notes an interaction as it is sent, so that its answers and follow-ups find it. */
  sent(token: string, interaction: { metadata: APIMessageInteractionMetadata; messageId?: string }): Interaction {
    let markAnswered = () => {};
    const answered = new Promise<void>((resolve) => {
      markAnswered = resolve;
    });
    const entry: Interaction = { ...interaction, answered, markAnswered };
    this.interactions.set(token, entry);
    return entry;
  }

  interaction(token: string): Interaction | undefined {
    return this.interactions.get(token);
  }

  /** A new message from the bot, answering `interaction` if given; a deferred one shows "thinking…". */
  post(body: MessageBody, interaction?: Interaction, thinking = false): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      timestamp: new Date().toISOString(),
      body,
      ...(interaction ? { interaction: interaction.metadata } : {}),
    };
    this.messages.set(message.id, message);
    this.show(message, thinking);
    return message;
  }

  /** Replaces a message's content and components (its flags stay as they were); false when it is gone. */
  edit(id: string, body: MessageBody): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    message.body = { ...body, flags: message.body.flags };
    message.edited = new Date().toISOString();
    this.show(message, false);
    return true;
  }

  remove(id: string): boolean {
    this.session.removeMessage("discord", id);
    return this.messages.delete(id);
  }

  /** The label of the button `customId` on a message, if the message has that button. */
  buttonLabel(messageId: string, customId: string): string | undefined {
    const buttons = this.messages.get(messageId)?.body.components.flatMap((row) => row.components) ?? [];
    return buttons.find((button) => button.custom_id === customId)?.label;
  }

  /** A message as Discord describes it, with what interaction made it (Parley reads that). */
  apiMessage(id: string): APIMessage | undefined {
    const message = this.messages.get(id);
    if (!message) return undefined;
    const components: APIActionRowComponent<APIButtonComponentWithCustomId>[] = message.body.components;
    return {
      id: message.id,
      channel_id: CHANNEL_ID,
      author: this.botUser,
      content: message.body.content,
      timestamp: message.timestamp,
      edited_timestamp: message.edited ?? null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: message.interaction ? MessageType.ChatInputCommand : MessageType.Default,
      flags: message.body.flags,
      components,
      application_id: this.botUser.id,
      ...(message.interaction ? { interaction_metadata: message.interaction } : {}),
    };
  }
}
