/**
 * A bot on Telegram: its webhook (the Worker's URL, the secret token Telegram
 * sends back, the update kinds Parley handles) and its command menus, built
 * from the bot's intent definitions: one for everybody in the bot's default
 * language, and one for the users of each of its other languages
 * (`language_code`). `npm run telegram:setup` sets them; `npm run setup`
 * sets what differs from what Telegram reports.
 */
import { Api, GrammyError, HttpError } from "grammy";
import type { BotCommand, LanguageCode, WebhookInfo } from "grammy/types";
import { commandMenu, type MenuEntry } from "../../src/core/help.ts";
import type { Bot } from "../../src/core/intent.ts";
import { languageOf } from "../../src/core/locale.ts";
import { type PlatformSetup, Refused, type SetupContext, type Skipped } from "./platform.ts";
import { fingerprint } from "./state.ts";
import { describeCall } from "./steps.ts";

export const DEFAULT_API_ROOT = "https://api.telegram.org";

/** What Telegram accepts as a webhook's secret token. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

export interface Webhook {
  readonly url: string;
  readonly secret_token: string;
  readonly allowed_updates: readonly ["message", "callback_query"];
}

export interface Menu {
  readonly commands: MenuEntry[];
  /** None: the menu for everybody. */
  readonly language_code?: LanguageCode;
}

export function isValidSecret(secret: string): boolean {
  return SECRET_TOKEN.test(secret);
}

/** What is wrong with a webhook secret `isValidSecret` refuses; `name` is the variable, the value is never shown. */
export function invalidSecret(name: string): string {
  return `${name} may only hold A-Z, a-z, 0-9, _ and -.`;
}

export function webhookOf(bot: Bot, workerUrl: string, secret: string): Webhook {
  return {
    url: new URL(`/webhooks/telegram/${bot.name}`, workerUrl).href,
    secret_token: secret,
    allowed_updates: ["message", "callback_query"],
  };
}

/** The menus to set: the default one first (no language), then one per other language of the bot. */
export function menusOf(bot: Bot): Menu[] {
  return [
    { commands: commandMenu(bot, bot.defaultLocale) },
    ...bot.locales
      .filter((locale) => locale !== bot.defaultLocale)
      // Telegram takes two-letter ISO 639-1 codes, and refuses others with a reason the scripts report.
      .map((locale) => ({ commands: commandMenu(bot, locale), language_code: languageOf(locale) as LanguageCode })),
  ];
}

/** Telegram said no: its code and description, never the payload (grammY's message holds it, secret included). */
export class TelegramRefused extends Error {
  override readonly name = "TelegramRefused";
  readonly code: number;
  readonly description: string;

  constructor(method: string, code: number, description: string) {
    super(`Telegram refused ${method} (${code}): ${description}`);
    this.code = code;
    this.description = description;
  }
}

/** The Bot API calls the scripts make, each failure turned into a message that holds no secret. */
export class TelegramClient {
  readonly apiRoot: string;
  private readonly token: string;
  private readonly api: Api;

  constructor(token: string, apiRoot: string) {
    this.token = token;
    this.apiRoot = apiRoot;
    this.api = new Api(token, { apiRoot });
  }

  /** How a call is shown in a dry run (the token is redacted there). */
  describe(method: string, body?: unknown): string {
    return describeCall("POST", `${this.apiRoot}/bot${this.token}/${method}`, body);
  }

  webhookInfo(): Promise<WebhookInfo> {
    return this.call("getWebhookInfo", () => this.api.getWebhookInfo());
  }

  menu(languageCode: LanguageCode | undefined): Promise<BotCommand[]> {
    return this.call("getMyCommands", () =>
      this.api.getMyCommands(languageCode ? { language_code: languageCode } : {}),
    );
  }

  async setWebhook(webhook: Webhook): Promise<void> {
    await this.call("setWebhook", () =>
      this.api.setWebhook(webhook.url, {
        secret_token: webhook.secret_token,
        allowed_updates: [...webhook.allowed_updates],
      }),
    );
  }

  async setMenu(menu: Menu): Promise<void> {
    const { commands, language_code } = menu;
    await this.call("setMyCommands", () => this.api.setMyCommands(commands, language_code ? { language_code } : {}));
  }

