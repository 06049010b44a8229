/**
 * Handles one update from start to finish: route it, run the intent, save
 * the state it changed (again from fresh state if another update won the
 * race), and hand the replies to the platform.
 */
import { HandlerContext } from "./context.ts";
import { QUESTION_TTL_MS } from "./dialog.ts";
import { ServiceError, UserError } from "./errors.ts";
import type { Bot } from "./intent.ts";
import type { JsonObject } from "./json.ts";
import type { Reply } from "./reply.ts";
import { route } from "./router.ts";
import { type ScheduleChange, ScheduleDraft } from "./schedule.ts";
import type { Services } from "./services.ts";
import { type ConversationState, type StateChanges, StateConflict, type StateStore } from "./state.ts";
import type { ChatAddress, Update } from "./update.ts";

export type Outcome = "ok" | "user_error" | "handler_error" | "ignored";

export interface Handled {
  readonly intent: string;
  readonly outcome: Outcome;
  readonly replies: readonly Reply[];
  /** The unexpected error a handler threw, for the log. */
  readonly error?: unknown;
}

export interface HandleOptions {
  readonly bot: Bot;
  readonly update: Update;
  readonly store: StateStore;
  readonly services: Services;
  readonly now: Date;
  /** State already loaded with the delivery's claim, saving a round trip. */
  readonly state?: ConversationState;
  /** Where scheduled messages for this chat go (from the platform adapter). */
  readonly address: ChatAddress;
}

/** Enough for dozens of simultaneous updates to one conversation, each retried after a short random pause. */
const MAX_ATTEMPTS = 30;

function pause(round: number): Promise<void> {
  const ms = Math.random() * Math.min(200, 5 * 2 ** round);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function friendly(error: ServiceError): string {
  switch (error.failure) {
    case "not_found":
      return `${error.service} has nothing for that.`;
    case "rejected":
      return `${error.service} could not answer that request.`;
    default:
      return `${error.service} is not answering right now. Please try again in a moment.`;
  }
}

interface Attempt extends Handled {
  readonly changes: StateChanges;
}

async function attempt(options: HandleOptions, state: ConversationState): Promise<Attempt> {
  const { bot, update, now } = options;
  const decision = route(bot, update, state.question, now.getTime());
  // A command or an accepted answer ends whatever question was pending.
  const clearQuestion: StateChanges = state.question ? { question: null } : {};
  switch (decision.kind) {
    case "ignore":
      return { intent: "-", outcome: "ignored", replies: [], changes: {} };
    case "fallback":
      return {
        intent: "fallback",
        outcome: "user_error",
        replies: [{ text: bot.texts.fallback, private: true }],
        changes: clearQuestion,
      };
    case "usage":
      return {
        intent: decision.intent.command,
        outcome: "user_error",
        replies: [{ text: `Sorry, ${decision.problem}. Usage: ${decision.usage}`, private: true }],
        changes: {},
      };
    case "ask":
      return {
        intent: decision.intent.command,
        outcome: "ok",
        replies: [{ text: decision.missing.ask ?? decision.missing.description, asks: true }],
        changes: {
          question: {
            intent: decision.intent.command,
            ...(decision.subcommand ? { subcommand: decision.subcommand.name } : {}),
            args: decision.args,
            awaiting: decision.missing.name,
            expiresAt: now.getTime() + QUESTION_TTL_MS,
          },
        },
      };
    case "run":
      break;
  }
  const { intent, subcommand, args } = decision;
  const user = {
    id: update.user.id,
    name: update.user.name,
    data: structuredClone(state.userData) as JsonObject,
  };
  const invocation = { intent: intent.command, args, ...(subcommand ? { subcommand: subcommand.name } : {}) };
  const schedule = new ScheduleDraft({
    bot,
    address: options.address,
    digestAddress: update.chat.parent?.address ?? options.address,
    now,
    reader: { read: () => options.store.schedule(update) },
  });
  const ctx = new HandlerContext({ bot, update, invocation, user, now, services: options.services, schedule });
  const handler = subcommand?.run ?? intent.run;
  try {
    await handler?.(ctx);
  } catch (error) {
    if (error instanceof UserError) {
      return {
        intent: intent.command,
        outcome: "user_error",
        replies: [...ctx.replies, { text: error.message, private: true }],
        changes: clearQuestion,
      };
    }
    if (error instanceof ServiceError) {
      return {
        intent: intent.command,
        outcome: "user_error",
        replies: [{ text: friendly(error), private: true }],
        changes: clearQuestion,
        error,
      };
    }
    // Nothing the failed handler changed is kept.
    return {
      intent: intent.command,
      outcome: "handler_error",
      replies: [{ text: bot.texts.apology, private: true }],
      changes: {},
      error,
    };
  }
  const changes: { userData?: JsonObject; question?: StateChanges["question"]; schedule?: ScheduleChange[] } = {};
  if (schedule.changes.length > 0) changes.schedule = schedule.changes;
  if (JSON.stringify(user.data) !== JSON.stringify(state.userData)) changes.userData = user.data;
  if (ctx.question || state.question) changes.question = ctx.question;
  return { intent: intent.command, outcome: "ok", replies: ctx.replies, changes };
}

function hasChanges(changes: StateChanges): boolean {
  return changes.userData !== undefined || changes.question !== undefined || changes.schedule !== undefined;
}

export async function handleUpdate(options: HandleOptions): Promise<Handled> {
  let state = options.state ?? (await options.store.load(options.update));
  for (let round = 1; ; round++) {
    const result = await attempt(options, state);
    if (!hasChanges(result.changes)) return result;
    try {
      await options.store.save(options.update, state, result.changes);
      return result;
    } catch (error) {
      if (!(error instanceof StateConflict) || round >= MAX_ATTEMPTS) throw error;
      await pause(round);
      state = await options.store.load(options.update);
    }
  }
}
