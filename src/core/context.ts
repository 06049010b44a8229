/**
 * The handler context as the engine makes it: what a handler left in it
 * (replies, a question) is what the engine saves and sends.
 */
import { type ArgMap, type PendingQuestion, pendingQuestion } from "./dialog.ts";
import { type RichMessageArgs, type Translate, translate } from "./i18n.ts";
import type { AskOptions, Bot, Context, Invocation, ReplyOptions, UserRecord, Variables } from "./intent.ts";
import { resolveLocale } from "./locale.ts";
import type { Reply, RichText } from "./reply.ts";
import type { ScheduleDraft } from "./schedule.ts";
import type { Services } from "./services.ts";
import type { Update } from "./update.ts";

export class HandlerContext implements Context {
  readonly replies: Reply[] = [];
  /** The question left by the handler, if it asked one. */
  question: PendingQuestion | null = null;
  /** The handler asked for everything kept about the user to be erased (`forgetUser`). */
  forgotten = false;
  /** What middleware `set` for the handler; made afresh for each attempt. */
  private readonly variables = new Map<PropertyKey, unknown>();

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

  /** Follows `user.locale`, so that the answer to `/language de` is already German. */
  get locale(): string {
    return resolveLocale(this.bot, this.user.locale, this.update.locale);
  }

  readonly t = ((id: string, args?: RichMessageArgs) => translate(this.bot, this.locale, id, args ?? {})) as Translate;

  /** Each reply is written in the language of the moment it was made. */
  reply(text: RichText, options?: ReplyOptions): void {
    this.replies.push({ text, ...(options?.buttons ? { buttons: options.buttons } : {}), locale: this.locale });
  }

  ask(question: RichText, options: AskOptions): void {
    this.replies.push({
      text: question,
      asks: true,
      ...(options.buttons ? { buttons: options.buttons } : {}),
      locale: this.locale,
    });
    this.question = pendingQuestion(this.invocation, options.arg, this.now);
  }

  forgetUser(): void {
    this.forgotten = true;
  }

  set<Key extends keyof Variables>(key: Key, value: Variables[Key]): void {
    this.variables.set(key, value);
  }

  get<Key extends keyof Variables>(key: Key): Variables[Key] | undefined {
    return this.variables.get(key) as Variables[Key] | undefined;
  }
}
