/**
 * A handler's replies on their way out. `ctx.reply` queues a reply and hands
 * back a handle at once; the replies go out after the handler returns, as
 * they always have, unless the handler awaits a handle or edits or deletes
 * through one: then everything queued so far is sent at once (a flush), and
 * the handle names the message it became.
 *
 * Replies are counted by their index among the delivery's replies. Those
 * sent by a flush stay sent when the engine runs the handler again after a
 * save conflict: the new run's first replies are taken as the ones already
 * out, so nothing is sent twice.
 */
import type { ReplyOptions } from "./intent.ts";
import type { Reaction } from "./reactions.ts";
import type { Reply, RichText } from "./reply.ts";
import type { Attachment } from "./update.ts";

/** Where one reply's messages went: opaque to the core, read by the adapter that sent them (like `Update.route`). */
export interface SentReply {
  /** The platform's id of the (first) message, where it gave one. */
  readonly id?: string;
  readonly ref: Readonly<Record<string, string>>;
}

/**
 * The message a handle names can no longer be changed: it was deleted
 * meanwhile, or the platform no longer lets the bot change it (too old, or
 * a kind of message it cannot edit). Unhandled, the user gets a short note
 * and what the handler changed is saved.
 */
export class MessageGoneError extends Error {
  override readonly name = "MessageGoneError";
  constructor(detail = "the message is gone") {
    super(detail);
  }
}

/** What the engine may ask of the platform while a handler runs; the webhook makes one for each delivery. */
export interface Messenger {
  /**
   * Sends `replies` now, in order; `from` is the index of `replies[0]` among
   * the delivery's. `onSent` hears of each reply once its messages are out,
   * with where they went (undefined where the platform gave nothing to find
   * them by).
   */
  send(
    replies: readonly Reply[],
    from: number,
    onSent: (index: number, sent: SentReply | undefined) => void,
  ): Promise<void>;
  /** Replaces what a sent reply shows; throws `MessageGoneError` when it cannot. */
  edit(sent: SentReply, reply: Reply): Promise<void>;
  /** Deletes a sent reply's messages; throws `MessageGoneError` when they are gone already. */
  delete(sent: SentReply): Promise<void>;
  /** Reacts to the user's message, where the update has one and the platform has reactions. */
  react(reaction: Reaction): Promise<void>;
  /** A received file's bytes, within the size cap and the download deadline (else `FileError`). */
  download(attachment: Attachment): Promise<Uint8Array>;
}

/** A reply that went out. */
export interface SentMessage {
  /** The platform's id of its (first) message, where the platform gave one. */
  readonly id: string | undefined;
  /** Shows `text` (a file's caption, for a file) and `buttons` instead; a long text is cut to one message. */
  edit(text: RichText, options?: ReplyOptions): Promise<void>;
  delete(): Promise<void>;
}

/** What `ctx.reply` returns: await it to send what is queued and get the message; or edit or delete it directly. */
export interface PendingMessage extends PromiseLike<SentMessage> {
  edit(text: RichText, options?: ReplyOptions): Promise<void>;
  delete(): Promise<void>;
}

/** Makes the reply an edit shows, in the handler's language. */
export type EditReply = (text: RichText, options?: ReplyOptions) => Reply;

export class Outbox {
  /** This attempt's replies, by index. */
  private replies: Reply[] = [];
  /** Where each reply sent so far went, by index; kept across attempts. */
  private readonly delivered: (SentReply | undefined)[] = [];
  private readonly deleted = new Set<number>();
  /** Flushes run one after another. */
  private sending: Promise<void> = Promise.resolve();
  private readonly messenger: Messenger | undefined;

  constructor(messenger: Messenger | undefined) {
    this.messenger = messenger;
  }

  /** The platform, when a delivery is being handled; a handler run without one cannot send before it returns. */
  get platform(): Messenger {
    if (!this.messenger) throw new Error("No platform to send through: replies are sent after the handler");
    return this.messenger;
  }

  /** A fresh attempt: its replies are counted from 0 again, and those already sent stay sent. */
  restart(): void {
    this.replies = [];
  }

  /** The replies not sent yet, in order. */
  get pending(): readonly Reply[] {
    return this.replies.slice(this.delivered.length);
  }

  /** How many replies went out while the handler ran: the index of the first pending one. */
  get sent(): number {
    return this.delivered.length;
  }

  /** Queues `reply`; returns its index. */
  queue(reply: Reply): number {
    return this.replies.push(reply) - 1;
  }

  /** The handle of reply `index`: awaited, it sends that reply and those queued before it. */
  handle(index: number, editReply: EditReply): PendingMessage {
    const message = () => this.message(index, editReply);
    return {
      // biome-ignore lint/suspicious/noThenProperty: the handle is awaited to send what is queued
      then: (onSent, onFailed) => message().then(onSent, onFailed),
      edit: async (text, options) => (await message()).edit(text, options),
      delete: async () => (await message()).delete(),
    };
  }

  /** Sends everything queued that has not gone out yet. */
  private flush(): Promise<void> {
    const run = this.sending
      .catch(() => {})
      .then(async () => {
        const from = this.delivered.length;
        const replies = this.replies.slice(from);
        if (replies.length === 0) return;
        await this.platform.send(replies, from, (index, sent) => {
          this.delivered[index] = sent;
        });
      });
    this.sending = run;
    return run;
  }

  private async message(index: number, editReply: EditReply): Promise<SentMessage> {
    if (index >= this.delivered.length) await this.flush();
    const sent = this.delivered[index];
    return {
      id: sent?.id,
      edit: async (text, options) => {
        if (this.deleted.has(index) || sent === undefined) throw new MessageGoneError("the message cannot be edited");
        await this.platform.edit(sent, editReply(text, options));
      },
      delete: async () => {
        if (this.deleted.has(index)) return;
        if (sent === undefined) throw new MessageGoneError("the message cannot be deleted");
        await this.platform.delete(sent);
        this.deleted.add(index);
      },
    };
  }
}
