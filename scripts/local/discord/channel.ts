/**
 * The #general channel as Discord keeps it: the bot's messages with their
 * components and flags, the interaction each one answers, and every
 * interaction's original response, which `@original` edits and deletes.
 * Message bodies are held to Discord's limits, so a body Discord would
 * refuse is refused here too.
 */
import {
  type APIActionRowComponent,
  type APIAttachment,
  type APIComponentInMessageActionRow,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  MessageType,
} from "discord-api-types/v10";
import { z } from "zod";
import { chatFile, type StoredFile } from "../files.ts";
import { discordMarkdown } from "../markup.ts";
import type { Session } from "../session.ts";
import { CHANNEL_ID, snowflake } from "./deliveries.ts";

const Button = z.object({
  type: z.literal(ComponentType.Button),
  style: z.union([z.literal(ButtonStyle.Primary), z.literal(ButtonStyle.Secondary)]),
  label: z.string().max(80),
  custom_id: z.string().min(1).max(100),
});

/** A string select (component type 3): up to 25 options. */
export const StringSelect = z.object({
  type: z.literal(ComponentType.StringSelect),
  custom_id: z.string().min(1).max(100),
  placeholder: z.string().max(150).optional(),
  options: z
    .array(
      z.object({
        label: z.string().min(1).max(100),
        value: z.string().min(1).max(100),
        description: z.string().max(100).optional(),
      }),
    )
    .min(1)
    .max(25),
  min_values: z.number().int().min(0).max(25).optional(),
  max_values: z.number().int().min(1).max(25).optional(),
});

/** An action row holds up to five buttons, or one select. */
const ActionRow = z.object({
  type: z.literal(ComponentType.ActionRow),
  components: z.union([z.array(Button).min(1).max(5), z.array(StringSelect).length(1)]),
});

/** A message body for any of Discord's message endpoints, within Discord's limits. */
const MessageBody = z.object({
  content: z.string().max(2000).default(""),
  components: z.array(ActionRow).max(5).default([]),
  flags: z.number().int().default(0),
  /** On an edit, the attachments to keep (absent: all of them); on any body, the new files by their `files[n]` index. */
  attachments: z.array(z.object({ id: z.union([z.string(), z.number()]) })).optional(),
});

type MessageBody = z.infer<typeof MessageBody>;

type Component = z.infer<typeof Button> | z.infer<typeof StringSelect>;

/** A body's action rows, each a list of its components. */
function rowsOf(body: MessageBody): Component[][] {
  return body.components.map((row): Component[] => [...row.components]);
}

/** Discord's refusal of a body, or the body. */
export function checkBody(body: unknown): MessageBody | string {
  const parsed = MessageBody.safeParse(body);
  if (!parsed.success) return `Invalid Form Body: ${parsed.error.issues[0]?.message ?? "invalid"}`;
  const ids = parsed.data.components.flatMap((row) => row.components.map((button) => button.custom_id));
  if (new Set(ids).size < ids.length) return "Invalid Form Body: component custom id cannot be duplicated";
  return parsed.data;
}

/** Discord's refusal of a new message with nothing in it. */
export function isEmpty(body: MessageBody, files: number): boolean {
  return body.content === "" && body.components.length === 0 && files === 0;
}

export const EMPTY_MESSAGE = "Cannot send an empty message";

interface StoredMessage {
  readonly id: string;
  readonly timestamp: string;
  body: MessageBody;
  files: { readonly id: string; readonly stored: StoredFile }[];
  reactions: string[];
  /** Discord's deferred "thinking…", until its content comes. */
  thinking: boolean;
  /** Written by Ada rather than the bot: the bot may react to it, never change it. */
  readonly byAda?: boolean;
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

  /** Where attachments are served: the stand-ins' Discord prefix, as Discord's CDN would. */
  private readonly cdn: string;
  private readonly attachments = new Map<string, StoredFile>();
  /** Who wrote the messages not the bot's. */
  private readonly authors = new Map<string, APIUser>();

  constructor(session: Session, botUser: APIUser, cdn: string) {
    this.session = session;
    this.botUser = botUser;
    this.cdn = cdn;
  }

  /** A file as a Discord attachment, served from now on at its URL. */
  attach(stored: StoredFile): APIAttachment {
    const id = snowflake();
    this.attachments.set(id, stored);
    return this.attachmentOf(id);
  }

  /** The bytes of attachment `id`, named `name`. */
  attachment(id: string, name: string): StoredFile | undefined {
    const stored = this.attachments.get(id);
    return stored && encodeURIComponent(stored.name) === name ? stored : undefined;
  }

