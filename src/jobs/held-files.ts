/**
 * Files of held-back replies. A reply waiting on the queue travels in a
 * queue message, which holds 128 KB: bytes a bot made wait in the FILES
 * bucket instead, under the delivery and the reply's index, and come back
 * when the reply is sent. URLs and kept files travel as they are.
 */
import type { Reply } from "../core/reply.ts";
import type { Update } from "../core/update.ts";
import type { HeldReply } from "./job.ts";

function heldKey(update: Pick<Update, "platform" | "bot" | "eventId">, index: number): string {
  return ["held", update.platform, update.bot, update.eventId, String(index)].map(encodeURIComponent).join("/");
}

/** The replies from index `from` on as they go on the queue; their files' bytes go to `bucket`. */
export async function holdFiles(
  replies: readonly Reply[],
  from: number,
  update: Pick<Update, "platform" | "bot" | "eventId">,
  bucket: R2Bucket | undefined,
): Promise<HeldReply[]> {
  const held: HeldReply[] = [];
  for (const [offset, reply] of replies.entries()) {
    const { file, ...rest } = reply;
    if (!file || !("data" in file)) {
      held.push(file ? { ...rest, file } : rest);
      continue;
    }
    if (!bucket) throw new Error("No FILES bucket to hold a file reply in while it waits");
    const key = heldKey(update, from + offset);
    await bucket.put(key, file.data);
    held.push({ ...rest, file: { name: file.name, mime: file.mime, held: key } });
  }
  return held;
}

/** Held replies as they are sent: each held file's bytes back from `bucket`. */
export async function unholdFiles(replies: readonly HeldReply[], bucket: R2Bucket | undefined): Promise<Reply[]> {
  const ready: Reply[] = [];
  for (const reply of replies) {
    const { file, ...rest } = reply;
    if (!file || !("held" in file)) {
      ready.push(file ? { ...rest, file } : rest);
      continue;
    }
    const object = await bucket?.get(file.held);
    if (!object) throw new Error(`The held file ${file.held} is gone`);
    const data = new Uint8Array(await object.arrayBuffer());
    ready.push({ ...rest, file: { name: file.name, mime: file.mime, data } });
  }
  return ready;
}

/** Lets go of the held files of replies that are settled (sent, or given up on). */
export async function dropHeldFiles(replies: readonly HeldReply[], bucket: R2Bucket | undefined): Promise<void> {
  const keys = replies.flatMap((reply) => (reply.file && "held" in reply.file ? [reply.file.held] : []));
  if (keys.length > 0) await bucket?.delete(keys);
}
