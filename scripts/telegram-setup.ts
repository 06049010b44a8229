/**
 * Registers a bot with Telegram: the webhook (with its secret token and the
 * update kinds Parley handles) and the command menu, built from the bot's
 * intent definitions: one for everybody in the bot's default language, and
 * one for the users of each of its other languages (`language_code`).
 * `npm run setup` does this too, and only where Telegram differs.
 *
 *   TELEGRAM_BOT_TOKEN=… TELEGRAM_WEBHOOK_SECRET=… \
 *     npm run telegram:setup -- --url https://parley.example.workers.dev [--bot concierge] [--dry-run]
 */
import { fail, findBot, parseArgs, secretFor } from "./cli.ts";
import {
  DEFAULT_API_ROOT,
  invalidSecret,
  isValidSecret,
  menuBody,
  menusOf,
  TelegramClient,
  webhookOf,
} from "./setup/telegram.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    bot: { type: "string", default: "concierge" },
    "dry-run": { type: "boolean", default: false },
  },
});

const bot = findBot(values.bot);
const prefix = bot.secretPrefix;
const token = secretFor(bot, "TELEGRAM_BOT_TOKEN");
const secret = secretFor(bot, "TELEGRAM_WEBHOOK_SECRET");
if (!values.url) fail("Pass the Worker's public URL: --url https://parley.example.workers.dev");
if (!values["dry-run"] && !token) fail(`Set ${prefix}TELEGRAM_BOT_TOKEN (from BotFather) in the environment.`);
if (!secret) fail(`Set ${prefix}TELEGRAM_WEBHOOK_SECRET (the same value as the Worker's secret) in the environment.`);
if (!isValidSecret(secret)) fail(invalidSecret("TELEGRAM_WEBHOOK_SECRET"));

const webhook = webhookOf(bot, values.url, secret);
const menus = menusOf(bot);

if (values["dry-run"]) {
  console.log("setWebhook", JSON.stringify({ ...webhook, secret_token: "[secret]" }, null, 2));
  for (const menu of menus) console.log("setMyCommands", JSON.stringify(menuBody(menu), null, 2));
} else {
  const client = new TelegramClient(token ?? "", process.env.TELEGRAM_API_BASE ?? DEFAULT_API_ROOT);
  try {
    await client.setWebhook(webhook);
    console.log(`Webhook set to ${webhook.url}`);
    for (const menu of menus) {
      await client.setMenu(menu);
      const names = menu.commands.map((entry) => `/${entry.command}`).join(" ");
      console.log(`Command menu set${menu.language_code ? ` for ${menu.language_code}` : ""}: ${names}`);
    }
  } catch (error) {
    // The client's errors carry Telegram's reason alone, never the payload with the secret.
    fail(error instanceof Error ? error.message : String(error));
  }
}
