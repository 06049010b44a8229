/**
 * The Slack adapter: signed requests on one URL (events, slash commands,
 * buttons), Block Kit replies through the Web API or a response URL, and a
 * slash command answered in its own webhook response when the handler is
 * quick enough.
 */
import { replyTexts } from "../../core/i18n.ts";
import type { Reply } from "../../core/reply.ts";
import type { ChatAddress, Update } from "../../core/update.ts";
import type { AdapterEnv, PlatformAdapter } from "../adapter.ts";
import { callApi, isSlackResponseUrl, postToResponseUrl, SIGNING_SECRET, TOKEN } from "./api.ts";
import { withUserLocale } from "./locale.ts";
import { parseDelivery, readRoute } from "./parse.ts";
import { renderReply, type SlackMessage } from "./render.ts";
import { verifySlackSignature } from "./verify.ts";

/**
 * Slack shows an error when it has no answer within 3 seconds. Verification,
 * the D1 claim and the way back take part of that; a handler that needs
 * longer than this is acknowledged and answered through the response URL.
 */
export const INLINE_BUDGET_MS = 1500;

/** A response URL takes messages for 30 minutes; the last one is left for the sending itself. */
export const RESPONSE_URL_WINDOW_MS = 29 * 60_000;

/** What every message Parley posts shares: the rendered reply, without link previews (as on Telegram). */
function messageFields(message: SlackMessage) {
  return { text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false };
}

/** A private reply (a correction, an apology) is shown to the asking user alone where others would see it. */
function isHidden(reply: Reply, update: Update): boolean {
  return reply.private === true && update.chat.kind === "group";
}

function addressOf(update: Update): ChatAddress {
  const { channel, thread } = readRoute(update);
  return thread === undefined ? { chatId: channel } : { chatId: channel, threadId: thread };
}

function threadField(threadId: string | undefined) {
  return threadId === undefined ? {} : { thread_ts: threadId };
}

async function post(address: ChatAddress, messages: readonly SlackMessage[], env: AdapterEnv): Promise<void> {
  for (const message of messages) {
    await callApi(env, "chat.postMessage", {
      channel: address.chatId,
      ...threadField(address.threadId),
      ...messageFields(message),
    });
  }
}

/**
 * How one reply's messages reach the conversation the update came from: the
 * response URL when it is Slack's, otherwise the Web API.
 */
function sender(update: Update, hidden: boolean, env: AdapterEnv): (message: SlackMessage) => Promise<void> {
  const { channel, thread, responseUrl } = readRoute(update);
  if (responseUrl !== undefined && isSlackResponseUrl(responseUrl, env.setting("SLACK_API_BASE"))) {
    // A new message, not an edit of the one whose button was pressed.
    return (message) =>
      postToResponseUrl(env, responseUrl, {
        response_type: hidden ? "ephemeral" : "in_channel",
        replace_original: false,
        ...messageFields(message),
      });
  }
  if (hidden) {
    return (message) =>
      callApi(env, "chat.postEphemeral", {
        channel,
        user: update.user.id,
        ...threadField(thread),
        text: message.text,
        blocks: message.blocks,
      });
  }
  return (message) => post(addressOf(update), [message], env);
}

const respond: PlatformAdapter["respond"] = async (update, replies, env, options = {}) => {
  const from = options.from ?? 0;
  for (const [offset, reply] of replies.entries()) {
    const send = sender(update, isHidden(reply, update), env);
    await send(renderReply(reply, replyTexts(env.bot, reply.locale)));
    options.onSent?.(from + offset);
  }
};

/**
 * A slash command's answer in the webhook response itself, when it is one
 * reply. Anything else (several replies, a reply that fails to render) goes
 * through `respond`, where a failure is logged with the update.
 */
function respondInline(update: Update, replies: readonly Reply[], env: AdapterEnv): Response | undefined {
  const [reply, ...others] = replies;
  if (readRoute(update).source !== "command" || reply === undefined || others.length > 0) return undefined;
  try {
    const message = renderReply(reply, replyTexts(env.bot, reply.locale));
    const responseType = isHidden(reply, update) ? "ephemeral" : "in_channel";
    return Response.json({ response_type: responseType, ...messageFields(message) });
  } catch {
    return undefined;
  }
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
  push: (address, replies, env) =>
    post(
      address,
      replies.map((reply) => renderReply(reply, replyTexts(env.bot, reply.locale))),
      env,
    ),
  // About one message a second per channel; Slack publishes no higher figure for an app as a whole.
  pace: { rateSetting: "SLACK_SEND_RATE", defaultRate: 1, chatSpacingMs: () => 1000 },
};
