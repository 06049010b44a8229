/**
 * Files: a file over the size cap (`FILE_MAX_BYTES`) is refused before any
 * handler runs, by the size the platform reported, with the cap in the
 * user's language; nothing is stored for it. Only files meant for the bot
 * are answered: a message to it, or an answer it is waiting for.
 */
import { isLive } from "../core/dialog.ts";
import { formatBytes } from "../core/files.ts";
import { translate } from "../core/i18n.ts";
import { localeFor } from "../core/locale.ts";
import type { Delivery, Result } from "./delivery.ts";

/** The answer to a delivery with a file over the cap, or undefined when its files may go on. */
export function oversized(delivery: Delivery): Result | undefined {
  const { bot, update, state, env } = delivery;
  const max = env.maxFileBytes;
  const tooBig = update.attachments?.some((attachment) => (attachment.size ?? 0) > max) ?? false;
  if (!tooBig || !(update.addressed || isLive(state.question, delivery.started))) return undefined;
  const locale = localeFor(bot, update, state);
  const text = translate(bot, locale, "parley-file-too-big", { max: formatBytes(max, locale) });
  return { intent: "-", outcome: "user_error", replies: [{ text, private: true, locale }] };
}