  private async call<T>(method: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof GrammyError) throw new TelegramRefused(method, error.error_code, error.description);
      if (error instanceof HttpError) throw new Error(`Could not reach ${this.apiRoot} for ${method}.`);
      throw error;
    }
  }
}

/** What a menu call's body is, for the dry run and for `telegram:setup`'s printout. */
export function menuBody(menu: Menu): Menu {
  return menu.language_code
    ? { commands: menu.commands, language_code: menu.language_code }
    : { commands: menu.commands };
}

function sameMenu(current: readonly BotCommand[], wanted: readonly MenuEntry[]): boolean {
  return (
    current.length === wanted.length &&
    current.every((entry, i) => entry.command === wanted[i]?.command && entry.description === wanted[i]?.description)
  );
}

/** Why the webhook Telegram has is not the one wanted, or undefined when it is. */
function webhookDifference(current: WebhookInfo | undefined, wanted: Webhook, secretSet: boolean): string | undefined {
  if (current === undefined) return "unknown in a dry run";
  if (current.url !== wanted.url) return current.url ? `points to ${current.url}` : "not set";
  const kinds = [...(current.allowed_updates ?? [])].sort().join();
  if (kinds !== [...wanted.allowed_updates].sort().join()) return "takes other update kinds";
  if (!secretSet) return "secret not known to be the Worker's";
  return undefined;
}

export function telegramSetup(ctx: SetupContext): PlatformSetup | Skipped {
  const { bot, inputs, steps, state } = ctx;
  const token = inputs.get("TELEGRAM_BOT_TOKEN");
  const secret = inputs.get("TELEGRAM_WEBHOOK_SECRET");
  if (!token || !secret) return { skipped: `no ${inputs.fullName("TELEGRAM_BOT_TOKEN")}` };
  if (!isValidSecret(secret)) return { invalid: invalidSecret(inputs.fullName("TELEGRAM_WEBHOOK_SECRET")) };
  const client = new TelegramClient(token, ctx.env.TELEGRAM_API_BASE || DEFAULT_API_ROOT);
  const menus = menusOf(bot);
  let webhookNow: WebhookInfo | undefined;
  let menusNow: (BotCommand[] | undefined)[] = [];
  return {
    secrets: {
      [inputs.fullName("TELEGRAM_BOT_TOKEN")]: token,
      [inputs.fullName("TELEGRAM_WEBHOOK_SECRET")]: secret,
    },
    async check() {
      try {
        webhookNow = await steps.look(client.describe("getWebhookInfo"), () => client.webhookInfo());
      } catch (error) {
        // 404 is what Telegram answers a token that is not one at all.
        if (error instanceof TelegramRefused && (error.code === 401 || error.code === 404)) {
          throw new Refused(
            "Telegram",
            inputs.fullName("TELEGRAM_BOT_TOKEN"),
            `${error.code} ${error.description}`,
            "use the token @BotFather gave (/token there shows it again)",
          );
        }
        throw error;
      }
      menusNow = [];
      for (const menu of menus) {
        const body = menu.language_code ? { language_code: menu.language_code } : undefined;
        menusNow.push(await steps.look(client.describe("getMyCommands", body), () => client.menu(menu.language_code)));
      }
    },
    async apply(url): Promise<undefined> {
      const webhook = webhookOf(bot, url, secret);
      const setting = fingerprint(webhook.url, webhook.secret_token, ...webhook.allowed_updates);
      const difference = webhookDifference(webhookNow, webhook, state.recorded.webhooks[bot.name] === setting);
      if (difference === undefined) {
        steps.ok(`Telegram webhook already set to ${webhook.url}`);
      } else {
        steps.change(`Telegram webhook ${difference}: setting it to ${webhook.url}`);
        await steps.act(client.describe("setWebhook", webhook), () => client.setWebhook(webhook));
        state.update((recorded) => {
          recorded.webhooks[bot.name] = setting;
        });
      }
      for (const [i, menu] of menus.entries()) {
        const which = `Telegram command menu${menu.language_code ? ` for ${menu.language_code}` : ""}`;
        const now = menusNow[i];
        if (now !== undefined && sameMenu(now, menu.commands)) {
          steps.ok(`${which} already set`);
          continue;
        }
        steps.change(`${which} ${now === undefined ? "unknown in a dry run" : "differs"}: setting`);
        await steps.act(client.describe("setMyCommands", menuBody(menu)), () => client.setMenu(menu));
      }
    },
  };
}
