/**
 * Slack's side of an install (OAuth v2), for a second stand-in workspace:
 * the authorize page the Worker's `/slack/<bot>/install` sends the browser
 * to, with Allow and Cancel, and `oauth.v2.access`, which takes each code
 * once, from the app's client id and secret and the same redirect URI, and
 * answers with that workspace's own bot token.
 */
import { randomBytes } from "node:crypto";
import type { ApiAnswer, ApiCall } from "../platform.ts";
import { SECOND_WORKSPACE } from "./workspaces.ts";

/** The token the second workspace's install hands out; the first workspace's is SLACK_BOT_TOKEN. */
export const SECOND_WORKSPACE_TOKEN = "xoxb-local-second-workspace-token";

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function page(status: number, body: string): ApiAnswer {
  return { status, body: `<!doctype html><meta charset="utf-8"><title>Slack</title>${body}`, contentType: "text/html" };
}

export interface AppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The stand-in's authorize page and code exchange; `credentials` reads the
 * app's client id and secret (throws without them), and `installed` hears
 * of each token handed out.
 */
export function createInstalls(credentials: () => AppCredentials, installed: (token: string) => void) {
  /** Codes handed out and not yet exchanged, with the redirect URI they were given for. */
  const codes = new Map<string, string>();

  function authorize(call: ApiCall): ApiAnswer {
    const clientId = call.query.get("client_id");
    const redirect = call.query.get("redirect_uri") ?? "";
    const state = call.query.get("state") ?? "";
    if (clientId !== credentials().clientId) return page(400, "<p>Invalid client_id parameter.</p>");
    if (!URL.canParse(redirect) || !new URL(redirect).pathname.endsWith("/oauth/callback")) {
      return page(400, "<p>redirect_uri did not match any configured URIs.</p>");
    }
    const code = randomBytes(12).toString("hex");
    codes.set(code, redirect);
    const back = (params: Record<string, string>) => {
      const url = new URL(redirect);
      url.search = new URLSearchParams({ ...params, state }).toString();
      return escapeHtml(url.href);
    };
    const scopes = escapeHtml((call.query.get("scope") ?? "").replaceAll(",", ", "));
    return page(
      200,
      `<h1>Install into ${SECOND_WORKSPACE.name}</h1><p>The app asks for: ${scopes}</p>` +
        `<p><a href="${back({ code })}">Allow</a> · <a href="${back({ error: "access_denied" })}">Cancel</a></p>`,
    );
  }

  function exchange(call: ApiCall): ApiAnswer {
    const fields = new URLSearchParams(call.body);
    const { clientId, clientSecret } = credentials();
    if (fields.get("client_id") !== clientId || fields.get("client_secret") !== clientSecret) {
      return { status: 200, body: { ok: false, error: "invalid_client_id" } };
    }
    const code = fields.get("code") ?? "";
    const redirect = codes.get(code);
    codes.delete(code);
    if (redirect === undefined) return { status: 200, body: { ok: false, error: "invalid_code" } };
    if (fields.get("redirect_uri") !== redirect) return { status: 200, body: { ok: false, error: "bad_redirect_uri" } };
    installed(SECOND_WORKSPACE_TOKEN);
    return {
      status: 200,
      body: {
        ok: true,
        access_token: SECOND_WORKSPACE_TOKEN,
        token_type: "bot",
        scope: "chat:write,commands",
        bot_user_id: SECOND_WORKSPACE.botUserId,
        app_id: "A0LOCAL01",
        team: { id: SECOND_WORKSPACE.id, name: SECOND_WORKSPACE.name },
        // Ada installs it: the installer may manage the workspace's channel digests.
        authed_user: { id: SECOND_WORKSPACE.user.id },
        enterprise: null,
        is_enterprise_install: false,
      },
    };
  }

  /** The answer to an install call, or undefined for a call that is not one. */
  return (call: ApiCall): ApiAnswer | undefined => {
    if (call.method === "GET" && call.path === "/oauth/v2/authorize") return authorize(call);
    if (call.method === "POST" && call.path === "/oauth.v2.access") return exchange(call);
    return undefined;
  };
}
