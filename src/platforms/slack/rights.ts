/**
 * Whether a Slack user may change what a whole channel gets: a workspace
 * admin or owner, as `users.info` reports. Asked when it matters (a channel
 * subscription made or stopped), never cached: rights taken away count at once.
 */
import * as z from "zod";
import { describeError, log } from "../../log.ts";
import type { AdapterEnv } from "../adapter.ts";
import { authorization } from "./api.ts";

const UserInfo = z.object({
  ok: z.boolean(),
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }).optional(),
});

export async function slackChatRights(userId: string, env: AdapterEnv): Promise<boolean> {
  const url = new URL(`${env.setting("SLACK_API_BASE")}/users.info`);
  url.search = new URLSearchParams({ user: userId }).toString();
  try {
    const response = await env.fetch(url, { headers: authorization(env), signal: AbortSignal.timeout(5000) });
    const info = UserInfo.safeParse(await response.json());
    if (!response.ok || !info.success || !info.data.ok) return false;
    return info.data.user?.is_admin === true || info.data.user?.is_owner === true;
  } catch (error) {
    log("error", "slack_rights_failed", { bot: env.bot.name, error: describeError(error) });
    return false;
  }
}
