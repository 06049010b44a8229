/** Telegram `/help` written by hand: secret check, D1 claim, sendMessage after the answer. */
import { claim, HELP, isWebhook, notFound, type PeerEnv, repeat } from "./claim.ts";

interface Update {
  readonly update_id: number;
  readonly message?: { readonly chat: { readonly id: number }; readonly text?: string };
}

async function sendMessage(env: PeerEnv, chatId: number, text: string): Promise<void> {
  const response = await fetch(`${env.TELEGRAM_API_BASE}/bot${env.TELEGRAM_BOT_TOKEN}/sendMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ chat_id: chatId, text }),
  });
  if (!response.ok) throw new Error(`sendMessage answered ${response.status}`);
}

export default {
  async fetch(request, env, ctx) {
    if (!isWebhook(request, "telegram")) return notFound();
    if (request.headers.get("x-telegram-bot-api-secret-token") !== env.TELEGRAM_WEBHOOK_SECRET) {
      return new Response("Unauthorized", { status: 401 });
    }
    const update = await request.json<Update>();
    if (!(await claim(env.DB, "telegram", String(update.update_id)))) return repeat();
    const message = update.message;
    if (message?.text?.startsWith("/help")) ctx.waitUntil(sendMessage(env, message.chat.id, HELP));
    return new Response("ok");
  },
} satisfies ExportedHandler<PeerEnv>;
