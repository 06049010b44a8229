/**
 * Whether a Telegram user may change what a whole group gets: its creator or
 * an administrator, as `getChatMember` reports. Asked when it matters, never
 * cached; a failed question counts as no.
 */

import type { Update } from "../../core/update.ts";
import { describeError, log } from "../../log.ts";
import type { AdapterEnv } from "../adapter.ts";
import { createApi } from "./api.ts";

export async function telegramChatRights(update: Update, env: AdapterEnv): Promise<boolean> {
  const userId = Number(update.user.id);
  if (!Number.isSafeInteger(userId)) return false;
  try {
    const member = await createApi(env).getChatMember(update.chat.id, userId);
    return member.status === "creator" || member.status === "administrator";
  } catch (error) {
    log("error", "telegram_rights_failed", { bot: env.bot.name, error: describeError(error) });
    return false;
  }
}
