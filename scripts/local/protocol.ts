/**
 * What the local chat page, the chat command-line and the dev server say to
 * each other: the server sends a snapshot of everything the page shows on
 * every change (`GET /dev/api/events`), and clients post actions
 * (`POST /dev/api/action`). Types only, so that the page's plain JavaScript
 * can check itself against them.
 */
/** The platforms the local stack emulates, each in its folder of scripts/local/. */
export type PlatformName = "telegram" | "discord" | "slack";

/** A run of text as the platform's app shows it. */
export interface Span {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly code?: boolean;
  readonly link?: string;
}

export interface ChatButton {
  /** Names the button within its message, for a press. */
  readonly id: string;
  readonly label: string;
  /** Drawn as the platform's primary button (Discord's "Answer"). */
  readonly primary?: boolean;
}

/** A file in a message: a picture is shown, anything else is a link to download it. */
export interface ChatFile {
  readonly name: string;
  readonly mime: string;
  /** In bytes. */
  readonly size: number;
  /** Where the page loads it, relative to the page server (`/dev/files/…`). */
  readonly url: string;
}

/** A drop-down the bot sent (a Discord string select, a Slack static_select). */
export interface ChatSelect {
  /** Names the select within its message, for a pick. */
  readonly id: string;
  readonly placeholder: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}

export interface ChatMessage {
  /** The platform's own id: Telegram message_id, Discord snowflake, Slack ts. */
  readonly id: string;
  /** Bumped on every edit, so that a reader can tell an edited message from one it has seen. */
  readonly revision: number;
  /** `note` is the emulator's remark about what the platform would do (nothing is sent). */
  readonly from: "user" | "bot" | "note";
  readonly spans: readonly Span[];
  readonly buttons: readonly (readonly ChatButton[])[];
  readonly at: number;
  /** Shown to the user alone (Discord and Slack ephemeral messages). */
  readonly private?: boolean;
  /** Discord's deferred "is thinking…" message, still waiting for its content. */
  readonly thinking?: boolean;
  /** The bot opened the reply field for this message (Telegram force_reply). */
  readonly asks?: boolean;
  readonly files?: readonly ChatFile[];
  readonly selects?: readonly ChatSelect[];
  /** The bot's reactions to the message, as emoji. */
  readonly reactions?: readonly string[];
  /** The bot changed the message after sending it (the platform's "edited" mark). */
  readonly edited?: boolean;
}

/** An action the bot registered on messages (a Discord message command, a Slack message shortcut). */
export interface MessageAction {
  readonly id: string;
  readonly label: string;
}

/** A form the bot opened (a Discord modal, a Slack modal view). */
export interface FormView {
  readonly id: string;
  readonly title: string;
  readonly text?: string;
  /** The submit button's words, where the bot chose them (Slack's `submit`). */
  readonly submit?: string;
  /** A field with `options` is a drop-down; one without, a line of text. */
  readonly fields: readonly {
    readonly id: string;
    readonly label: string;
    readonly options?: readonly { readonly value: string; readonly label: string }[];
  }[];
}

/** The workspaces of a platform that has them (Slack), and where Ada is. */
export interface Workspaces {
  readonly current: string;
  /** The channel of the current workspace Ada is in, one of `channels`. */
  readonly channel: string;
  readonly channels: readonly { readonly id: string; readonly name: string }[];
  readonly choices: readonly { readonly id: string; readonly name: string; readonly installed: boolean }[];
  /** Where the app's install starts (the Worker's route, through the page's server). */
  readonly installUrl: string;
}

/** One entry of the composer's command menu, made from the bot's intent definitions. */
export interface CommandHint {
  /** What choosing it puts in the composer: "/weather ", "/concierge weather ". */
  readonly insert: string;
  readonly usage: string;
  readonly description: string;
}

export interface ChatView {
  readonly platform: PlatformName;
  /** The conversation's name as the platform's app heads it. */
  readonly title: string;
  readonly messages: readonly ChatMessage[];
  readonly form?: FormView;
  readonly commands: readonly CommandHint[];
  /** The platform's sign that the bot is working ("Concierge is typing…"), while it lasts. */
  readonly working?: string;
  /** What each message's menu offers. */
  readonly messageActions: readonly MessageAction[];
  readonly workspaces?: Workspaces;
}

