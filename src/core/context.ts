/**
 * The handler context as the engine makes it: what a handler left in it
 * (replies, a question) is what the engine saves and sends.
 */
import { emptyRecord } from "../lib/own.ts";
import { type ArgMap, type PendingQuestion, pendingQuestion, pickValue } from "./dialog.ts";
import type { FileReply, FileShelf, ReceivedFile } from "./files.ts";
import { type RichMessageArgs, type Translate, translate } from "./i18n.ts";
import type { AskOptions, Bot, Context, Invocation, ReplyOptions, UserRecord, Variables } from "./intent.ts";
import { resolveLocale } from "./locale.ts";
import type { Outbox, PendingMessage } from "./outbox.ts";
import type { Reaction } from "./reactions.ts";
import { fitsButton, MAX_CHOICES, MAX_FORM_FIELDS, type Reply, type RichText } from "./reply.ts";
import type { ScheduleDraft } from "./schedule.ts";
import type { Services } from "./services.ts";
import type { Attachment, Update } from "./update.ts";

function isFileReply(content: RichText | FileReply): content is FileReply {
  return typeof content === "object" && !Array.isArray(content) && "file" in content;
}

export class HandlerContext implements Context {
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
  readonly files: FileShelf;
  /** The replies on their way out: those sent while the handler ran, and those still queued. */
  readonly outbox: Outbox;

  constructor(
    init: Pick<
      HandlerContext,
      "bot" | "update" | "invocation" | "user" | "now" | "services" | "schedule" | "files" | "outbox"
    >,
  ) {
    this.bot = init.bot;
    this.update = init.update;
    this.invocation = init.invocation;
    this.user = init.user;
    this.now = init.now;
    this.services = init.services;
    this.schedule = init.schedule;
    this.files = init.files;
    this.outbox = init.outbox;
  }

  /** The arguments (without a prototype, as parsed), with the files of `file` arguments ready to download. */
  get args(): ArgMap {
    const args = emptyRecord<ArgMap[string]>();
    for (const [name, value] of Object.entries(this.invocation.args)) {
      args[name] = typeof value === "object" ? this.received(value) : value;
    }
    return args;
  }

  get attachments(): readonly ReceivedFile[] {
    return (this.update.attachments ?? []).map((attachment) => this.received(attachment));
  }

  /** The replies not sent yet, in order. */
  get replies(): readonly Reply[] {
    return this.outbox.pending;
  }

  /** Follows `user.locale`, so that the answer to `/language de` is already German. */
  get locale(): string {
    return resolveLocale(this.bot, this.user.locale, this.update.locale);
  }

  readonly t = ((id: string, args?: RichMessageArgs) => translate(this.bot, this.locale, id, args ?? {})) as Translate;

  /** Each reply is written in the language of the moment it was made. */
  reply(content: RichText | FileReply, options?: ReplyOptions): PendingMessage {
    const buttons = {
      ...(options?.buttons ? { buttons: options.buttons } : {}),
      ...(options?.choices?.length ? { choices: options.choices.slice(0, MAX_CHOICES) } : {}),
    };
    const shown = options?.private ? { ...buttons, private: true } : buttons;
    const reply: Reply = isFileReply(content)
      ? { text: content.caption ?? "", file: content.file, ...shown, locale: this.locale }
      : { text: content, ...shown, locale: this.locale };
    return this.outbox.handle(this.outbox.queue(reply), (text, edit) => ({
      text,
      ...(edit?.buttons ? { buttons: edit.buttons } : {}),
      locale: this.locale,
    }));
  }

  /**
   * Each choice is offered as a pick of this question, so that a pick from
   * an older list is told apart; one whose pick would not fit a button's
   * value is left out.
   */
  ask(question: RichText, options: AskOptions): void {
    const asked = pendingQuestion(this.invocation, options.arg, this.now);
    const offered = (options.choices ?? [])
      .map((choice) => ({ label: choice.label, value: choice.value, pick: pickValue(asked, choice.value) }))
      .filter((choice) => fitsButton(choice.pick))
      .slice(0, MAX_CHOICES);
    const fields = [options.arg, ...(options.together ?? [])].slice(0, MAX_FORM_FIELDS);
    const form = fields.length > 1 && offered.length === 0 && !options.buttons ? fields : undefined;
    const { intent, subcommand } = this.invocation;
    const reply = {
      text: question,
      asks: true,
      ...(options.buttons ? { buttons: options.buttons } : {}),
      ...(offered.length > 0 ? { choices: offered.map(({ label, pick }) => ({ label, value: pick })) } : {}),
      ...(form ? { form: { id: asked.id, intent, ...(subcommand ? { subcommand } : {}), fields: form } } : {}),
      locale: this.locale,
    };
    this.outbox.queue(reply);
    if (offered.length > 0) this.question = { ...asked, choices: offered.map((choice) => choice.value) };
    else this.question = form ? { ...asked, form } : asked;
  }

  forgetUser(): void {
    this.forgotten = true;
  }

  async react(reaction: Reaction): Promise<void> {
    await this.outbox.platform.react(reaction);
  }

  set<Key extends keyof Variables>(key: Key, value: Variables[Key]): void {
    this.variables.set(key, value);
  }

  get<Key extends keyof Variables>(key: Key): Variables[Key] | undefined {
    return this.variables.get(key) as Variables[Key] | undefined;
  }

  private received(attachment: Attachment): ReceivedFile {
    return { ...attachment, download: async () => this.outbox.platform.download(attachment) };
  }
}