  private show(message: StoredMessage): void {
    const { thinking } = message;
    const view = {
      from: message.byAda ? ("user" as const) : ("bot" as const),
      spans: discordMarkdown(message.body.content),
      buttons: rowsOf(message.body)
        .map((row) =>
          row.flatMap((button) =>
            button.type === ComponentType.Button
              ? [
                  {
                    id: button.custom_id,
                    label: button.label,
                    ...(button.style === ButtonStyle.Primary ? { primary: true } : {}),
                  },
                ]
              : [],
          ),
        )
        .filter((row) => row.length > 0),
      selects: rowsOf(message.body).flatMap((row) =>
        row.flatMap((select) =>
          select.type === ComponentType.StringSelect
            ? [
                {
                  id: select.custom_id,
                  placeholder: select.placeholder ?? "Make a selection",
                  options: select.options.map((option) => ({ value: option.value, label: option.label })),
                },
              ]
            : [],
        ),
      ),
      ...((message.body.flags & MessageFlags.Ephemeral) !== 0 ? { private: true } : {}),
      ...(thinking ? { thinking: true } : {}),
      ...(message.files.length ? { files: message.files.map((file) => chatFile(file.stored)) } : {}),
      ...(message.reactions.length ? { reactions: message.reactions } : {}),
      ...(message.edited ? { edited: true } : {}),
    };
    this.session.putMessage("discord", { id: message.id, ...view });
  }

  /** Ada's message in the channel (which a bot on interactions never hears of, but a message command can name). */
  said(text: string, files: readonly StoredFile[], author: APIUser): string {
    const message: StoredMessage = {
      id: snowflake(),
      timestamp: new Date().toISOString(),
      body: { content: text, components: [], flags: 0 },
      files: files.map((stored) => ({ id: this.attach(stored).id, stored })),
      reactions: [],
      thinking: false,
      byAda: true,
    };
    this.messages.set(message.id, message);
    this.authors.set(message.id, author);
    return message.id;
  }

  /** Whether Ada wrote the message. */
  byAda(id: string): boolean {
    return this.messages.get(id)?.byAda === true;
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
  post(
    body: MessageBody,
    interaction?: Interaction,
    thinking = false,
    files: readonly StoredFile[] = [],
  ): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      timestamp: new Date().toISOString(),
      body,
      files: files.map((stored) => ({ id: this.attach(stored).id, stored })),
      reactions: [],
      thinking,
      ...(interaction ? { interaction: interaction.metadata } : {}),
    };
    this.messages.set(message.id, message);
    this.show(message);
    return message;
  }

  /**
   * Replaces a message's content and components (its flags stay as they
   * were), keeps the attachments `body.attachments` names (all, without it)
   * and adds `files`; false when it is gone. Filling in "thinking…" is not
   * an edit to the eye.
   */
  edit(id: string, body: MessageBody, files: readonly StoredFile[] = []): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    const kept = body.attachments ? new Set(body.attachments.map((attachment) => String(attachment.id))) : undefined;
    message.files = [
      ...message.files.filter((file) => kept === undefined || kept.has(file.id)),
      ...files.map((stored) => ({ id: this.attach(stored).id, stored })),
    ];
    message.body = { ...body, flags: message.body.flags };
    if (!message.thinking) message.edited = new Date().toISOString();
    message.thinking = false;
    this.show(message);
    return true;
  }

  /** Whether the message was sent through the interaction's webhook (which may edit and delete it). */
  sentThrough(id: string, interaction: Interaction): boolean {
    return id === interaction.originalId || this.messages.get(id)?.interaction?.id === interaction.metadata.id;
  }

  /** Adds the bot's reaction; false when the message is gone. */
  react(id: string, emoji: string): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    if (!message.reactions.includes(emoji)) message.reactions.push(emoji);
    this.show(message);
    return true;
  }

  remove(id: string): boolean {
    this.session.removeMessage("discord", id);
    return this.messages.delete(id);
  }

  /** The label of the button `customId` on a message, if the message has that button. */
  buttonLabel(messageId: string, customId: string): string | undefined {
    const message = this.messages.get(messageId);
    const buttons = message ? rowsOf(message.body).flat() : [];
    const button = buttons.find((candidate) => candidate.custom_id === customId);
    return button?.type === ComponentType.Button ? button.label : undefined;
  }

  /** The select `customId` on a message, if the message has it. */
  select(messageId: string, customId: string): z.infer<typeof StringSelect> | undefined {
    const message = this.messages.get(messageId);
    const components = message ? rowsOf(message.body).flat() : [];
    const select = components.find((candidate) => candidate.custom_id === customId);
    return select?.type === ComponentType.StringSelect ? select : undefined;
  }

  private attachmentOf(id: string): APIAttachment {
    const stored = this.attachments.get(id);
    const url = `${this.cdn}/attachments/${CHANNEL_ID}/${id}/${encodeURIComponent(stored?.name ?? "")}`;
    return {
      id,
      filename: stored?.name ?? "",
      size: stored?.bytes.byteLength ?? 0,
      url,
      proxy_url: url,
      ...(stored ? { content_type: stored.mime } : {}),
    };
  }

  /** A message as Discord describes it, with what interaction made it (Parley reads that). */
  apiMessage(id: string): APIMessage | undefined {
    const message = this.messages.get(id);
    if (!message) return undefined;
    const components = message.body.components as APIActionRowComponent<APIComponentInMessageActionRow>[];
    return {
      id: message.id,
      channel_id: CHANNEL_ID,
      author: this.authors.get(message.id) ?? this.botUser,
      content: message.body.content,
      timestamp: message.timestamp,
      edited_timestamp: message.edited ?? null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: message.files.map((file) => this.attachmentOf(file.id)),
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
