/**
 * Installing a bot's Slack app into a workspace (OAuth v2):
 * `GET /slack/:bot/install` sends the browser to Slack's authorize page with
 * the manifest's scopes and a `state` kept in KV for ten minutes;
 * `GET /slack/:bot/oauth/callback` takes that state once (D1 decides what
 * "once" is, KV being eventually consistent), exchanges the code through
 * `oauth.v2.access`, and keeps the installation with its bot token sealed
 * under `INSTALL_ENCRYPTION_KEY`. A state that is missing, unknown, expired or used
 * ends in a page that says so, with nothing stored.
 */
import { type Context, Hono } from "hono";
import * as z from "zod";
import { newTrace } from "../core/trace.ts";
import type { AppEnv } from "../env.ts";
import { escapeHtml } from "../lib/html.ts";
import { own } from "../lib/own.ts";
import { SealKeyError, seal } from "../lib/seal.ts";
import { describeError, log } from "../log.ts";
import { type AdapterEnv, createAdapterEnv } from "../platforms/adapter.ts";
import { CLIENT_ID, CLIENT_SECRET, tokenKey } from "../platforms/slack/api.ts";
import { BOT_SCOPES, installBase } from "../platforms/slack/manifest.ts";
import { workspaceOf } from "../platforms/slack/parse.ts";
import { forgetToken, sealContext } from "../platforms/slack/workspace.ts";
import type { Registry } from "../registry.ts";

/** How long an install link's state is good for. */
const STATE_TTL_MS = 10 * 60_000;
const EXCHANGE_TIMEOUT_MS = 10_000;

const State = z.object({ bot: z.string(), expiresAt: z.number() });

const Access = z.object({
  ok: z.literal(true),
  access_token: z.string().min(1),
  scope: z.string().default(""),
  bot_user_id: z.string().min(1),
  /** Who installed the app: they may manage its digests in the workspace's channels (`slackChatRights`). */
  authed_user: z.object({ id: z.string().min(1) }).nullish(),
  team: z.object({ id: z.string(), name: z.string().optional() }).nullish(),
  enterprise: z.object({ id: z.string(), name: z.string().optional() }).nullish(),
  is_enterprise_install: z.boolean().default(false),
});
const Refusal = z.object({ ok: z.literal(false), error: z.string() });

const stateKey = (state: string) => `slack:install-state:${state}`;

function page(status: 400 | 404 | 502 | 503 | 200, title: string, text: string): Response {
  const html = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'",
    },
  });
}

/** The bot's Slack environment when it installs through OAuth, else undefined (404). */
function installingBot(registry: Registry, name: string, settings: AppEnv["Bindings"]) {
  const bot = own(registry.bots, name);
  if (!bot || !own(registry.platforms, "slack")) return undefined;
  const env = createAdapterEnv(settings, bot, newTrace());
  const clientId = env.secret(CLIENT_ID);
  const clientSecret = env.secret(CLIENT_SECRET);
  if (clientId === undefined || clientSecret === undefined) return undefined;
  return { env, clientId, clientSecret };
}

/** The bot `/slack/install` installs: the one whose secrets carry no prefix. */
function unprefixedBot(registry: Registry): string | undefined {
  return Object.values(registry.bots).find((bot) => bot.secretPrefix === "")?.name;
}

function redirectUri(requestUrl: string, base: string): string {
  return new URL(`${base}/oauth/callback`, requestUrl).href;
}

/** Checks `INSTALL_ENCRYPTION_KEY` before anything is asked of Slack: without it no token could be kept. */
async function keyOrPage(env: AdapterEnv): Promise<CryptoKey | Response> {
  try {
    return await tokenKey(env);
  } catch (error) {
    if (!(error instanceof SealKeyError)) throw error;
    log("error", "slack_install_refused", { bot: env.bot.name, reason: error.message });
    return page(503, "Installing is not set up", `${error.message}; nothing was stored.`);
  }
}

/** Takes the state once: undefined when it was good, else the page that says why not. */
async function takeState(
  env: AdapterEnv,
  base: string,
  state: string | undefined,
  now: number,
): Promise<Response | undefined> {
  const again = `Start again from ${base}/install.`;
  if (!state)
    return page(400, "Install link without a state", `This request did not come from an install link. ${again}`);
  const stored = State.safeParse(await env.cache.get(stateKey(state), "json"));
  if (!stored.success || stored.data.bot !== env.bot.name) {
    return page(400, "Install link expired or used", `This install link is unknown, expired or already used. ${again}`);
  }
  if (stored.data.expiresAt <= now) {
    return page(400, "Install link expired", `Install links last ten minutes. ${again}`);
  }
  if (!(await env.installations?.claimState(state, now))) {
    return page(400, "Install link already used", `Each install link works once. ${again}`);
  }
  await env.cache.delete(stateKey(state));
  return undefined;
}

