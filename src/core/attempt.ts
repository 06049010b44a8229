/**
 * One attempt at an update, on one reading of its state: decide what it
 * means, run the middleware and the handler (or the question for a missing
 * argument) when it invokes an intent, and collect what they changed.
 * Nothing is saved here: the engine (`engine.ts`) saves the changes, and
 * attempts again on fresh state when another update saved first.
 */

import { describeError, log } from "../log.ts";
import { formFields } from "./args.ts";
import { didYouMean, notUnderstood, staleChoice } from "./clarify.ts";
import { HandlerContext } from "./context.ts";
import { ServiceError, UserError } from "./errors.ts";
import { FileError, type FileStore, fileShelf, formatBytes } from "./files.ts";
import type { Further, UnderstandFurther } from "./further.ts";
import { argChoices, argQuestion } from "./help.ts";
import { localized, translator } from "./i18n.ts";
import type { Bot, Context } from "./intent.ts";
import type { JsonObject } from "./json.ts";
import { localeFor } from "./locale.ts";
import { compose } from "./middleware.ts";
import { MessageGoneError, type Messenger, type Outbox } from "./outbox.ts";
import type { Reply } from "./reply.ts";
import { type Decision, decide, type Understood } from "./router.ts";
import { ScheduleDraft } from "./schedule.ts";
import type { Services } from "./services.ts";
import type { ConversationState, StateChanges, StateStore } from "./state.ts";
import { suggestedChoices } from "./suggest.ts";
import type { ChatAddress, Update } from "./update.ts";

export type Outcome = "ok" | "user_error" | "handler_error" | "ignored";

export interface Handled {
  readonly intent: string;
  readonly outcome: Outcome;
  /** The replies still to send. */
  readonly replies: readonly Reply[];
  /** The index of `replies[0]` among the delivery's: those before it went out while the handler ran. */
  readonly from?: number;
  /** The unexpected error a handler threw, for the log. */
  readonly error?: unknown;
  /** How plain words were understood, when they were: which tier, how sure, what reading. */
  readonly understood?: Understood;
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
  /** Tier 2, asked about plain words tier 1 did not run (`further.ts`); without it, tier 1's answer stands. */
  readonly understandFurther?: UnderstandFurther;
  /** Sends, edits and fetches files while a handler runs; without it, replies only go out afterwards. */
  readonly messenger?: Messenger;
  /** Where `ctx.files` keeps files; without it, keeping one fails. */
  readonly files?: FileStore;
  /** Whether the user may change what the whole chat gets (asked of the platform); without it, nobody may. */
  readonly chatRights?: () => Promise<boolean>;
}

export interface Attempt extends Handled {
  readonly changes: StateChanges;
}

/** A decision that invokes an intent: its handler runs, or the bot asks for a missing argument. */
type Invoke = Extract<Decision, { kind: "run" | "ask" }>;

/** A command, an accepted answer or a failure ends whatever question was pending. */
function clearQuestion(state: ConversationState): StateChanges {
  return state.question ? { question: null } : {};
}

/**
 * The answer to an update that invokes no intent: nothing, the fallback, the
 * usage, "did you mean …?", what the bot can do, or a note on a stale choice.
 */
function answer(decision: Exclude<Decision, Invoke>, options: HandleOptions, state: ConversationState): Attempt {
  const { bot } = options;
  const locale = localeFor(bot, options.update, state);
  const t = translator(bot, locale);
  switch (decision.kind) {
    case "choose": {
      const { reply, choice } = didYouMean(decision.readings, t, locale, options.now);
      const { understood } = decision;
      return { intent: "did_you_mean", outcome: "ok", replies: [reply], changes: { question: choice }, understood };
    }
    case "not_understood": {
      const replies = [notUnderstood(bot, t, locale)];
      const { understood } = decision;
      return { intent: "fallback", outcome: "user_error", replies, changes: clearQuestion(state), understood };
    }
    case "stale_choice":
      return { intent: "did_you_mean", outcome: "user_error", replies: [staleChoice(t, locale)], changes: {} };
    case "ignore":
      return { intent: "-", outcome: "ignored", replies: [], changes: {} };
    case "fallback":
      return {
        intent: "fallback",
        outcome: "user_error",
        replies: [{ text: t("parley-fallback"), private: true, locale }],
        changes: clearQuestion(state),
      };
    case "usage": {
      const problem = t(decision.problem.message, decision.problem.args);
      const { name } = decision.problem.args;
      const field = options.update.form && name !== undefined ? { field: name } : {};
      return {
        intent: decision.intent.command,
        outcome: "user_error",
        replies: [{ text: t("parley-usage", { problem, usage: decision.usage }), private: true, locale, ...field }],
        changes: {},
        ...(decision.understood ? { understood: decision.understood } : {}),
      };
    }
  }
}

