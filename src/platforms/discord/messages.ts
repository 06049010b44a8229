/**
 * Discord messages the bot sent, and what it can do with them: a reply
 * made ready to send (its file uploaded as an attachment), the ids Discord
 * answered with, and edits and deletions, through the interaction's webhook
 * (for its first fifteen minutes) or the channel (messages posted as the bot).
 */
import * as z from "zod";
import { replyTexts } from "../../core/i18n.ts";
import { MessageGoneError, type SentReply } from "../../core/outbox.ts";
import type { Reaction } from "../../core/reactions.ts";
import type { Reply } from "../../core/reply.ts";
import type { AdapterEnv } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { outgoing } from "../files.ts";
import type { DiscordApi, DiscordUpload } from "./api.ts";
import { type DiscordMessage, messageBody, renderReply } from "./render.ts";
import { RESTJSONErrorCodes, Routes } from "./wire.ts";

/** One message of a reply, with the file it carries. */
export interface Prepared {
  readonly message: DiscordMessage;
  readonly file?: DiscordUpload;
}

/** A reply as the messages to send: its text in parts, or one message with its file and the caption. */
export async function prepare(reply: Reply, env: AdapterEnv): Promise<Prepared[]> {
  const messages = renderReply(reply, replyTexts(env.bot, reply.locale));
  if (!reply.file) return messages.map((message) => ({ message }));
  const file = await outgoing(reply.file, "discord", env);
  const upload = { name: file.name, mime: file.mime, data: await file.bytes() };
  return messages.slice(0, 1).map((message) => ({ message, file: upload }));
}

/** The body of one prepared message. */
export function bodyOf(prepared: Prepared, ephemeral: boolean) {
  return messageBody(prepared.message, ephemeral, prepared.file?.name);
}

const Created = z.object({ id: z.string() });

/** The id of the message Discord answered with. */
export function idOf(answer: unknown): string | undefined {
  const parsed = Created.safeParse(answer);
  return parsed.success ? parsed.data.id : undefined;
}

/** The interaction's original response, where Discord's answer named no id. */
export const ORIGINAL = "@original";

/** Where a reply's messages are: the interaction's webhook, or a channel. */
export function sentVia(where: Readonly<Record<string, string>>, ids: readonly string[]): SentReply {
  return { ...(ids[0] === undefined ? {} : { id: ids[0] }), ref: { ...where, messages: ids.join(",") } };
}

/** The path of each of a sent reply's messages. */
function pathsOf(sent: SentReply): string[] {
  const { applicationId, token, channelId, messages = "" } = sent.ref;
  return messages
    .split(",")
    .filter(Boolean)
    .map((id) => {
      if (channelId !== undefined) return Routes.channelMessage(channelId, id);
      return id === ORIGINAL
        ? Routes.webhookMessage(applicationId ?? "", token ?? "")
        : Routes.webhookMessageById(applicationId ?? "", token ?? "", id);
    });
}

/** Messages that are gone, webhooks whose interaction has expired: nothing left to change. */
const GONE_CODES: ReadonlySet<number | string> = new Set([
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.InvalidWebhookToken,
]);

async function changing(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof PlatformError && GONE_CODES.has(error.code)) throw new MessageGoneError(error.message);
    throw error;
  }
}

/** Shows `reply` in place of a sent one: its first message takes the text (cut to one message), the rest go. */
export async function editSent(api: DiscordApi, sent: SentReply, reply: Reply, env: AdapterEnv): Promise<void> {
  const [first, ...rest] = pathsOf(sent);
  if (first === undefined) throw new MessageGoneError();
  const [message] = renderReply(reply, replyTexts(env.bot, reply.locale), 1);
  // Without `flags`, which an edit may not change, and `attachments`, so that a file stays.
  const body = message && { content: message.content, components: message.components, allowed_mentions: { parse: [] } };
  if (body) await changing(() => api.request("PATCH", first, body));
  for (const path of rest) await changing(() => api.request("DELETE", path));
}

export async function deleteSent(api: DiscordApi, sent: SentReply): Promise<void> {
  for (const path of pathsOf(sent)) await changing(() => api.request("DELETE", path));
}

/** Reacts to a user's message. */
export async function reactTo(
  api: DiscordApi,
  channelId: string,
  messageId: string,
  reaction: Reaction,
): Promise<void> {
  await api.request("PUT", Routes.ownReaction(channelId, messageId, reaction));
}
