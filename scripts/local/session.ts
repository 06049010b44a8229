/**
 * Everything the chat page shows, kept in memory by the dev server: the
 * conversation on each platform, the traffic list, and what D1 holds. The
 * platform emulators write to it; the page, the command-line and the
 * stored-state reader hear of every change.
 */

import { LocalFiles } from "./files.ts";
import type {
  ChatMessage,
  ChatView,
  CommandHint,
  FormView,
  MessageAction,
  PlatformName,
  Snapshot,
  StoredState,
  TierTwoModel,
  Workspaces,
} from "./protocol.ts";
import { Traffic } from "./traffic.ts";

const MAX_MESSAGES = 200;

interface Chat {
  readonly title: string;
  readonly commands: readonly CommandHint[];
  readonly messageActions: readonly MessageAction[];
  messages: ChatMessage[];
  workspaces?: Workspaces;
  /** The messages of the conversations Ada is not looking at, by `workspace/channel`. */
  readonly elsewhere: Map<string, ChatMessage[]>;
  form?: FormView;
  working?: { readonly text: string; readonly timer: ReturnType<typeof setTimeout> };
}

type NewMessage = Omit<ChatMessage, "revision" | "at">;

/** Which conversation of a platform with workspaces Ada is looking at. */
function conversationOf(workspaces: Workspaces): string {
  return `${workspaces.current}/${workspaces.channel}`;
}

export interface SessionOptions {
  readonly bot: string;
  readonly realApis: boolean;
  readonly tierTwo: TierTwoModel;
  /** Secret values by name, masked in the traffic list. */
  readonly secrets: Readonly<Record<string, string>>;
}

export class Session {
  readonly bot: string;
  readonly realApis: boolean;
  readonly tierTwo: TierTwoModel;
  readonly traffic: Traffic;
  /** The bytes of every file in the chats. */
  readonly files = new LocalFiles();
  private readonly chats = new Map<PlatformName, Chat>();
  private stored: Snapshot["stored"] = {};
  private storedError: string | undefined;
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;
  private notes = 0;

  constructor(options: SessionOptions) {
    this.bot = options.bot;
    this.realApis = options.realApis;
    this.tierTwo = options.tierTwo;
    this.traffic = new Traffic(options.secrets, () => this.changed());
  }

  /** `messageActions` are what the bot registered on messages, offered on each message's menu. */
  openChat(
    platform: PlatformName,
    title: string,
    commands: readonly CommandHint[],
    messageActions: readonly MessageAction[] = [],
  ): void {
    this.chats.set(platform, { title, commands, messageActions, messages: [], elsewhere: new Map() });
    this.changed();
  }

  /** Shows the platform's workspaces; going to another channel shows its messages in place of the others'. */
  setWorkspaces(platform: PlatformName, workspaces: Workspaces): void {
    const chat = this.chat(platform);
    const leaving = chat.workspaces && conversationOf(chat.workspaces);
    const going = conversationOf(workspaces);
    if (leaving !== undefined && leaving !== going) {
      chat.elsewhere.set(leaving, chat.messages);
      chat.messages = chat.elsewhere.get(going) ?? [];
      chat.elsewhere.delete(going);
      delete chat.form;
    }
    chat.workspaces = workspaces;
    this.changed();
  }

  /** Shows the platform's working sign for `ms`, or until the bot's next message. */
  showWorking(platform: PlatformName, text: string, ms: number): void {
    const chat = this.chat(platform);
    if (chat.working) clearTimeout(chat.working.timer);
    chat.working = { text, timer: setTimeout(() => this.stopWorking(platform), ms) };
    this.changed();
  }

  stopWorking(platform: PlatformName): void {
    const chat = this.chat(platform);
    if (!chat.working) return;
    clearTimeout(chat.working.timer);
    delete chat.working;
    this.changed();
  }

  private chat(platform: PlatformName): Chat {
    const chat = this.chats.get(platform);
    if (!chat) throw new Error(`No ${platform} chat is open`);
    return chat;
  }

