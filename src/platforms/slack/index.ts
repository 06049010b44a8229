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
import { describeError, log } from "../../log.ts";
import type { AdapterEnv, Parsed, PlatformAdapter } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { authorization, CLIENT_ID, callApi, isSlackFileUrl, SIGNING_SECRET, TOKEN } from "./api.ts";
import { formErrors, openForm, opensForm } from "./form.ts";
import { withUserLocale } from "./locale.ts";
import { isDirect, parseDelivery } from "./parse.ts";
import { renderReply } from "./render.ts";
import { slackChatRights } from "./rights.ts";
import { readRoute } from "./route.ts";
import { addressOf, deleteSent, editSent, isHidden, messageFields, pushAll, sendReply } from "./send.ts";
import { verifySlackSignature } from "./verify.ts";
import { forgetToken, inWorkspace } from "./workspace.ts";

/**
 * Slack shows an error when it has no answer within 3 seconds. Verification,
 * the D1 claim and the way back take part of that; a handler that needs
 * longer than this is acknowledged and answered through the response URL.
 */
export const INLINE_BUDGET_MS = 1500;

/** A response URL takes messages for 30 minutes; the last one is left for the sending itself. */
const RESPONSE_URL_WINDOW_MS = 29 * 60_000;

const respond: PlatformAdapter["respond"] = async (update, replies, appEnv, options = {}) => {
  const env = await inWorkspace(appEnv, readRoute(update).workspace);
  const from = options.from ?? 0;
  for (const [offset, reply] of replies.entries()) {
    // A form opens once, with the trigger, which lasts seconds: a question picked up later is a message.
    const formed = offset === 0 && from === 0 && opensForm(update, reply) && (await openForm(update, reply, env));
    const sent = formed ? undefined : await sendReply(update, reply, env, options.editable === true);
    options.onSent?.(from + offset, sent);
  }
};

/**
 * A slash command's answer in the webhook response itself, when it is one
 * text reply. Anything else (several replies, a file, a reply that fails to
 * render) goes through `respond`, where a failure is logged with the update.
 */
function respondInline(update: Update, replies: readonly Reply[], env: AdapterEnv): Response | undefined {
  if (readRoute(update).source === "view") return formErrors(update, replies);
  const [reply, ...others] = replies;
  if (readRoute(update).source !== "command" || reply === undefined || reply.file || others.length > 0) {
    return undefined;
  }
  // A form opens with the command's trigger, which only `respond` can use.
  if (opensForm(update, reply)) return undefined;
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
  const { channel, ts, workspace } = readRoute(update);
  if (ts === undefined) return;
  try {
    await callApi(await inWorkspace(env, workspace), "reactions.add", {
      channel,
      timestamp: ts,
      name: REACTIONS[reaction],
    });
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
  const { channel, thread, workspace } = readRoute(update);
  await callApi(await inWorkspace(env, workspace), "assistant.threads.setStatus", {
    channel_id: channel,
    thread_ts: thread,
    status: "is typing…",
  });
}

/** A shared file, fetched with the bot token from Slack's file host alone. */
async function download(attachment: Attachment, env: AdapterEnv, signal: AbortSignal): Promise<Response> {
  const { url = "", workspace } = attachment.ref;
  if (!isSlackFileUrl(url, env.setting("SLACK_API_BASE"))) throw new FileError("failed");
  return env.fetch(url, { headers: authorization(await inWorkspace(env, workspace)), signal });
}

/**
 * A verified delivery, read with the token of the workspace it came from.
 * One from a workspace the bot has no token for, and the end of an
 * installation, are answered 200 and go no further.
 */
async function parse(request: Request, body: string, env: AdapterEnv): Promise<Parsed> {
  const parsed = parseDelivery(request, body, env.bot);
  if (parsed.kind === "uninstalled") {
    await env.installations?.remove(parsed.workspace, Date.now());
    forgetToken(env, parsed.workspace);
    log("info", "slack_uninstalled", { bot: env.bot.name, workspace: parsed.workspace });
    return { kind: "answer", response: new Response(null, { status: 200 }) };
  }
  if (parsed.kind !== "update") return parsed;
  const { workspace } = readRoute(parsed.update);
  let scoped: AdapterEnv;
  try {
    scoped = await inWorkspace(env, workspace);
  } catch (error) {
    log("error", "slack_not_installed", { bot: env.bot.name, workspace, error: describeError(error) });
    return { kind: "answer", response: new Response(null, { status: 200 }) };
  }
  return withUserLocale(parsed, scoped);
}

export const slack: PlatformAdapter = {
  name: "slack",
  // One workspace's bot token, or an app that installs into many (`src/installs/slack.ts`).
  requiredSecrets: [SIGNING_SECRET, [TOKEN, CLIENT_ID]],
  verify: (request, body, env) => verifySlackSignature(request, body, env.secret(SIGNING_SECRET) ?? ""),
  parse,
  // Events and button presses want an empty 200; a slash command's empty 200 shows nothing until the answer.
  ack: () => new Response(null, { status: 200 }),
  inline: {
    budgetMs: INLINE_BUDGET_MS,
    // Events have no response body to carry an answer: only slash commands (and forms, for corrections) wait for one.
    accepts: (update) => readRoute(update).source === "command" || readRoute(update).source === "view",
    respond: respondInline,
  },
  respond,
  // Events are answered with the bot token, for as long as the bot is in the channel.
  respondWindowMs: (update) => (readRoute(update).responseUrl === undefined ? undefined : RESPONSE_URL_WINDOW_MS),
  addressOf,
  chatRights: slackChatRights,
  push: async (address, replies, env) => pushAll(address, replies, await inWorkspace(env, address.workspace)),
  edit: async (sent, reply, env) => editSent(sent, reply, await inWorkspace(env, sent.ref.workspace)),
  delete: async (sent, env) => deleteSent(sent, await inWorkspace(env, sent.ref.workspace)),
  react,
  // Shown once: it lasts until the bot's answer arrives in the thread.
  working: { accepts: inAssistantThread, show: showStatus },
  download,
  // About one message a second per channel; Slack publishes no higher figure for an app as a whole.
  pace: { rateSetting: "SLACK_SEND_RATE", defaultRate: 1, chatSpacingMs: () => 1000 },
};
