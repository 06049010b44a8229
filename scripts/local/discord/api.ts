/**
 * Discord's REST API as the bot uses it, on loopback: editing and deleting
 * an interaction's original response, follow-up messages, and messages the
 * bot posts to the channel unprompted (scheduled digests and reminders).
 * Refusals carry Discord's own codes and messages.
 */

import { parseJson } from "../http.ts";
import type { ApiAnswer, ApiCall } from "../platform.ts";
import { checkBody, type DiscordChannel } from "./channel.ts";
import { CHANNEL_ID } from "./deliveries.ts";

const ORIGINAL = /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/@original$/;
const FOLLOW_UP = /^\/webhooks\/([^/]+)\/([^/]+)$/;
const CHANNEL_MESSAGES = /^\/channels\/([^/]+)\/messages$/;

function refuse(status: number, code: number, message: string): ApiAnswer {
  return { status, body: { code, message } };
}

const unknownWebhook = () => refuse(404, 10015, "Unknown Webhook");

export interface DiscordApiOptions {
  readonly channel: DiscordChannel;
  readonly applicationId: string;
  readonly botToken: string;
}

/** Answers one call; a call on an interaction waits until that interaction's own answer is in, as on Discord. */
export async function answerCall(call: ApiCall, options: DiscordApiOptions): Promise<ApiAnswer> {
  const { channel } = options;
  const webhook = ORIGINAL.exec(call.path) ?? FOLLOW_UP.exec(call.path);
  if (webhook) {
    const [path, applicationId, token = ""] = webhook;
    const interaction = channel.interaction(token);
    if (applicationId !== options.applicationId || !interaction) return unknownWebhook();
    await interaction.answered;
    const original = path.endsWith("@original");
    if (original && call.method === "DELETE") {
      return interaction.originalId && channel.remove(interaction.originalId)
        ? { status: 204 }
        : refuse(404, 10008, "Unknown Message");
    }
    const body = checkBody(parseJson(call.body));
    if (typeof body === "string") return refuse(400, 50035, body);
    if (original && call.method === "PATCH") {
      return interaction.originalId && channel.edit(interaction.originalId, body)
        ? { status: 200, body: channel.apiMessage(interaction.originalId) }
        : refuse(404, 10008, "Unknown Message");
    }
    if (!original && call.method === "POST") {
      return { status: 200, body: channel.apiMessage(channel.post(body, interaction).id) };
    }
    return refuse(405, 0, "405: Method Not Allowed");
  }
  const channelCall = CHANNEL_MESSAGES.exec(call.path);
  if (channelCall && call.method === "POST") {
    if (call.headers.authorization !== `Bot ${options.botToken}`) return refuse(401, 0, "401: Unauthorized");
    if (channelCall[1] !== CHANNEL_ID) return refuse(404, 10003, "Unknown Channel");
    const body = checkBody(parseJson(call.body));
    if (typeof body === "string") return refuse(400, 50035, body);
    return { status: 200, body: channel.apiMessage(channel.post(body).id) };
  }
  return refuse(404, 0, "404: Not Found");
}
