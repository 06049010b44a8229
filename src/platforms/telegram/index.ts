/** The Telegram adapter: secret-token webhooks, grammY's API client, HTML replies. */
import type { Reply } from "../../core/reply.ts";
import type { Update } from "../../core/update.ts";
import type { AdapterEnv, Parsed, PlatformAdapter } from "../adapter.ts";
import { botIdOf, botUsername, createApi, TOKEN, WEBHOOK_SECRET } from "./api.ts";
import { TgUpdate, toUpdate } from "./parse.ts";
import { renderReply } from "./render.ts";
import { verifySecretToken } from "./verify.ts";

async function parse(_request: Request, body: string, env: AdapterEnv): Promise<Parsed> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: "invalid", reason: "body is not JSON" };
  }
  const result = TgUpdate.safeParse(json);
  if (!result.success) return { kind: "invalid", reason: "not a Telegram update" };
  const identity = { botId: botIdOf(env.secret(TOKEN) ?? ""), username: () => botUsername(env) };
  const update = await toUpdate(result.data, env.bot.name, identity);
  return update ? { kind: "update", update } : { kind: "answer", response: new Response(null, { status: 200 }) };
}

async function respond(update: Update, replies: readonly Reply[], env: AdapterEnv): Promise<void> {
  const api = createApi(env);
  const { chatId, threadId, replyTo, callbackQueryId } = update.route;
  if (chatId === undefined) throw new Error("Telegram update without a chat");
  // Stop the spinner on the pressed button whatever the replies are.
  const answered = callbackQueryId ? api.answerCallbackQuery(callbackQueryId) : Promise.resolve(true);
  for (const reply of replies) {
    for (const message of renderReply(reply)) {
      await api.sendMessage(chatId, message.text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
        ...(threadId ? { message_thread_id: Number(threadId) } : {}),
        ...(replyTo ? { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } } : {}),
      });
    }
  }
  await answered;
}

export const telegram: PlatformAdapter = {
  name: "telegram",
  requiredSecrets: [TOKEN, WEBHOOK_SECRET],
  verify: (request, _body, env) => verifySecretToken(request, env.secret(WEBHOOK_SECRET) ?? ""),
  parse,
  ack: () => new Response(null, { status: 200 }),
  respond,
};