export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One request between the Worker and the outside world, in either direction. */
export interface TrafficEntry {
  readonly id: string;
  readonly at: number;
  /** A delivery or Cron tick sent to the Worker, or a call the Worker made to a platform or service. */
  readonly direction: "to-worker" | "from-worker";
  /** `telegram`, `discord`, `slack`, `weather`, `rates`, `news` or `cron`. */
  readonly source: string;
  readonly title: string;
  readonly request: Exchange;
  readonly response?: { readonly status: number; readonly body: string; readonly ms: number };
  /** From the Worker's log line for this delivery: outcome, intent, milliseconds. */
  readonly outcome?: string;
  /** From the same line when tier 2 took part: the model, its outcome, tokens in and out, milliseconds. */
  readonly tier?: string;
  /** From the same line, for plain words: which tier understood them, how surely, as what ("tier 1 · 0.92 · weather"). */
  readonly understood?: string;
  /** Handled to the end: the Worker logged it, refused it, or answered it without handling. */
  readonly done: boolean;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What D1 holds for the emulated user on one platform. */
export interface StoredState {
  readonly userData: JsonValue;
  /** The question the user owes an answer to, as the engine stored it. */
  readonly question: JsonValue;
  readonly subscriptions: readonly {
    readonly digest: string;
    readonly time: string;
    readonly zone: string;
    readonly nextRunAt: number;
    readonly status: string;
  }[];
  readonly reminders: readonly { readonly text: string; readonly dueAt: number; readonly status: string }[];
}

export interface Snapshot {
  readonly bot: string;
  readonly chats: readonly ChatView[];
  /** Newest last. */
  readonly traffic: readonly TrafficEntry[];
  readonly stored: Readonly<Partial<Record<PlatformName, StoredState>>>;
  /** Why the stored state could not be read, when it could not. */
  readonly storedError?: string;
  /** Weather, rates and news come from the real services rather than the stand-ins. */
  readonly realApis: boolean;
  /** Where tier 2's language model is. */
  readonly tierTwo: TierTwoModel;
}

/**
 * Tier 2's model: the stack's scripted stand-in (no model at all: a few
 * phrasings it recognises), or the OpenAI-compatible endpoint the env file
 * names in AI_BASE_URL.
 */
export type TierTwoModel = { readonly standIn: true } | { readonly standIn: false; readonly url: string };

/** What a user can do; the body of `POST /dev/api/action`. */
export type Action =
  | { readonly kind: "say"; readonly platform: PlatformName; readonly text: string }
  | { readonly kind: "press"; readonly platform: PlatformName; readonly messageId: string; readonly buttonId: string }
  | {
      readonly kind: "pick";
      readonly platform: PlatformName;
      readonly messageId: string;
      readonly selectId: string;
      readonly value: string;
    }
  /** The user chose one of the bot's message actions on a message. */
  | {
      readonly kind: "message-action";
      readonly platform: PlatformName;
      readonly messageId: string;
      readonly actionId: string;
    }
  | {
      readonly kind: "submit";
      readonly platform: PlatformName;
      readonly formId: string;
      readonly values: Readonly<Record<string, string>>;
    }
  /** The user sent a file, with `caption` as the message's words (base64 `data`). */
  | {
      readonly kind: "upload";
      readonly platform: PlatformName;
      readonly name: string;
      readonly mime: string;
      readonly data: string;
      readonly caption: string;
    }
  /** Ada goes to a channel of a workspace the app is installed in; to her direct messages with the bot without one. */
  | {
      readonly kind: "switch-channel";
      readonly platform: PlatformName;
      readonly workspace: string;
      readonly channel?: string;
    }
  /** Runs the Cron tick at `time` (epoch ms). */
  | { readonly kind: "tick"; readonly time: number };

/** The answer to an action: the delivery it sent, if any, or why it could not be done. */
export interface ActionResult {
  readonly entryId?: string;
  readonly error?: string;
}
