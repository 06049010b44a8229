/**
 * `adminOnly(admins)`: the intent runs only for the bot's admins; anyone
 * else gets a short refusal, shown to them alone where the platform can,
 * and nothing else happens.
 *
 *     adminOnly({ telegram: ["123456789"], discord: ["80351110224678912"], slack: ["U024BE7LH"] })
 *     adminOnly((update) => update.user.id === "U024BE7LH")
 */
import { UserError } from "../core/errors.ts";
import type { Middleware } from "../core/intent.ts";
import type { Update } from "../core/update.ts";
import { own } from "../lib/own.ts";

/**
 * The admins' user ids, by the platform's name as in webhook URLs: Telegram's
 * numeric user id, Discord's user id (a snowflake), Slack's member id (`U…`).
 * An id counts only on its own platform.
 */
export type AdminIds = Readonly<Record<string, readonly string[]>>;

export interface AdminOnlyOptions {
  /** What anyone else is told; by default Parley's `parley-admin-only` in their language. */
  readonly text?: string;
}

export function adminOnly(
  admins: AdminIds | ((update: Update) => boolean),
  options: AdminOnlyOptions = {},
): Middleware {
  const isAdmin =
    typeof admins === "function"
      ? admins
      : (update: Update) => own(admins, update.platform)?.includes(update.user.id) === true;
  return async (ctx, next) => {
    if (!isAdmin(ctx.update)) throw new UserError(options.text ?? ctx.t("parley-admin-only"));
    await next();
  };
}
