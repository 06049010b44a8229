/** The Discord adapter: signed interactions, answered inline or deferred, Discord markdown replies. */

import { FileError } from "../../core/files.ts";
import { replyTexts } from "../../core/i18n.ts";
import { matchLocale } from "../../core/locale.ts";
import type { SentReply } from "../../core/outbox.ts";
import type { Reaction } from "../../core/reactions.ts";
import type { Reply } from "../../core/reply.ts";
import type { Attachment, ChatAddress, Update } from "../../core/update.ts";
import type { AdapterEnv, Parsed, PlatformAdapter } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { parseJson } from "../json.ts";
import { APPLICATION_ID, BOT_TOKEN, DiscordApi, PUBLIC_KEY } from "./api.ts";
import { bodyOf, deleteSent, editSent, idOf, prepare, reactTo, sentVia } from "./messages.ts";
import { Interaction, toIncoming } from "./parse.ts";
import {
  deferral,
  formModalFor,
  INLINE_BUDGET_MS,
  INTERACTION_WINDOW_MS,
  inlineResponse,
  modalFor,
  pong,
  sendDeferred,
  suggestionsResponse,
} from "./respond.ts";
import { verifySignature } from "./verify.ts";
import { Routes } from "./wire.ts";

async function parse(_request: Request, body: string, env: AdapterEnv): Promise<Parsed> {
  const json = parseJson(body);
  if (!json.ok) return { kind: "invalid", reason: "body is not JSON" };
  const result = Interaction.safeParse(json.value);
  if (!result.success) return { kind: "invalid", reason: "not a Discord interaction" };
  // Signed with this application's key, yet for another application: a misconfiguration worth a loud 400.
  if (result.data.application_id !== env.secret(APPLICATION_ID)) {
    return { kind: "invalid", reason: "interaction for another application" };
  }
  const incoming = toIncoming(result.data, env.bot);
  switch (incoming.kind) {
    case "ping":
      return { kind: "answer", response: pong() };
    case "answerButton": {
      // Opened at once, without a claim: the press only shows a form, the submission is the delivery.
      // Nothing stored is read for it, so the form speaks the language of the user's Discord.
      const locale = matchLocale(env.bot.locales, [incoming.locale]);
      return { kind: "answer", response: modalFor(incoming.question, replyTexts(env.bot, locale)) };
    }
    case "formButton": {
      const locale = matchLocale(env.bot.locales, [incoming.locale]);
      const response = formModalFor(incoming.form, env.bot, locale ?? env.bot.defaultLocale);
      return response ? { kind: "answer", response } : { kind: "invalid", reason: "a form this bot does not have" };
    }
    case "suggest":
      return {
        kind: "suggest",
        query: incoming.query,
        update: incoming.update,
        answer: (suggestions) => suggestionsResponse(suggestions, incoming.numeric),
      };
    default:
      return incoming;
  }
}

function addressOf(update: Update): ChatAddress {
  return { chatId: update.chat.id };
}

/** Administrator, and Manage Channels: who may change what a whole channel gets. */
const ADMINISTRATOR = 0x8n;
const MANAGE_CHANNELS = 0x10n;

/** The member's permissions in the channel came with the interaction: no call needed. */
function chatRights(update: Update): Promise<boolean> {
  const text = update.route.permissions;
  if (text === undefined || !/^\d{1,25}$/.test(text)) return Promise.resolve(false);
  return Promise.resolve((BigInt(text) & (ADMINISTRATOR | MANAGE_CHANNELS)) !== 0n);
}

function apiFor(env: AdapterEnv, botToken?: string): DiscordApi {
  return new DiscordApi({
    base: env.setting("DISCORD_API_BASE"),
    fetch: env.fetch,
    ...(botToken ? { botToken } : {}),
    ...(env.deadline === undefined ? {} : { deadline: env.deadline }),
  });
}

