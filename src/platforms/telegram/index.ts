/** The Telegram adapter: secret-token webhooks, grammY's API client, HTML replies. */

import { type Api, GrammyError } from "grammy";
import { replyTexts } from "../../core/i18n.ts";
import type { Bot } from "../../core/intent.ts";
import type { Reply } from "../../core/reply.ts";
import type { ChatAddress, Update } from "../../core/update.ts";
import type { AdapterEnv, Parsed, PlatformAdapter, RespondOptions } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { parseJson } from "../json.ts";
import { isTransient } from "../retry.ts";
import { botIdOf, botUsername, createApi, TOKEN, WEBHOOK_SECRET } from "./api.ts";
import { TgUpdate, toUpdate } from "./parse.ts";
import { renderReply } from "./render.ts";
import { verifySecretToken } from "./verify.ts";

async function parse(_request: Request, body: string, env: AdapterEnv): Promise<Parsed> {
  const json = parseJson(body);
  if (!json.ok) return { kind: "invalid", reason: "body is not JSON" };
  const result = TgUpdate.safeParse(json.value);
  if (!result.success) return { kind: "invalid", reason: "not a Telegram update" };
  const identity = {
    botId: botIdOf(env.secret(TOKEN) ?? ""),
    // Telegram unreachable: treat the name as unknown (a `/cmd@name` in a group is then left alone), never a 500.
    username: () => botUsername(env).catch(() => undefined),
  };
  const update = await toUpdate(result.data, env.bot.name, identity);
  return update ? { kind: "update", update } : { kind: "answer", response: new Response(null, { status: 200 }) };
}

interface Target extends ChatAddress {
  readonly replyTo?: string;
}

/** Sends each reply's messages in order, calling `onSent` with a reply's index (counted from `from`) once it is out. */
async function sendAll(
  api: Api,
  bot: Bot,
  target: Target,
  replies: readonly Reply[],
  options: RespondOptions = {},
): Promise<void> {
  const from = options.from ?? 0;
  for (const [offset, reply] of replies.entries()) {
    for (const message of renderReply(reply, replyTexts(bot, reply.locale))) {
      await api.sendMessage(target.chatId, message.text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
        ...(target.threadId ? { message_thread_id: Number(target.threadId) } : {}),
        ...(target.replyTo
          ? { reply_parameters: { message_id: Number(target.replyTo), allow_sending_without_reply: true } }
          : {}),
      });
    }
    options.onSent?.(from + offset);
  }
}

function addressOf(update: Update): ChatAddress {
  const { chatId, threadId } = update.route;
  if (chatId === undefined) throw new Error("Telegram update without a chat");
  return threadId ? { chatId, threadId } : { chatId };
}

/** Telegram's answers that mean the chat is gone for good: blocked, kicked, deactivated, not found. */
function isPermanent(error: GrammyError): boolean {
  return error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description));
}

/** Telegram's refusal as a `PlatformError`; anything else (the request may have arrived) as it is. */
function classified(error: unknown): unknown {
  if (!(error instanceof GrammyError)) return error;
  const retryAfter = error.parameters.retry_after;
  return new PlatformError({
    platform: "telegram",
    code: error.error_code,
    description: error.description,
    permanent: isPermanent(error),
    transient: isTransient(error.error_code),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter * 1000 }),
  });
}

const respond: PlatformAdapter["respond"] = async (update, replies, env, options) => {
  const api = createApi(env);
  const { replyTo, callbackQueryId } = update.route;
  try {
    // Stop the spinner on the pressed button whatever the replies are.
    const answered = callbackQueryId ? api.answerCallbackQuery(callbackQueryId) : Promise.resolve(true);
    await sendAll(api, env.bot, { ...addressOf(update), ...(replyTo ? { replyTo } : {}) }, replies, options);
    await answered;
  } catch (error) {
    throw classified(error);
  }
};

async function push(address: ChatAddress, replies: readonly Reply[], env: AdapterEnv): Promise<void> {
  try {
    await sendAll(createApi(env), env.bot, address, replies);
  } catch (error) {
    throw classified(error);
  }
}

export const telegram: PlatformAdapter = {
  name: "telegram",
  requiredSecrets: [TOKEN, WEBHOOK_SECRET],
  verify: (request, _body, env) => verifySecretToken(request, env.secret(WEBHOOK_SECRET) ?? ""),
  parse,
  ack: () => new Response(null, { status: 200 }),
  respond,
  addressOf,
  push,
  // About 30 messages a second per bot; 1 a second per chat, 20 a minute per group (negative chat ids).
  pace: {
    rateSetting: "TELEGRAM_SEND_RATE",
    defaultRate: 30,
    chatSpacingMs: (chatId) => (chatId.startsWith("-") ? 3000 : 1000),
  },
};
