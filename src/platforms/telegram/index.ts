/** The Telegram adapter: secret-token webhooks, grammY's API client, HTML replies and files. */

import { FileError } from "../../core/files.ts";
import type { SentReply } from "../../core/outbox.ts";
import type { Reaction } from "../../core/reactions.ts";
import type { Reply } from "../../core/reply.ts";
import type { Attachment, ChatAddress, Update } from "../../core/update.ts";
import type { AdapterEnv, Parsed, PlatformAdapter } from "../adapter.ts";
import { parseJson } from "../json.ts";
import { botIdOf, botUsername, createApi, TOKEN, WEBHOOK_SECRET } from "./api.ts";
import { TgUpdate, toUpdate } from "./parse.ts";
import { telegramChatRights } from "./rights.ts";
import { classified, deleteReply, editReply, sendAll } from "./send.ts";
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

function addressOf(update: Update): ChatAddress {
  const { chatId, threadId } = update.route;
  if (chatId === undefined) throw new Error("Telegram update without a chat");
  return threadId ? { chatId, threadId } : { chatId };
}

const respond: PlatformAdapter["respond"] = async (update, replies, env, options = {}) => {
  const api = createApi(env);
  const { replyTo, callbackQueryId } = update.route;
  try {
    // Stop the spinner on the pressed button whatever the replies are, once: with the delivery's first reply.
    const answered =
      callbackQueryId && (options.from ?? 0) === 0 ? api.answerCallbackQuery(callbackQueryId) : Promise.resolve(true);
    await sendAll(api, env, { ...addressOf(update), ...(replyTo ? { replyTo } : {}) }, replies, options);
    await answered;
  } catch (error) {
    throw classified(error);
  }
};

async function push(address: ChatAddress, replies: readonly Reply[], env: AdapterEnv): Promise<SentReply[]> {
  try {
    return await sendAll(createApi(env), env, address, replies);
  } catch (error) {
    throw classified(error);
  }
}

/** Reacts to the user's message; a pressed button has none of the user's. */
async function react(update: Update, reaction: Reaction, env: AdapterEnv): Promise<void> {
  const { chatId, messageId } = update.route;
  if (update.isButtonPress || chatId === undefined || messageId === undefined) return;
  try {
    await createApi(env).setMessageReaction(chatId, Number(messageId), [{ type: "emoji", emoji: reaction }]);
  } catch (error) {
    throw classified(error);
  }
}

/** "typing…" in the chat (and topic); it fades after about five seconds, or when the bot sends. */
async function showTyping(update: Update, env: AdapterEnv): Promise<void> {
  const { chatId, threadId } = addressOf(update);
  await createApi(env).sendChatAction(chatId, "typing", threadId ? { message_thread_id: Number(threadId) } : {});
}

/** A received file: getFile names its path, and the file URL (with the bot's token in it) serves it. */
async function download(attachment: Attachment, env: AdapterEnv, signal: AbortSignal): Promise<Response> {
  const { fileId = "" } = attachment.ref;
  // The caller's deadline covers this call too; grammY's own timeout ends it soon after.
  const file = await createApi(env).getFile(fileId);
  if (file.file_path === undefined) throw new FileError("failed");
  const url = `${env.setting("TELEGRAM_API_BASE")}/file/bot${env.secret(TOKEN) ?? ""}/${file.file_path}`;
  return env.fetch(url, { signal });
}

export const telegram: PlatformAdapter = {
  name: "telegram",
  requiredSecrets: [TOKEN, WEBHOOK_SECRET],
  verify: (request, _body, env) => verifySecretToken(request, env.secret(WEBHOOK_SECRET) ?? ""),
  parse,
  ack: () => new Response(null, { status: 200 }),
  respond,
  addressOf,
  chatRights: telegramChatRights,
  push,
  edit: (sent, reply, env) => editReply(createApi(env), env, sent, reply),
  delete: (sent, env) => deleteReply(createApi(env), sent),
  react,
  working: { everyMs: 4000, show: showTyping },
  download,
  // About 30 messages a second per bot; 1 a second per chat, 20 a minute per group (negative chat ids).
  pace: {
    rateSetting: "TELEGRAM_SEND_RATE",
    defaultRate: 30,
    chatSpacingMs: (chatId) => (chatId.startsWith("-") ? 3000 : 1000),
  },
};
