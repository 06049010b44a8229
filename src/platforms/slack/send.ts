/**
 * Replies on Slack: a message posted through the Web API (as the bot), a
 * response URL (answers to a slash command or a button, even where the bot
 * is not a member) or, shown to one user, an ephemeral message; a file
 * uploaded in Slack's three steps; and edits and deletions of what the bot
 * posted, which Slack finds by channel and `ts` (a file by its id).
 */
import * as z from "zod";
import { replyTexts } from "../../core/i18n.ts";
import { MessageGoneError, type SentReply } from "../../core/outbox.ts";
import type { Reply } from "../../core/reply.ts";
import type { ChatAddress, Update } from "../../core/update.ts";
import type { AdapterEnv } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { outgoing } from "../files.ts";
import { callApi, callApiForm, isSlackResponseUrl, postToResponseUrl } from "./api.ts";
import { renderCaption, renderReply, type SlackMessage } from "./render.ts";
import { readRoute } from "./route.ts";

const UPLOAD_TIMEOUT_MS = 30_000;

/** What every message Parley posts shares: the rendered reply, without link previews unless it wants them. */
export function messageFields(message: SlackMessage) {
  const unfurl = message.unfurl === true;
  return { text: message.text, blocks: message.blocks, unfurl_links: unfurl, unfurl_media: unfurl };
}

/** A private reply (a correction, an apology) is shown to the asking user alone where others would see it. */
export function isHidden(reply: Reply, update: Update): boolean {
  return reply.private === true && update.chat.kind === "group";
}

export function addressOf(update: Update): ChatAddress {
  const { channel, thread, workspace } = readRoute(update);
  return {
    chatId: channel,
    ...(thread === undefined ? {} : { threadId: thread }),
    ...(workspace === undefined ? {} : { workspace }),
  };
}

/** A sent message's ref names its workspace, so that it is edited or deleted with that workspace's token. */
function refIn(address: ChatAddress, ref: Record<string, string>): Record<string, string> {
  return address.workspace === undefined ? ref : { ...ref, workspace: address.workspace };
}

function threadField(threadId: string | undefined): Record<string, string> {
  return threadId === undefined ? {} : { thread_ts: threadId };
}

const Posted = z.object({ channel: z.string(), ts: z.string() });

/** Posts one message as the bot; Slack names it by channel and `ts`. */
async function postMessage(address: ChatAddress, message: SlackMessage, env: AdapterEnv): Promise<SentReply> {
  const answer = await callApi(env, "chat.postMessage", {
    channel: address.chatId,
    ...threadField(address.threadId),
    ...messageFields(message),
  });
  const posted = Posted.safeParse(answer);
  return posted.success
    ? { id: posted.data.ts, ref: refIn(address, { channel: posted.data.channel, ts: posted.data.ts }) }
    : { ref: refIn(address, { channel: address.chatId }) };
}

const UploadTicket = z.object({ upload_url: z.string(), file_id: z.string() });

/**
 * A file in Slack's three steps: an upload URL for its name and length, the
 * bytes to that URL, and the upload completed into the conversation with
 * the caption. Slack names it by its file id.
 */