/** The context the middleware and handler of `decision` run with, on a copy of the stored user data. */
function contextFor(
  decision: Invoke,
  options: HandleOptions,
  state: ConversationState,
  outbox: Outbox,
): HandlerContext {
  const { bot, update, now } = options;
  const { intent, subcommand, args, resumed } = decision;
  const locale = localeFor(bot, update, state);
  const schedule = new ScheduleDraft({
    digests: bot.digests,
    services: options.services,
    address: options.address,
    digestAddress: update.chat.parent?.address ?? options.address,
    reachable: update.chat.reachable !== false,
    now,
    reader: { read: () => options.store.schedule(update) },
    locale,
    t: translator(bot, locale),
    chatRights: options.chatRights ?? (() => Promise.resolve(false)),
  });
  const user = { id: update.user.id, name: update.user.name, data: structuredClone(state.userData) as JsonObject };
  const owner = { bot: bot.name, platform: update.platform, userId: update.user.id, chatId: update.chat.id };
  return new HandlerContext({
    bot,
    update,
    invocation: { intent: intent.command, args, resumed, ...(subcommand ? { subcommand: subcommand.name } : {}) },
    user: state.userLocale === null ? user : { ...user, locale: state.userLocale },
    now,
    services: options.services,
    schedule,
    files: fileShelf(options.files, owner, `${update.platform}:${update.eventId}`, translator(bot, locale), locale),
    outbox,
  });
}

/** The failure in the user's language; the service is named by the bot's message of that id, if it has one. */
function friendly(error: ServiceError, ctx: HandlerContext): string {
  const { bot, locale } = ctx;
  const service =
    localized(bot, locale, error.service) ?? localized(bot, bot.defaultLocale, error.service) ?? error.service;
  switch (error.failure) {
    case "not_found":
      return ctx.t("parley-service-not-found", { service });
    case "rejected":
      return ctx.t("parley-service-rejected", { service });
    default:
      return ctx.t("parley-service-unavailable", { service });
  }
}

/**
 * The bot's, the intent's and the subcommand's middleware, in that order,
 * around the handler, or around asking for the missing argument.
 */
function chainOf(decision: Invoke, bot: Bot): (ctx: Context) => Promise<void> {
  const { intent, subcommand } = decision;
  const middleware = [...bot.use, ...(intent.use ?? []), ...(subcommand?.use ?? [])];
  if (decision.kind === "ask") {
    const { missing } = decision;
    const question = (ctx: Context) => argQuestion(bot, ctx.locale, intent, subcommand, missing);
    return compose(middleware, async (ctx) => {
      const choices =
        missing.choices === "suggested"
          ? await suggestedChoices(missing, ctx.services)
          : argChoices(bot, ctx.locale, intent, subcommand, missing);
      const [, ...together] = formFields(specsOf(decision), decision.args, missing);
      ctx.ask(question(ctx), { arg: missing.name, choices, together });
    });
  }
  return compose(middleware, subcommand?.run ?? intent.run ?? (() => {}));
}

/** The arguments of the intent (or subcommand) a decision invokes. */
function specsOf(decision: Invoke) {
  return (decision.subcommand ? decision.subcommand.args : decision.intent.args) ?? [];
}

/** The answer to a received file that could not be had. */
function fileProblem(error: FileError, ctx: HandlerContext): string {
  switch (error.problem) {
    case "too_big":
      return ctx.t("parley-file-too-big", { max: formatBytes(error.maxBytes ?? 0, ctx.locale) });
    case "timeout":
      return ctx.t("parley-file-timeout");
    default:
      return ctx.t("parley-file-failed");
  }
}

/**
 * A handler or middleware that threw: the user hears why; nothing it changed
 * is kept, except after an edit of a message that is gone, which is noted and
 * keeps what the handler did before it.
 */
function failed(error: unknown, ctx: HandlerContext, state: ConversationState): Attempt {
  const intent = ctx.invocation.intent;
  const { locale } = ctx;
  const from = ctx.outbox.sent;
  if (error instanceof MessageGoneError) {
    const replies = [...ctx.replies, { text: ctx.t("parley-message-gone"), private: true, locale }];
    return { intent, outcome: "user_error", replies, from, changes: changesOf(ctx, state) };
  }
  if (error instanceof FileError) {
    const replies = [{ text: fileProblem(error, ctx), private: true, locale }];
    return { intent, outcome: "user_error", replies, from, changes: {} };
  }
  if (error instanceof UserError) {
    const replies = [...ctx.replies, { text: error.message, private: true, locale }];
    return { intent, outcome: "user_error", replies, from, changes: clearQuestion(state) };
  }
  if (error instanceof ServiceError) {
    const replies = [{ text: friendly(error, ctx), private: true, locale }];
    return { intent, outcome: "user_error", replies, from, changes: clearQuestion(state), error };
  }
  const replies = [{ text: ctx.t("parley-apology"), private: true, locale }];
  return { intent, outcome: "handler_error", replies, from, changes: {}, error };
}

