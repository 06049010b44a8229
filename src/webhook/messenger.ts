/**
 * What a handler may ask of the platform while it runs (src/core/outbox.ts):
 * send what it queued when it awaits a reply, edit and delete what went out,
 * react, and fetch the user's files within the size cap and the download
 * deadline. Sending before the handler returns ends the wait for an inline
 * answer: the webhook answers with its acknowledgement first (Discord's
 * "thinking…", Slack's empty 200), and the messages follow through the API.
 */
import { FileError } from "../core/files.ts";
import type { Messenger, SentReply } from "../core/outbox.ts";
import type { Reaction } from "../core/reactions.ts";
import type { Reply } from "../core/reply.ts";
import { realTimer, type Timer, within } from "../core/timer.ts";
import type { Attachment } from "../core/update.ts";
import { SEND_BUDGET_MS } from "../jobs/failure.ts";
import { readFileBody } from "../platforms/files.ts";
import type { Delivery } from "./delivery.ts";

/** How long fetching one received file may take, from asking the platform to the last byte. */
export const DOWNLOAD_DEADLINE_MS = 20_000;

const TIMED_OUT = Symbol("timed out");

/** A promise and the function that settles it. */
function signal(): { readonly promise: Promise<void>; readonly settle: () => void } {
  let settle = () => {};
  const promise = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

export class DeliveryMessenger implements Messenger {
  private readonly delivery: Delivery;
  private readonly timer: Timer;
  private readonly flushed = signal();
  private readonly answer = signal();

  constructor(delivery: Delivery, timer: Timer = realTimer) {
    this.delivery = delivery;
    this.timer = timer;
  }

  /** Settles when the handler first sends: from then on the webhook's answer can only be the acknowledgement. */
  get sending(): Promise<void> {
    return this.flushed.promise;
  }

  /** The webhook has its answer: messages may go out now, after it. */
  answered(): void {
    this.answer.settle();
  }

  async send(
    replies: readonly Reply[],
    from: number,
    onSent: (index: number, sent: SentReply | undefined) => void,
  ): Promise<void> {
    this.flushed.settle();
    await this.answer.promise;
    const { adapter, update, env } = this.delivery;
    const budget = { ...env, deadline: Date.now() + SEND_BUDGET_MS };
    await adapter.respond(update, replies, budget, { from, onSent, editable: true });
  }

  edit(sent: SentReply, reply: Reply): Promise<void> {
    return this.delivery.adapter.edit(sent, reply, this.delivery.env);
  }

  delete(sent: SentReply): Promise<void> {
    return this.delivery.adapter.delete(sent, this.delivery.env);
  }

  async react(reaction: Reaction): Promise<void> {
    const { adapter, update, env } = this.delivery;
    await adapter.react?.(update, reaction, env);
  }

  async download(attachment: Attachment): Promise<Uint8Array> {
    const { adapter, env } = this.delivery;
    const max = env.maxFileBytes;
    if ((attachment.size ?? 0) > max) throw new FileError("too_big", max);
    const abort = new AbortController();
    const work = adapter
      .download(attachment, env, abort.signal)
      .then((response) => readFileBody(response, max))
      .catch((error: unknown) => {
        throw error instanceof FileError ? error : new FileError("failed");
      });
    const bytes = await within(work, DOWNLOAD_DEADLINE_MS, TIMED_OUT, this.timer);
    if (bytes !== TIMED_OUT) return bytes;
    abort.abort();
    work.catch(() => {});
    throw new FileError("timeout");
  }
}
