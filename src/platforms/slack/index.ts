/**
 * The Slack adapter: signed requests on one URL (events, slash commands,
 * buttons), Block Kit replies through the Web API or a response URL, and a
 * slash command answered in its own webhook response when the handler is
 * quick enough.
 */
import { FileError } from "../../core/files.ts";
import { replyTexts } from "../../core/i18n.ts";
import { REACTIONS, type Reaction } from "../../core/reactions.ts";
import type { Reply } from "../../core/reply.ts";
import type { Attachment, Update } from "../../core/update.ts";
import type { AdapterEnv, PlatformAdapter } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { authorization, callApi, isSlackFileUrl, SIGNING_SECRET, TOKEN } from "./api.ts";
import { withUserLocale } from "./locale.ts";
import { isDirect, parseDelivery, readRoute } from "./parse.ts";
import { renderReply } from "./render.ts";
import { slackChatRights } from "./rights.ts";
import { addressOf, deleteSent, editSent, isHidden, messageFields, pushAll, sendReply } from "./send.ts";
import { verifySlackSignature } from "./verify.ts";

/**
 * Slack shows an error when it has no answer within 3 seconds. Verification,
 * the D1 claim and the way back take part of that; a handler that needs
 * longer than this is acknowledged and answered through the response URL.
 */
export const INLINE_BUDGET_MS = 1500;

/** A response URL takes messages for 30 minutes; the last one is left for the sending itself. */
export const RESPONSE_URL_WINDOW_MS = 29 * 60_000;

const respond: PlatformAdapter["respond"] = async (update, replies, env, options = {}) => {
  const from = options.from ?? 0;
  for (const [offset, reply] of replies.entries()) {
    const sent = await sendReply(update, reply, env, options.editable === true);
    options.onSent?.(from + offset, sent);
  }
};

/**
 * A slash command's answer in the webhook response itself, when it is one
 * text reply. Anything else (several replies, a file, a reply that fails to
 * render) goes through `respond`, where a failure is logged with the update.
 */
function respondInline(update: Update, replies: readonly Reply[], env: AdapterEnv): Response | undefined {
  const [reply, ...others] = replies;
  if (readRoute(update).source !== "command" || reply === undefined || reply.file || others.length > 0) {
    return undefined;
  }
  try {
    const message = renderReply(reply, replyTexts(env.bot, reply.locale));
    const responseType = isHidden(reply, update) ? "ephemeral" : "in_channel";
    return Response.json({ response_type: responseType, ...messageFields(message) });
  } catch {
    return undefined;
  }
}

/** Reacts to the user's own message (an event's); a slash command or a button has none. */
async function react(update: Update, reaction: Reaction, env: AdapterEnv): Promise<void> {
  const { channel, ts } = readRoute(update);
  if (ts === undefined) return;
  try {
    await callApi(env, "reactions.add", { channel, timestamp: ts, name: REACTIONS[reaction] });
  } catch (error) {
    // The same reaction twice (a handler run again) is already there.
    if (!(error instanceof PlatformError && error.code === "already_reacted")) throw error;
  }
}

/** A direct message in a thread is an assistant thread (Slack's AI apps), which can show what the bot is doing. */
function inAssistantThread(update: Update): boolean {
  const { source, channel, thread } = readRoute(update);
  return source === "event" && isDirect(channel) && thread !== undefined;
}

async function showStatus(update: Update, env: AdapterEnv): Promise<void> {
  const { channel, thread } = readRoute(update);
  await callApi(env, "assistant.threads.setStatus", { channel_id: channel, thread_ts: thread, status: "is typing…" });
}

/** A shared file, fetched with the bot token from Slack's file host alone. */
async function download(attachment: Attachment, env: AdapterEnv, signal: AbortSignal): Promise<Response> {
  const { url = "" } = attachment.ref;
  if (!isSlackFileUrl(url, env.setting("SLACK_API_BASE"))) throw new FileError("failed");
  return env.fetch(url, { headers: authorization(env), signal });
}

export const slack: PlatformAdapter = {
  name: "slack",
  requiredSecrets: [SIGNING_SECRET, TOKEN],
  verify: (request, body, env) => verifySlackSignature(request, body, env.secret(SIGNING_SECRET) ?? ""),
  parse: async (request, body, env) => withUserLocale(parseDelivery(request, body, env.bot.name), env),
  // Events and button presses want an empty 200; a slash command's empty 200 shows nothing until the answer.
  ack: () => new Response(null, { status: 200 }),
  inline: {
    budgetMs: INLINE_BUDGET_MS,
    // Events have no response body to carry an answer: only slash commands wait for one.
    accepts: (update) => readRoute(update).source === "command",
    respond: respondInline,
  },
  respond,
  // Events are answered with the bot token, for as long as the bot is in the channel.
  respondWindowMs: (update) => (readRoute(update).responseUrl === undefined ? undefined : RESPONSE_URL_WINDOW_MS),
  addressOf,
  chatRights: (update, env) => slackChatRights(update.user.id, env),
  push: pushAll,
  edit: editSent,
  delete: deleteSent,
  react,
  // Shown once: it lasts until the bot's answer arrives in the thread.
  working: { accepts: inAssistantThread, show: showStatus },
  download,
  // About one message a second per channel; Slack publishes no higher figure for an app as a whole.
  pace: { rateSetting: "SLACK_SEND_RATE", defaultRate: 1, chatSpacingMs: () => 1000 },
};
