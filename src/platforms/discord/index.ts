/** The Discord adapter: signed interactions, answered inline or deferred, Discord markdown replies. */

import { replyTexts } from "../../core/i18n.ts";
import { matchLocale } from "../../core/locale.ts";
import type { Reply } from "../../core/reply.ts";
import type { ChatAddress, Update } from "../../core/update.ts";
import type { AdapterEnv, Parsed, PlatformAdapter } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { parseJson } from "../json.ts";
import { APPLICATION_ID, BOT_TOKEN, DiscordApi, PUBLIC_KEY } from "./api.ts";
import { Interaction, toIncoming } from "./parse.ts";
import { messageBody, renderReply } from "./render.ts";
import {
  deferral,
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
  const incoming = toIncoming(result.data, env.bot.name);
  switch (incoming.kind) {
    case "ping":
      return { kind: "answer", response: pong() };
    case "answerButton": {
      // Opened at once, without a claim: the press only shows a form, the submission is the delivery.
      // Nothing stored is read for it, so the form speaks the language of the user's Discord.
      const locale = matchLocale(env.bot.locales, [incoming.locale]);
      return { kind: "answer", response: modalFor(incoming.question, replyTexts(env.bot, locale)) };
    }
    case "suggest":
      return {
        kind: "suggest",
        query: incoming.query,
        userId: incoming.userId,
        answer: (suggestions) => suggestionsResponse(suggestions, incoming.numeric),
      };
    default:
      return incoming;
  }
}

function addressOf(update: Update): ChatAddress {
  return { chatId: update.chat.id };
}

function apiFor(env: AdapterEnv, botToken?: string): DiscordApi {
  return new DiscordApi({
    base: env.setting("DISCORD_API_BASE"),
    fetch: env.fetch,
    ...(botToken ? { botToken } : {}),
    ...(env.deadline === undefined ? {} : { deadline: env.deadline }),
  });
}

/** Posts to a channel as the bot; refusals come back as `PlatformError` from the client. */
async function push(address: ChatAddress, replies: readonly Reply[], env: AdapterEnv): Promise<void> {
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
  const api = apiFor(env, token);
  for (const reply of replies) {
    for (const message of renderReply(reply, replyTexts(env.bot, reply.locale))) {
      await api.request("POST", Routes.channelMessages(address.chatId), messageBody(message, false));
    }
  }
}

export const discord: PlatformAdapter = {
  name: "discord",
  // The bot token is only needed to post unprompted (push); interactions are answered with their own token.
  requiredSecrets: [APPLICATION_ID, PUBLIC_KEY],
  verify: (request, body, env) => verifySignature(request, body, env.secret(PUBLIC_KEY) ?? ""),
  parse,
  ack: deferral,
  inline: { budgetMs: INLINE_BUDGET_MS, respond: (update, replies, env) => inlineResponse(update, replies, env.bot) },
  respond: (update, replies, env, options) => sendDeferred(update, replies, apiFor(env), env.bot, options),
  respondWindowMs: () => INTERACTION_WINDOW_MS,
  addressOf,
  push,
  // 50 requests a second per bot; a channel's own bucket (5 per 5 s) is reported in headers, and held to.
  pace: { rateSetting: "DISCORD_SEND_RATE", defaultRate: 50, chatSpacingMs: () => 1000 },
};
