/**
 * Registers a bot with Telegram: the webhook (with its secret token and the
 * update kinds Parley handles) and the command menu, built from the bot's
 * intent definitions: one for everybody in the bot's default language, and
 * one for the users of each of its other languages (`language_code`).
 *
 *   TELEGRAM_BOT_TOKEN=… TELEGRAM_WEBHOOK_SECRET=… \
 *     npm run telegram:setup -- --url https://parley.example.workers.dev [--bot concierge] [--dry-run]
 */
import { Api, GrammyError, HttpError } from "grammy";
import type { LanguageCode } from "grammy/types";
import { commandMenu, type MenuEntry } from "../src/core/help.ts";
import { languageOf } from "../src/core/locale.ts";
import { fail, findBot, parseArgs, secretFor } from "./cli.ts";

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
if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) fail("TELEGRAM_WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and -.");

const webhook = {
  url: new URL(`/webhooks/telegram/${bot.name}`, values.url).href,
  secret_token: secret,
  allowed_updates: ["message", "callback_query"] as const,
};
/** The menus to set: the default one first (no language), then one per other language of the bot. */
const menus: { commands: MenuEntry[]; language_code?: LanguageCode }[] = [
  { commands: commandMenu(bot, bot.defaultLocale) },
  ...bot.locales
    .filter((locale) => locale !== bot.defaultLocale)
    // Telegram takes two-letter ISO 639-1 codes, and refuses others with a reason the script reports.
    .map((locale) => ({ commands: commandMenu(bot, locale), language_code: languageOf(locale) as LanguageCode })),
];

if (values["dry-run"]) {
  console.log("setWebhook", JSON.stringify({ ...webhook, secret_token: "[secret]" }, null, 2));
  for (const menu of menus) console.log("setMyCommands", JSON.stringify(menu, null, 2));
} else {
  const apiRoot = process.env.TELEGRAM_API_BASE ?? "https://api.telegram.org";
  const api = new Api(token ?? "", { apiRoot });
  /** Ends the script on a failed call with the reason alone: grammY's errors carry the payload, secret included. */
  const call = async (method: string, send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (error) {
      if (error instanceof GrammyError) fail(`Telegram refused ${method} (${error.error_code}): ${error.description}`);
      if (error instanceof HttpError) fail(`Could not reach ${apiRoot} for ${method}.`);
      throw error;
    }
  };
  await call("setWebhook", () =>
    api.setWebhook(webhook.url, {
      secret_token: webhook.secret_token,
      allowed_updates: [...webhook.allowed_updates],
    }),
  );
  console.log(`Webhook set to ${webhook.url}`);
  for (const { commands, language_code } of menus) {
    await call("setMyCommands", () => api.setMyCommands(commands, language_code ? { language_code } : {}));
    const names = commands.map((entry) => `/${entry.command}`).join(" ");
    console.log(`Command menu set${language_code ? ` for ${language_code}` : ""}: ${names}`);
  }
}
