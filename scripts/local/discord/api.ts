/**
 * Discord's REST API as the bot uses it, on loopback: the interaction's
 * webhook (its original response and follow-ups, sent, edited and deleted),
 * messages the bot posts, edits and deletes in the channel as itself,
 * reactions, and attachments served where Discord's CDN would serve them.
 * Files come as Discord takes them: multipart, `payload_json` beside
 * `files[n]`. Refusals carry Discord's own codes and messages.
 */

import type { StoredFile } from "../files.ts";
import { parseJson } from "../http.ts";
import type { ApiAnswer, ApiCall } from "../platform.ts";
import type { Session } from "../session.ts";
import { checkBody, type DiscordChannel, EMPTY_MESSAGE, type Interaction, isEmpty } from "./channel.ts";
import { CHANNEL_ID } from "./deliveries.ts";

const WEBHOOK_MESSAGE = /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/([^/]+)$/;
const FOLLOW_UP = /^\/webhooks\/([^/]+)\/([^/]+)$/;
const CHANNEL_MESSAGES = /^\/channels\/([^/]+)\/messages$/;
const CHANNEL_MESSAGE = /^\/channels\/([^/]+)\/messages\/(\d+)$/;
const OWN_REACTION = /^\/channels\/([^/]+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/;
const ATTACHMENT = /^\/attachments\/([^/]+)\/([^/]+)\/([^/]+)$/;

function refuse(status: number, code: number, message: string): ApiAnswer {
  return { status, body: { code, message } };
}

const unknownWebhook = () => refuse(404, 10015, "Unknown Webhook");
const unknownMessage = () => refuse(404, 10008, "Unknown Message");

export interface DiscordApiOptions {
  readonly channel: DiscordChannel;
  readonly session: Session;
  readonly applicationId: string;
  readonly botToken: string;
}

type Body = Exclude<ReturnType<typeof checkBody>, string>;

/** A call's message body and files: JSON, or multipart with `payload_json` and `files[n]`. */
async function messageOf(
  call: ApiCall,
  session: Session,
): Promise<{ body: Body; files: StoredFile[] } | { refusal: ApiAnswer }> {
  const payload = call.form ? call.form.get("payload_json") : call.body;
  const body = checkBody(parseJson(typeof payload === "string" ? payload : ""));
  if (typeof body === "string") return { refusal: refuse(400, 50035, body) };
  const files: StoredFile[] = [];
  for (const [name, value] of call.form ?? []) {
    if (!/^files\[\d+\]$/.test(name) || typeof value === "string") continue;
    const bytes = new Uint8Array(await value.arrayBuffer());
    files.push(session.files.put(value.name, value.type || "application/octet-stream", bytes));
  }
  return { body, files };
}

/** Sends, edits or deletes through an interaction's webhook. */
async function webhookCall(
  call: ApiCall,
  interaction: Interaction,
  messageId: string | undefined,
  options: DiscordApiOptions,
): Promise<ApiAnswer> {
  const { channel } = options;
  // The original response's id is whatever message answered the interaction first.
  const id = messageId === "@original" ? interaction.originalId : messageId;
  if (messageId !== undefined) {
    if (id === undefined || !channel.sentThrough(id, interaction)) return unknownMessage();
    if (call.method === "DELETE") return channel.remove(id) ? { status: 204 } : unknownMessage();
    if (call.method !== "PATCH") return refuse(405, 0, "405: Method Not Allowed");
    const message = await messageOf(call, options.session);
    if ("refusal" in message) return message.refusal;
    return channel.edit(id, message.body, message.files)
      ? { status: 200, body: channel.apiMessage(id) }
      : unknownMessage();
  }
  if (call.method !== "POST") return refuse(405, 0, "405: Method Not Allowed");
  const message = await messageOf(call, options.session);
  if ("refusal" in message) return message.refusal;
  if (isEmpty(message.body, message.files.length)) return refuse(400, 50006, EMPTY_MESSAGE);
  return { status: 200, body: channel.apiMessage(channel.post(message.body, interaction, false, message.files).id) };
}

/** Posts, edits, deletes and reacts in the channel as the bot. */
async function channelCall(call: ApiCall, options: DiscordApiOptions): Promise<ApiAnswer | undefined> {
  const { channel } = options;
  const reaction = OWN_REACTION.exec(call.path);
  const one = CHANNEL_MESSAGE.exec(call.path);
  const all = CHANNEL_MESSAGES.exec(call.path);
  const channelId = (reaction ?? one ?? all)?.[1];
  if (channelId === undefined) return undefined;
  if (call.headers.authorization !== `Bot ${options.botToken}`) return refuse(401, 0, "401: Unauthorized");
  if (channelId !== CHANNEL_ID) return refuse(404, 10003, "Unknown Channel");
  if (reaction && call.method === "PUT") {
    const [, , id = "", emoji = ""] = reaction;
    return channel.react(id, decodeURIComponent(emoji)) ? { status: 204 } : unknownMessage();
  }
  if (one && call.method === "DELETE") return channel.remove(one[2] ?? "") ? { status: 204 } : unknownMessage();
  if (!one && !all) return refuse(405, 0, "405: Method Not Allowed");
  const message = await messageOf(call, options.session);
  if ("refusal" in message) return message.refusal;
  if (one && call.method === "PATCH") {
    const id = one[2] ?? "";
    if (channel.byAda(id)) return refuse(403, 50005, "Cannot edit a message authored by another user");
    return channel.edit(id, message.body, message.files)
      ? { status: 200, body: channel.apiMessage(id) }
      : unknownMessage();
  }
  if (all && call.method === "POST") {
    if (isEmpty(message.body, message.files.length)) return refuse(400, 50006, EMPTY_MESSAGE);
    return { status: 200, body: channel.apiMessage(channel.post(message.body, undefined, false, message.files).id) };
  }
  return refuse(405, 0, "405: Method Not Allowed");
}

/** Answers one call; a call on an interaction waits until that interaction's own answer is in, as on Discord. */
export async function answerCall(call: ApiCall, options: DiscordApiOptions): Promise<ApiAnswer> {
  const { channel } = options;
  const attachment = ATTACHMENT.exec(call.path);
  if (attachment && call.method === "GET") {
    const [, channelId, id = "", name = ""] = attachment;
    const stored = channelId === CHANNEL_ID ? channel.attachment(id, name) : undefined;
    return stored ? { status: 200, body: stored.bytes, contentType: stored.mime } : { status: 404, body: "Not Found" };
  }
  const webhook = WEBHOOK_MESSAGE.exec(call.path) ?? FOLLOW_UP.exec(call.path);
  if (webhook) {
    const [, applicationId, token = "", messageId] = webhook;
    const interaction = channel.interaction(token);
    if (applicationId !== options.applicationId || !interaction) return unknownWebhook();
    await interaction.answered;
    return webhookCall(call, interaction, messageId, options);
  }
  return (await channelCall(call, options)) ?? refuse(404, 0, "404: Not Found");
}