async function exchange(env: AdapterEnv, fields: Record<string, string>): Promise<z.infer<typeof Access> | string> {
  const response = await env.fetch(`${env.setting("SLACK_API_BASE")}/oauth.v2.access`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const access = Access.safeParse(body);
  if (access.success) return access.data;
  return Refusal.safeParse(body).data?.error ?? `unexpected answer (HTTP ${response.status})`;
}

export function slackInstallRoutes(registry: Registry): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const install = async (c: Context<AppEnv>, bot: string | undefined): Promise<Response> => {
    const found = bot === undefined ? undefined : installingBot(registry, bot, c.env);
    if (!found) return c.json({ error: "not found" }, 404);
    const base = installBase(found.env.bot);
    const { env, clientId } = found;
    const key = await keyOrPage(env);
    if (key instanceof Response) return key;
    const state = Array.from(crypto.getRandomValues(new Uint8Array(24)), (byte) =>
      byte.toString(16).padStart(2, "0"),
    ).join("");
    const expiresAt = Date.now() + STATE_TTL_MS;
    await env.cache.put(stateKey(state), JSON.stringify({ bot: env.bot.name, expiresAt }), {
      expirationTtl: STATE_TTL_MS / 1000,
    });
    const authorize = new URL(`${env.setting("SLACK_OAUTH_BASE")}/authorize`);
    authorize.search = new URLSearchParams({
      client_id: clientId,
      scope: BOT_SCOPES.join(","),
      redirect_uri: redirectUri(c.req.url, base),
      state,
    }).toString();
    return c.redirect(authorize.href, 302);
  };

  const callback = async (c: Context<AppEnv>, bot: string | undefined): Promise<Response> => {
    const found = bot === undefined ? undefined : installingBot(registry, bot, c.env);
    if (!found) return c.json({ error: "not found" }, 404);
    const base = installBase(found.env.bot);
    const { env, clientId, clientSecret } = found;
    const key = await keyOrPage(env);
    if (key instanceof Response) return key;
    const refused = await takeState(env, base, c.req.query("state"), Date.now());
    if (refused) return refused;
    const denied = c.req.query("error");
    if (denied !== undefined) return page(400, "Not installed", `Slack answered: ${denied}. Nothing was stored.`);
    const code = c.req.query("code");
    if (!code) return page(400, "Not installed", "Slack sent no code. Nothing was stored.");
    const access = await exchange(env, {
      client_id: clientId,
      client_secret: clientSecret,
      code,
      redirect_uri: redirectUri(c.req.url, base),
    }).catch((error: unknown) => `no answer (${describeError(error)})`);
    if (typeof access === "string") {
      log("error", "slack_install_failed", { bot: env.bot.name, error: access });
      return page(502, "Not installed", `Slack did not take the code: ${access}. Nothing was stored.`);
    }
    const workspace = workspaceOf(access.team?.id, access.enterprise?.id, access.is_enterprise_install);
    if (workspace === undefined) return page(502, "Not installed", "Slack named no workspace. Nothing was stored.");
    await env.installations?.save(
      {
        workspace,
        teamId: access.team?.id,
        enterpriseId: access.enterprise?.id,
        botUserId: access.bot_user_id,
        installerId: access.authed_user?.id,
        scopes: access.scope,
        token: await seal(key, access.access_token, sealContext(env.bot.name, workspace)),
      },
      Date.now(),
    );
    forgetToken(env, workspace);
    log("info", "slack_installed", { bot: env.bot.name, workspace });
    const where = access.team?.name ?? access.enterprise?.name ?? workspace;
    return page(200, "Installed", `${env.bot.name} is installed in ${where}.`);
  };

  routes.get("/install", (c) => install(c, unprefixedBot(registry)));
  routes.get("/oauth/callback", (c) => callback(c, unprefixedBot(registry)));
  routes.get("/:bot/install", (c) => install(c, c.req.param("bot")));
  routes.get("/:bot/oauth/callback", (c) => callback(c, c.req.param("bot")));
  return routes;
}
