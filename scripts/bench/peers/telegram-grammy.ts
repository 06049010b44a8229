/** Telegram `/help` with grammY: its webhook callback checks the secret, a middleware claims in D1, `ctx.reply` answers. */
import { Bot, webhookCallback } from "grammy";
import { claim, HELP, isWebhook, notFound, type PeerEnv } from "./claim.ts";

/** Given, so that grammY does not call getMe first. */
const BOT_INFO = {
  id: 1000,
  is_bot: true,
  first_name: "Concierge",
  username: "concierge_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
} as const;

function handlerFor(env: PeerEnv): (request: Request) => Promise<Response> {
  const bot = new Bot(env.TELEGRAM_BOT_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: env.TELEGRAM_API_BASE } });
  bot.use(async (ctx, next) => {
    if (await claim(env.DB, "telegram", String(ctx.update.update_id))) await next();
  });
  bot.command("help", (ctx) => ctx.reply(HELP));
  return webhookCallback(bot, "cloudflare-mod", { secretToken: env.TELEGRAM_WEBHOOK_SECRET });
}

/** One bot per isolate: the env, which it needs, is first seen with a request. */
let handler: ((request: Request) => Promise<Response>) | undefined;

export default {
  fetch(request, env) {
    if (!isWebhook(request, "telegram")) return notFound();
    handler ??= handlerFor(env);
    return handler(request);
  },
} satisfies ExportedHandler<PeerEnv>;
