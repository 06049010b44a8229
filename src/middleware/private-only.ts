/**
 * `privateOnly()`: the intent runs only in a private chat with the bot. In a
 * group, channel or server the user gets a short note, shown to them alone
 * where the platform can (Discord, Slack), and nothing else happens: no
 * handler, no question for a missing argument.
 */
import { UserError } from "../core/errors.ts";
import type { Middleware } from "../core/intent.ts";

export interface PrivateOnlyOptions {
  /** What a user in a shared chat is told. */
  readonly text?: string;
}

const NOTE = "Please use this command in a private chat with me.";

export function privateOnly(options: PrivateOnlyOptions = {}): Middleware {
  const note = options.text ?? NOTE;
  return async (ctx, next) => {
    if (ctx.update.chat.kind !== "private") throw new UserError(note);
    await next();
  };
}