/**
 * What a handler (or a middleware that stopped) changed: the user's data,
 * the pending question, the schedule; or that everything kept about the
 * user goes.
 */
function changesOf(ctx: HandlerContext, state: ConversationState): StateChanges {
  if (ctx.forgotten) return { forget: true };
  return {
    ...(ctx.schedule.changes.length > 0 ? { schedule: ctx.schedule.changes } : {}),
    ...(JSON.stringify(ctx.user.data) !== JSON.stringify(state.userData) ? { userData: ctx.user.data } : {}),
    ...((ctx.user.locale ?? null) !== state.userLocale ? { userLocale: ctx.user.locale ?? null } : {}),
    ...(ctx.question || state.question ? { question: ctx.question } : {}),
  };
}

/**
 * Runs the middleware and the handler (or the question) of a decision that
 * invokes an intent; `outbox` is the delivery's, and keeps what earlier
 * attempts sent.
 */
async function invoke(
  decision: Invoke,
  options: HandleOptions,
  state: ConversationState,
  outbox: Outbox,
): Promise<Attempt> {
  outbox.restart();
  const how = decision.understood ? { understood: decision.understood } : {};
  const ctx = contextFor(decision, options, state, outbox);
  try {
    await chainOf(decision, options.bot)(ctx);
  } catch (error) {
    return { ...failed(error, ctx, state), ...how };
  }
  const { intent } = ctx.invocation;
  return { intent, outcome: "ok", replies: ctx.replies, from: outbox.sent, changes: changesOf(ctx, state), ...how };
}

type Unplaced = Extract<Decision, { kind: "choose" | "not_understood" }>;

/**
 * What tier 2 said, carried out: a command goes through the router as if
 * typed (its checks, questions and middleware), an answer is sent as plain
 * text, and nothing leaves tier 1's answer.
 */
async function carryOut(
  further: Further,
  unplaced: Unplaced,
  options: HandleOptions,
  state: ConversationState,
  outbox: Outbox,
): Promise<Attempt> {
  const { bot, update, now } = options;
  const locale = localeFor(bot, update, state);
  const understood = { tier: 2, confidence: 1 } as const;
  switch (further.kind) {
    case "reply":
      return {
        intent: "ai",
        outcome: "ok",
        replies: [{ text: further.text, locale }],
        changes: clearQuestion(state),
        understood: { ...understood, reading: "reply" },
      };
    case "later":
      return {
        intent: "ai",
        outcome: "ok",
        replies: [],
        changes: clearQuestion(state),
        understood: { ...understood, reading: "answer" },
      };
    case "command": {
      const typed = { ...update, command: further.command };
      const decided = await decide(bot, typed, null, now.getTime(), locale);
      const reading = further.command.subcommand
        ? `${further.command.name} ${further.command.subcommand}`
        : further.command.name;
      if (decided.kind === "run" || decided.kind === "ask") {
        const how = { understood: { ...understood, reading } };
        return invoke({ ...decided, ...how }, { ...options, update: typed }, state, outbox);
      }
      // A command the bot does not have, or arguments it cannot take: tier 1's answer stands.
      return answer(unplaced, options, state);
    }
    case "none":
      return answer(unplaced, options, state);
  }
}

/** One attempt; `outbox` is the delivery's, and keeps what earlier attempts sent. */
export async function attempt(options: HandleOptions, state: ConversationState, outbox: Outbox): Promise<Attempt> {
  const { bot, update, now } = options;
  const locale = localeFor(bot, update, state);
  const decided = await decide(bot, update, state.question, now.getTime(), locale);
  if ((decided.kind === "choose" || decided.kind === "not_understood") && options.understandFurther) {
    const hints = decided.readings.map((reading) => ({
      intent: reading.intent.command,
      ...(reading.subcommand ? { subcommand: reading.subcommand.name } : {}),
      confidence: reading.confidence,
    }));
    const band = decided.kind === "choose" ? "ask" : "none";
    const request = { bot, update, text: decided.text, locale, band, hints } as const;
    const further = await options.understandFurther(request).catch((error: unknown): Further => {
      const fields = { bot: update.bot, platform: update.platform, eventId: update.eventId };
      log("error", "understand_further_failed", { ...fields, error: describeError(error) });
      return { kind: "none" };
    });
    return carryOut(further, decided, options, state, outbox);
  }
  if (decided.kind !== "run" && decided.kind !== "ask") return answer(decided, options, state);
  return invoke(decided, options, state, outbox);
}
