/**
 * The platform-neutral update: what one webhook delivery means, whatever
 * platform it came from. Adapters produce it; the router and intents read it.
 */

export type ChatKind = "private" | "group";

export interface Chat {
  readonly id: string;
  readonly kind: ChatKind;
  readonly title?: string;
  /**
   * The chat this one is a thread of (a Slack thread of a channel). Digest
   * subscriptions belong to it: one made in the thread is listed and
   * stopped from the whole chat, and its digests go there.
   */
  readonly parent?: { readonly id: string; readonly address: ChatAddress };
  /**
   * False where the bot can answer the user but cannot post on its own (a
   * Discord app a user installed for themselves, used where the bot is not a
   * member): no digests or reminders can be sent here.
   */
  readonly reachable?: false;
}

export interface User {
  readonly id: string;
  /** Display name, for greetings. */
  readonly name: string;
}

/** A command as the platform delivered it: typed options where the platform has them. */
export interface CommandInvocation {
  readonly name: string;
  /** Everything after the command name, as typed (Telegram, Slack). */
  readonly text: string;
  /** Typed options (Discord slash commands); take precedence over `text`. */
  readonly options?: Readonly<Record<string, string | number>>;
  readonly subcommand?: string;
}

/** What kind of file a user sent, as every platform can tell. */
export type FileKind = "photo" | "document" | "audio" | "voice" | "video";

/**
 * A file that came with an update, as the platform described it. Plain
 * data, so that a question can keep it until its other arguments arrive;
 * `ctx.attachments` gives the same with a `download()`.
 */
export interface Attachment {
  readonly kind: FileKind;
  /** The file's name (made up where the platform has none, e.g. "photo.jpg"). */
  readonly name: string;
  /** Its size in bytes, where the platform says. */
  readonly size?: number;
  /** Its MIME type (`image/jpeg`, `application/pdf`; `application/octet-stream` where the platform does not say). */
  readonly mime: string;
  /**
   * The platform's own id of the file, which it takes back when the bot sends
   * the same file again (Telegram's `file_id`); kept with a kept file.
   */
  readonly platformFileId?: string;
  /** Where the adapter fetches it from: written and read by the adapter alone, like `route`. */
  readonly ref: Readonly<Record<string, string>>;
}

/**
 * The message an update is about: the one a command replies to (Telegram),
 * or the one a message action was used on (Discord's message menu, Slack's
 * message shortcut). Kept with a reminder, so its words are quoted even
 * after the message is deleted.
 */
export interface AboutMessage {
  /** Its words as they were (a file's caption; empty for a message without words). */
  readonly text: string;
  /** Where it can be opened, on platforms with message links. */
  readonly link?: string;
  /** How the adapter finds it again (a Telegram message id): written and read by the adapter alone, like `route`. */
  readonly ref: Readonly<Record<string, string>>;
}

/** The fields of a submitted form, by argument name, as typed: checked like typed arguments. */
export interface FormAnswer {
  readonly id: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface Update {
  /** The name of the platform it came from, as in the webhook URL; core never tells platforms apart. */
  readonly platform: string;
  readonly bot: string;
  /** The platform's delivery id (Telegram update_id, Discord interaction id, Slack event_id). */
  readonly eventId: string;
  readonly chat: Chat;
  readonly user: User;
  /** The message text (a file's caption), or a pressed button's value. */
  readonly text: string;
  /** Files the user sent with the message (photos, documents, audio, voice messages, videos). */
  readonly attachments?: readonly Attachment[];
  readonly command?: CommandInvocation;
  /** The message this update is about, where it names one. */
  readonly about?: AboutMessage;
  /** True when the user pressed one of the bot's buttons. */
  readonly isButtonPress: boolean;
  /** A submitted form (`Reply.form`): which question it answers, and the value typed into each field. */
  readonly form?: FormAnswer;
  /**
   * Whether the message is meant for the bot: a private chat, a command, a
   * mention or a reply to the bot. Unaddressed group chatter is only read
   * when the user owes the bot an answer.
   */
  readonly addressed: boolean;
  /**
   * The user's language as the platform reports it, when it does (`de`,
   * `en-US`): Telegram's `language_code`, Discord's `locale` (else the
   * server's), the Slack user's locale.
   */
  readonly locale?: string;
  /**
   * Where and how to answer. Opaque to the core: written and read only by
   * the adapter that produced the update (message ids, callback ids, tokens).
   */
  readonly route: Readonly<Record<string, string>>;
}

/** Where a platform can reach a chat without an incoming update: scheduled digests and reminders. */
export interface ChatAddress {
  readonly chatId: string;
  readonly threadId?: string;
  /** The workspace the chat is in, where one bot is installed in several (a Slack team); set by the adapter. */
  readonly workspace?: string;
}

/** The chat whose digest subscriptions an update sees and changes: a thread's parent, else its own. */
export function subscriptionChatId(chat: Chat): string {
  return chat.parent?.id ?? chat.id;
}
