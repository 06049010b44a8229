/**
 * Conversation state as the engine sees it, and the store contract that
 * `src/store` fulfils with D1. Versions make saves optimistic: a save based
 * on stale state fails with `StateConflict` and the engine runs again.
 */
import type { PendingQuestion } from "./dialog.ts";
import type { JsonObject } from "./json.ts";
import type { ScheduleChange, ScheduleSnapshot } from "./schedule.ts";
import type { Update } from "./update.ts";

export interface ConversationState {
  readonly userData: JsonObject;
  /** 0 when the user has no stored row yet. */
  readonly userVersion: number;
  /** The language the user chose (`/language`), or null to follow their platform's. */
  readonly userLocale: string | null;
  readonly question: PendingQuestion | null;
  /** 0 when the conversation has no stored row yet. */
  readonly conversationVersion: number;
}

export interface StateChanges {
  readonly userData?: JsonObject;
  /** Also moves the user's subscriptions and pending reminders to the new language. */
  readonly userLocale?: string | null;
  readonly question?: PendingQuestion | null;
  readonly schedule?: readonly ScheduleChange[];
  /** Erase everything kept about the user instead of writing the changes above (`Context.forgetUser`). */
  readonly forget?: true;
}

export const EMPTY_STATE: ConversationState = {
  userData: {},
  userVersion: 0,
  userLocale: null,
  question: null,
  conversationVersion: 0,
};

export class StateConflict extends Error {
  override readonly name = "StateConflict";
}

export interface StateStore {
  load(update: Update): Promise<ConversationState>;
  /** The user's digest subscriptions in the update's chat, and their totals across chats, in one round trip. */
  schedule(update: Update): Promise<ScheduleSnapshot>;
  /**
   * Writes all changes or none; throws `StateConflict` when `base` is no
   * longer current. With `forget`, erases the user's rows instead, whatever
   * their version.
   */
  save(update: Update, base: ConversationState, changes: StateChanges): Promise<void>;
}
