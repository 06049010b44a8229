/**
 * Telegram's, Discord's and Slack's APIs on loopback, as far as
 * `npm run setup` uses them: each keeps what it is told (a webhook, menus,
 * commands, an app's manifest) and reports it back as the platform would,
 * with fields and defaults of its own, so that a second run sees the first
 * one's work. Tokens other than the ones they were given are refused as the
 * platforms refuse them.
 */
import type { Answer, RecordedCall } from "./stand-in.ts";

export interface Webhook {
  readonly url: string;
  readonly secret_token: string;
  readonly allowed_updates: readonly string[];
}

export interface PlatformsState {
  telegram: { token: string; webhook?: Webhook; menus: Map<string, unknown> };
  discord: {
    token: string;
    application: { id: string; verify_key: string; interactions_endpoint_url: string | null };
    commands: Record<string, unknown>[];
  };
  slack: {
    botToken: string;
    configToken: string;
    /** The app, once made: by hand before the run, or by `apps.manifest.create`. */
    app?: { id: string; manifest: Record<string, unknown> };
    /** What `apps.manifest.create` hands out. */
    newApp: { id: string; signingSecret: string };
  };
}

const BOT_ID = "B0BOT00001";

function json(body: string): Record<string, unknown> {
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

function telegram(state: PlatformsState["telegram"], call: RecordedCall, path: string): Answer {
  const [, token, method] = /^\/bot([^/]+)\/(\w+)$/.exec(path) ?? [];
  if (token !== state.token) return { status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } };
  const body = json(call.body);
  const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
  switch (method) {
    case "getWebhookInfo": {
      const { webhook } = state;
      return ok({
        url: webhook?.url ?? "",
        has_custom_certificate: false,
        pending_update_count: 0,
        ...(webhook ? { allowed_updates: webhook.allowed_updates, max_connections: 40 } : {}),
      });
    }
    case "setWebhook":
      state.webhook = body as unknown as Webhook;
      return ok(true);
    case "getMyCommands":
      return ok(state.menus.get(String(body.language_code ?? "")) ?? []);
    case "setMyCommands":
      state.menus.set(String(body.language_code ?? ""), body.commands);
      return ok(true);
    default:
      return { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } };
  }
}

/** A registered command as Discord reports it: ids and defaults added, `required: false` left out. */
function asRegistered(command: Record<string, unknown>, i: number, applicationId: string): Record<string, unknown> {
  const options = command.options as Record<string, unknown>[] | undefined;
  const withoutFalse = (option: Record<string, unknown>): Record<string, unknown> => {
    const { required, options: nested, ...rest } = option;
    return {
      ...rest,
      ...(required ? { required } : {}),
      ...(Array.isArray(nested) ? { options: nested.map(withoutFalse) } : {}),
    };
  };
  return {
    id: `13000000000000000${i}`,
    application_id: applicationId,
    version: "1300000000000000099",
    default_member_permissions: null,
    nsfw: false,
    name_localizations: null,
    ...command,
    ...(options ? { options: options.map(withoutFalse) } : {}),
  };
}

function discord(state: PlatformsState["discord"], call: RecordedCall, path: string): Answer {
  if (call.headers.authorization !== `Bot ${state.token}`) {
    return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
  }
  const { application } = state;
  const route = path.split("?")[0];
  if (route === "/applications/@me" && call.method === "GET") return { status: 200, body: application };
  if (route === "/applications/@me" && call.method === "PATCH") {
    application.interactions_endpoint_url = String(json(call.body).interactions_endpoint_url);
    return { status: 200, body: application };
  }
  if (route === `/applications/${application.id}/commands` && call.method === "GET") {
    return { status: 200, body: state.commands.map((command, i) => asRegistered(command, i, application.id)) };
  }
  if (route === `/applications/${application.id}/commands` && call.method === "PUT") {
    state.commands = JSON.parse(call.body) as Record<string, unknown>[];
    return { status: 200, body: state.commands.map((command, i) => asRegistered(command, i, application.id)) };
  }
  return { status: 404, body: { message: "404: Not Found", code: 0 } };
}

function slack(state: PlatformsState["slack"], call: RecordedCall, method: string): Answer {
  const token = call.headers.authorization?.replace(/^Bearer /, "");
  const params = Object.fromEntries(new URLSearchParams(call.body));
  const ok = (body: Record<string, unknown>): Answer => ({ status: 200, body: { ok: true, ...body } });
  const refuse = (error: string): Answer => ({ status: 200, body: { ok: false, error } });
  const botMethod = method === "auth.test" || method === "bots.info";
  if (token !== (botMethod ? state.botToken : state.configToken)) return refuse("invalid_auth");
  const { app } = state;
  switch (method) {
    case "auth.test":
      return ok({ url: "https://parley-test.slack.com/", team: "Parley", user: "concierge", bot_id: BOT_ID });
    case "bots.info":
      return params.bot === BOT_ID && app
        ? ok({ bot: { id: BOT_ID, app_id: app.id, name: "concierge" } })
        : refuse("bot_not_found");
    case "apps.manifest.export":
      // Slack reports its own metadata and defaults beside what it was given.
      return app && app.id === params.app_id
        ? ok({ manifest: { _metadata: { major_version: 1, minor_version: 1 }, ...app.manifest } })
        : refuse("app_not_found");
    case "apps.manifest.update":
      if (!app || app.id !== params.app_id) return refuse("app_not_found");
      app.manifest = JSON.parse(params.manifest ?? "{}");
      return ok({ app_id: app.id, permissions_updated: false });
    case "apps.manifest.create":
      state.app = { id: state.newApp.id, manifest: JSON.parse(params.manifest ?? "{}") };
      return ok({
        app_id: state.newApp.id,
        credentials: {
          client_id: "1.2",
          client_secret: "slack-test-client-secret",
          verification_token: "slack-test-verification",
          signing_secret: state.newApp.signingSecret,
        },
        oauth_authorize_url: `https://slack.com/oauth/v2/authorize?client_id=1.2&scope=commands`,
      });
    default:
      return refuse("unknown_method");
  }
}

/** Answers a call to `/telegram/…`, `/discord/…` or `/slack/…` from `state`, changing it as the platform would. */
export function answerAsPlatforms(state: PlatformsState, call: RecordedCall): Answer {
  const [, platform, rest = ""] = /^\/(telegram|discord|slack)(\/.*)$/.exec(call.url) ?? [];
  if (platform === "telegram") return telegram(state.telegram, call, rest);
  if (platform === "discord") return discord(state.discord, call, rest);
  if (platform === "slack") return slack(state.slack, call, rest.slice(1));
  return { status: 404, body: "not a platform" };
}