/** The bot's own API client: posting unprompted, editing what it posted, reacting, all need its token. */
function botApi(env: AdapterEnv): DiscordApi {
  const token = env.secret(BOT_TOKEN);
  if (!token) {
    // Not the chat's doing, so nothing is paused for it; and trying again as it is cannot help.
    const description = `${env.bot.secretPrefix}${BOT_TOKEN} is not set`;
    throw new PlatformError({
      platform: "discord",
      code: "no_bot_token",
      description,
      permanent: false,
      transient: false,
    });
  }
  return apiFor(env, token);
}

/** Posts to a channel as the bot; refusals come back as `PlatformError` from the client. */
async function push(address: ChatAddress, replies: readonly Reply[], env: AdapterEnv): Promise<SentReply[]> {
  const api = botApi(env);
  const sent: SentReply[] = [];
  for (const reply of replies) {
    const ids: string[] = [];
    for (const prepared of await prepare(reply, env)) {
      const answer = await api.request(
        "POST",
        Routes.channelMessages(address.chatId),
        bodyOf(prepared, false),
        prepared.file,
      );
      const id = idOf(answer);
      if (id !== undefined) ids.push(id);
    }
    sent.push(sentVia({ channelId: address.chatId, ...(reply.file ? { file: "1" } : {}) }, ids));
  }
  return sent;
}

/** The API client that reaches a sent reply: its interaction's token, or the bot's for a channel message. */
function apiOf(sent: SentReply, env: AdapterEnv): DiscordApi {
  return sent.ref.channelId === undefined ? apiFor(env) : botApi(env);
}

/**
 * Reacts to the user's message where the interaction came with one
 * (`route.messageId`: a command on a message); a slash command, a button or
 * a form has none, and nothing happens.
 */
async function react(update: Update, reaction: Reaction, env: AdapterEnv): Promise<void> {
  const { messageId } = update.route;
  if (messageId !== undefined) await reactTo(botApi(env), update.chat.id, messageId, reaction);
}

/** Where Discord serves attachments; another host in a payload is not fetched (a local stand-in's is, at DISCORD_API_BASE). */
const ATTACHMENT_HOSTS: ReadonlySet<string> = new Set(["cdn.discordapp.com", "media.discordapp.net"]);

async function download(attachment: Attachment, env: AdapterEnv, signal: AbortSignal): Promise<Response> {
  const { url = "" } = attachment.ref;
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const allowed =
    parsed !== undefined &&
    ((parsed.protocol === "https:" && ATTACHMENT_HOSTS.has(parsed.hostname)) ||
      parsed.origin === new URL(env.setting("DISCORD_API_BASE")).origin);
  if (!allowed) throw new FileError("failed");
  return env.fetch(url, { signal });
}

export const discord: PlatformAdapter = {
  name: "discord",
  // The bot token is only needed to post unprompted (push); interactions are answered with their own token.
  requiredSecrets: [APPLICATION_ID, PUBLIC_KEY],
  verify: (request, body, env) => verifySignature(request, body, env.secret(PUBLIC_KEY) ?? ""),
  parse,
  ack: deferral,
  inline: { budgetMs: INLINE_BUDGET_MS, respond: (update, replies, env) => inlineResponse(update, replies, env.bot) },
  respond: (update, replies, env, options) => sendDeferred(update, replies, apiFor(env), env, options),
  respondWindowMs: () => INTERACTION_WINDOW_MS,
  addressOf,
  chatRights,
  push,
  edit: (sent, reply, env) => editSent(apiOf(sent, env), sent, reply, env),
  delete: (sent, env) => deleteSent(apiOf(sent, env), sent),
  react,
  download,
  // 50 requests a second per bot; a channel's own bucket (5 per 5 s) is reported in headers, and held to.
  pace: { rateSetting: "DISCORD_SEND_RATE", defaultRate: 50, chatSpacingMs: () => 1000 },
};
