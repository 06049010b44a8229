/**
 * Which bot token answers a workspace. With OAuth installs (`SLACK_CLIENT_ID`
 * set) each workspace's token is its installation's, opened with
 * `INSTALL_ENCRYPTION_KEY` and kept briefly per isolate; a workspace without an
 * installation is answered with `SLACK_BOT_TOKEN` when there is one (the
 * single-workspace setup), and otherwise not at all.
 */
import { open } from "../../lib/seal.ts";
import { describeError, log, redactSecretsOf } from "../../log.ts";
import type { AdapterEnv } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { CLIENT_ID, TOKEN, tokenKey } from "./api.ts";

/** How long an isolate trusts what it read: a token for a minute, the absence of one for ten seconds. */
const TOKEN_CACHE_MS = 60_000;
const ABSENT_CACHE_MS = 10_000;

const tokens = new Map<string, { readonly token: string | undefined; readonly until: number }>();

const cacheKey = (env: AdapterEnv, workspace: string) => `${env.bot.name}:${workspace}`;

/** The row an installation's token is sealed for, so that it opens in no other. */
export function sealContext(bot: string, workspace: string): string {
  return `slack:${bot}:${workspace}`;
}

/** No installation and no `SLACK_BOT_TOKEN`: nothing may be sent to this workspace. */
function notInstalled(workspace: string): PlatformError {
  return new PlatformError({
    platform: "slack",
    code: "not_installed",
    description: `the app is not installed in workspace ${workspace}`,
    permanent: true,
    transient: false,
  });
}

async function installedToken(env: AdapterEnv, workspace: string): Promise<string | undefined> {
  const installation = await env.installations?.find(workspace);
  if (!installation) return undefined;
  try {
    const key = await tokenKey(env);
    const token = await open(key, installation.token, sealContext(env.bot.name, workspace));
    if (token === undefined) throw new Error("the sealed token does not open with INSTALL_ENCRYPTION_KEY");
    redactSecretsOf({ SLACK_BOT_TOKEN: token });
    return token;
  } catch (error) {
    log("error", "slack_installation_unreadable", { bot: env.bot.name, workspace, error: describeError(error) });
    return undefined;
  }
}

/** The workspace's own token, when the app was installed there through OAuth. */
async function cachedToken(env: AdapterEnv, workspace: string, now: number): Promise<string | undefined> {
  const key = cacheKey(env, workspace);
  const hit = tokens.get(key);
  if (hit && hit.until > now) return hit.token;
  const token = await installedToken(env, workspace);
  tokens.set(key, { token, until: now + (token === undefined ? ABSENT_CACHE_MS : TOKEN_CACHE_MS) });
  return token;
}

/** Drops what this isolate holds for a workspace (installed again, or gone). */
export function forgetToken(env: AdapterEnv, workspace: string): void {
  tokens.delete(cacheKey(env, workspace));
}

/**
 * `env` speaking for `workspace`: its `SLACK_BOT_TOKEN` is the workspace's.
 * Throws `notInstalled` when there is none. Updates and addresses from before
 * workspaces were recorded carry none and use `SLACK_BOT_TOKEN`.
 */
export async function inWorkspace(env: AdapterEnv, workspace: string | undefined): Promise<AdapterEnv> {
  const fallback = env.secret(TOKEN);
  const oauth = env.secret(CLIENT_ID) !== undefined && workspace !== undefined;
  const token = (oauth ? await cachedToken(env, workspace, Date.now()) : undefined) ?? fallback;
  if (token === undefined) throw notInstalled(workspace ?? "unknown");
  if (token === fallback) return env;
  return { ...env, secret: (name) => (name === TOKEN ? token : env.secret(name)) };
}
