/**
 * Whether a Slack user may change what a whole channel gets: whoever
 * installed the app in the channel's workspace, or a workspace admin or
 * owner, as `users.info` reports. Asked when it matters (a channel
 * subscription made or stopped), never cached: rights taken away, or an
 * install by someone else, count at once.
 */
import * as z from "zod";
import type { Update } from "../../core/update.ts";
import { describeError, log } from "../../log.ts";
import type { AdapterEnv } from "../adapter.ts";
import { authorization, CLIENT_ID, INSTALLER_ID } from "./api.ts";
import { readRoute } from "./route.ts";
import { inWorkspace } from "./workspace.ts";

const UserInfo = z.object({
  ok: z.boolean(),
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }).optional(),
});

/**
 * Who installed the app in `workspace`: the installer its OAuth installation
 * recorded, or, where there is none and `SLACK_BOT_TOKEN` answers, the
 * user `SLACK_INSTALLER_ID` names.
 */
async function installerOf(env: AdapterEnv, workspace: string | undefined): Promise<string | undefined> {
  const oauth = env.secret(CLIENT_ID) !== undefined && workspace !== undefined;
  const installation = oauth ? await env.installations?.find(workspace) : undefined;
  return installation ? installation.installerId : env.secret(INSTALLER_ID);
}

async function isAdmin(userId: string, env: AdapterEnv): Promise<boolean> {
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

export async function slackChatRights(update: Update, env: AdapterEnv): Promise<boolean> {
  const { workspace } = readRoute(update);
  if (update.user.id === (await installerOf(env, workspace))) return true;
  return isAdmin(update.user.id, await inWorkspace(env, workspace));
}
