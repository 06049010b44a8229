/**
 * The handler context: everything an intent sees and does. It carries the
 * update, the parsed arguments, the user's stored data and short verbs
 * (`reply`, `ask`); the engine persists and sends what the handler left here.
 */
import { type ArgMap, type PendingQuestion, QUESTION_TTL_MS } from "./dialog.ts";
import type { Bot } from "./intent.ts";
import type { JsonObject } from "./json.ts";
import type { Button, Reply, RichText } from "./reply.ts";
import type { Schedule, ScheduleDraft } from "./schedule.ts";
import type { Services } from "./services.ts";
import type { Update } from "./update.ts";

export interface ReplyOptions {
  readonly buttons?: readonly (readonly Button[])[];
}

export interface AskOptions extends ReplyOptions {
  /** The argument of the current intent that the answer fills. */
  readonly arg: string;
}

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  /** Kept per user (per bot and platform) in D1; change it and it is saved with the reply. */
  data: JsonObject;
}

export interface Context<Args = ArgMap> {
  readonly bot: Bot;
  readonly update: Update;
  readonly args: Args;
  readonly user: UserRecord;
  /** When the update is handled; use it instead of the clock so handlers stay testable. */
  readonly now: Date;
  readonly services: Services;
  /** Digest subscriptions and reminders of this user in this chat. */
  readonly schedule: Schedule;
  /** Queues a message to the chat the update came from. */
  reply(text: RichText, options?: ReplyOptions): void;
  /**
   * Asks a question; the same user's next message in this chat fills `arg`
   * and runs this intent again with the arguments gathered so far.
   */
  ask(question: RichText, options: AskOptions): void;
}

/** The invocation the context was made for, so that `ask` can resume it. */
export interface Invocation {
  readonly intent: string;
  readonly subcommand?: string;
  readonly args: ArgMap;
}

export class HandlerContext implements Context {
  readonly replies: Reply[] = [];
  /** The question left by the handler, if it asked one. */
  question: PendingQuestion | null = null;

  readonly bot: Bot;
  readonly update: Update;
  readonly invocation: Invocation;
  readonly user: UserRecord;
  readonly now: Date;
  readonly services: Services;
  readonly schedule: ScheduleDraft;

  constructor(init: Pick<HandlerContext, "bot" | "update" | "invocation" | "user" | "now" | "services" | "schedule">) {
    this.bot = init.bot;
    this.update = init.update;
    this.invocation = init.invocation;
    this.user = init.user;
    this.now = init.now;
    this.services = init.services;
    this.schedule = init.schedule;
  }

  get args(): ArgMap {
    return this.invocation.args;
  }

  reply(text: RichText, options?: ReplyOptions): void {
    this.replies.push(options?.buttons ? { text, buttons: options.buttons } : { text });
  }

  ask(question: RichText, options: AskOptions): void {
    this.replies.push({ text: question, asks: true, ...(options.buttons ? { buttons: options.buttons } : {}) });
    this.question = {
      intent: this.invocation.intent,
      ...(this.invocation.subcommand === undefined ? {} : { subcommand: this.invocation.subcommand }),
      args: this.invocation.args,
      awaiting: options.arg,
      expiresAt: this.now.getTime() + QUESTION_TTL_MS,
    };
  }
}