async function uploadFile(address: ChatAddress, reply: Reply, env: AdapterEnv): Promise<SentReply> {
  if (!reply.file) throw new Error("Not a file reply");
  const file = await outgoing(reply.file, "slack", env);
  const bytes = await file.bytes();
  const answer = await callApiForm(env, "files.getUploadURLExternal", {
    filename: file.name,
    length: String(bytes.byteLength),
  });
  const ticket = UploadTicket.safeParse(answer);
  if (!ticket.success) throw new Error("files.getUploadURLExternal answered without an upload URL");
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: file.mime }), file.name);
  const uploaded = await env.fetch(ticket.data.upload_url, {
    method: "POST",
    body: form,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await uploaded.body?.cancel();
  if (!uploaded.ok) {
    const transient = uploaded.status === 429 || uploaded.status >= 500;
    const init = { platform: "slack", code: uploaded.status, permanent: false, transient };
    throw new PlatformError({ ...init, description: `file upload answered HTTP ${uploaded.status}` });
  }
  const caption = renderCaption(reply, replyTexts(env.bot, reply.locale));
  await callApiForm(env, "files.completeUploadExternal", {
    files: JSON.stringify([{ id: ticket.data.file_id, title: file.name }]),
    channel_id: address.chatId,
    ...threadField(address.threadId),
    ...(caption === "" ? {} : { initial_comment: caption }),
  });
  return { id: ticket.data.file_id, ref: refIn(address, { file: ticket.data.file_id }) };
}

/** Sends one reply where the user will see it; returns where it went, when it can be found again. */
export async function sendReply(
  update: Update,
  reply: Reply,
  env: AdapterEnv,
  editable: boolean,
): Promise<SentReply | undefined> {
  if (reply.file) return uploadFile(addressOf(update), reply, env);
  const message = renderReply(reply, replyTexts(env.bot, reply.locale));
  const hidden = isHidden(reply, update);
  const { channel, thread, responseUrl } = readRoute(update);
  const viaUrl = responseUrl !== undefined && isSlackResponseUrl(responseUrl, env.setting("SLACK_API_BASE"));
  // A new message, not an edit of the one whose button was pressed.
  const toUrl = () =>
    postToResponseUrl(env, responseUrl ?? "", {
      response_type: hidden ? "ephemeral" : "in_channel",
      replace_original: false,
      ...messageFields(message),
    });
  if (viaUrl && (hidden || !editable)) {
    await toUrl();
    return undefined;
  }
  if (hidden) {
    const fields = {
      channel,
      user: update.user.id,
      ...threadField(thread),
      text: message.text,
      blocks: message.blocks,
    };
    await callApi(env, "chat.postEphemeral", fields);
    return undefined;
  }
  try {
    return await postMessage(addressOf(update), message, env);
  } catch (error) {
    // Posted as the bot so that it can be edited, unless the bot may not post there: then as before.
    if (!viaUrl || !(error instanceof PlatformError && error.permanent)) throw error;
    await toUrl();
    return undefined;
  }
}

/** Posts replies to a chat unprompted. */
export async function pushAll(address: ChatAddress, replies: readonly Reply[], env: AdapterEnv): Promise<SentReply[]> {
  const sent: SentReply[] = [];
  for (const reply of replies) {
    sent.push(
      reply.file
        ? await uploadFile(address, reply, env)
        : await postMessage(address, renderReply(reply, replyTexts(env.bot, reply.locale)), env),
    );
  }
  return sent;
}

/** Slack's answers about a message or file that is gone, or can no longer be changed. */
const GONE_ERRORS: ReadonlySet<number | string> = new Set([
  "message_not_found",
  "cant_update_message",
  "cant_delete_message",
  "edit_window_closed",
  "file_not_found",
  "file_deleted",
  "cant_delete_file",
]);

async function changing(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof PlatformError && GONE_ERRORS.has(error.code)) throw new MessageGoneError(error.message);
    throw error;
  }
}

/** Shows `reply` in place of a posted message (`chat.update`); a file's caption cannot be changed on Slack. */
export async function editSent(sent: SentReply, reply: Reply, env: AdapterEnv): Promise<void> {
  const { channel, ts } = sent.ref;
  if (channel === undefined || ts === undefined) throw new MessageGoneError("Slack cannot edit this message");
  const message = renderReply(reply, replyTexts(env.bot, reply.locale));
  await changing(() => callApi(env, "chat.update", { channel, ts, text: message.text, blocks: message.blocks }));
}

/** Deletes a posted message (`chat.delete`) or an uploaded file (`files.delete`). */
export async function deleteSent(sent: SentReply, env: AdapterEnv): Promise<void> {
  const { channel, ts, file } = sent.ref;
  if (file !== undefined) return changing(() => callApi(env, "files.delete", { file }));
  if (channel === undefined || ts === undefined) throw new MessageGoneError("Slack cannot delete this message");
  await changing(() => callApi(env, "chat.delete", { channel, ts }));
}