  /** Adds a message to the conversation shown, or to `conversation` (`workspace/channel`) when that is another one. */
  addMessage(platform: PlatformName, message: NewMessage, conversation?: string): void {
    const chat = this.chat(platform);
    const added = { ...message, revision: 1, at: Date.now() };
    if (conversation !== undefined && chat.workspaces && conversation !== conversationOf(chat.workspaces)) {
      chat.elsewhere.set(conversation, [...(chat.elsewhere.get(conversation) ?? []), added].slice(-MAX_MESSAGES));
      return;
    }
    if (message.from === "bot") this.stopWorking(platform);
    chat.messages = [...chat.messages, added].slice(-MAX_MESSAGES);
    this.changed();
  }

  /** A remark of the emulator's: what the platform would do instead of sending anything. */
  note(platform: PlatformName, text: string): void {
    this.addMessage(platform, { id: `note-${++this.notes}`, from: "note", spans: [{ text }], buttons: [] });
  }

  /** Replaces what a message shows; false when there is no such message. */
  editMessage(platform: PlatformName, id: string, changes: Partial<NewMessage>): boolean {
    const chat = this.chat(platform);
    const old = chat.messages.find((message) => message.id === id);
    if (!old) return false;
    const edited = { ...old, ...changes, id, revision: old.revision + 1 };
    chat.messages = chat.messages.map((message) => (message === old ? edited : message));
    this.changed();
    return true;
  }

  /** Shows `message` in place of the one with its id (all of it: what it leaves out is gone), or adds it. */
  putMessage(platform: PlatformName, message: NewMessage): void {
    const chat = this.chat(platform);
    const old = chat.messages.find((candidate) => candidate.id === message.id);
    if (!old) {
      this.addMessage(platform, message);
      return;
    }
    if (message.from === "bot") this.stopWorking(platform);
    const replaced = { ...message, revision: old.revision + 1, at: old.at };
    chat.messages = chat.messages.map((candidate) => (candidate === old ? replaced : candidate));
    this.changed();
  }

  /** Adds the bot's reaction to a message; false when there is no such message. */
  react(platform: PlatformName, id: string, emoji: string): boolean {
    const old = this.chat(platform).messages.find((message) => message.id === id);
    if (!old) return false;
    const reactions = old.reactions ?? [];
    return reactions.includes(emoji) || this.editMessage(platform, id, { reactions: [...reactions, emoji] });
  }

  removeMessage(platform: PlatformName, id: string): void {
    const chat = this.chat(platform);
    chat.messages = chat.messages.filter((message) => message.id !== id);
    this.changed();
  }

  /** Shows the form the bot opened, or none. */
  setForm(platform: PlatformName, form: FormView | undefined): void {
    const chat = this.chat(platform);
    if (form) chat.form = form;
    else delete chat.form;
    this.changed();
  }

  setStored(stored: Partial<Record<PlatformName, StoredState>>, error?: string): void {
    this.stored = stored;
    this.storedError = error;
    this.changed();
  }

  /** Calls `listener` after changes (batched); returns the way to stop listening. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      for (const listener of this.listeners) listener();
    }, 10);
  }

  snapshot(): Snapshot {
    const chats: ChatView[] = [...this.chats].map(([platform, chat]) => ({
      platform,
      title: chat.title,
      messages: chat.messages,
      commands: chat.commands,
      messageActions: chat.messageActions,
      ...(chat.workspaces ? { workspaces: chat.workspaces } : {}),
      ...(chat.form ? { form: chat.form } : {}),
      ...(chat.working ? { working: chat.working.text } : {}),
    }));
    return {
      bot: this.bot,
      chats,
      traffic: this.traffic.entries,
      stored: this.stored,
      ...(this.storedError ? { storedError: this.storedError } : {}),
      realApis: this.realApis,
      tierTwo: this.tierTwo,
    };
  }
}
