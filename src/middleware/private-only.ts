/**
 * `privateOnly()`: the intent runs only in a private chat with the bot. In a
 * group, channel or server the user gets a short note, shown to them alone
 * where the platform can (Discord, Slack), and nothing else happens: no
 * handler, no question for a missing argument.
 */
import { UserError } from "../core/errors.ts";
import type { Middleware } from "../core/intent.ts";

export interface PrivateOnlyOptions {
  /** What a user in a shared chat is told; by default Parley's `parley-private-only` in their language. */
  readonly text?: string;
}

export function privateOnly(options: PrivateOnlyOptions = {}): Middleware {
  return async (ctx, next) => {
    if (ctx.update.chat.kind !== "private") throw new UserError(options.text ?? ctx.t("parley-private-only"));
    await next();
  };
}
