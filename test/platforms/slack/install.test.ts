import { env as bindings } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { bots } from "../../../bots/index.ts";
import { createApp } from "../../../src/app.ts";
import { newTrace } from "../../../src/core/trace.ts";
import type { Env } from "../../../src/env.ts";
import { createAdapterEnv } from "../../../src/platforms/adapter.ts";
import { platforms } from "../../../src/platforms/index.ts";
import { slack } from "../../../src/platforms/slack/index.ts";
import { BOT_SCOPES } from "../../../src/platforms/slack/manifest.ts";
import { interceptFetch, type Outbound } from "../../support/outbound.ts";
import {
  buttonPress,
  eventCallback,
  eventRequest,
  formRequest,
  SLACK_API,
  slashCommand,
  stubSlackAdmins,
  stubSlackApi,
  TEAM,
} from "../../support/slack.ts";
import { unlimited } from "../../support/time.ts";
import { callThrough, deliver, testEnv } from "../../support/worker.ts";

const CLIENT_ID = "1234.5678";
const CLIENT_SECRET = "client-secret-of-the-app";
/** 32 bytes, base64. */
const TOKEN_KEY = btoa(String.fromCharCode(...new Uint8Array(32).map((_, index) => index + 1)));
const CALLBACK = "https://parley.test/slack/oauth/callback";

/** The Worker with OAuth installs on (and, unless `withoutBotToken`, the single-workspace token too). */
function oauthEnv(extra: Record<string, string | undefined> = {}): Env {
  return {
    ...testEnv,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    INSTALL_ENCRYPTION_KEY: TOKEN_KEY,
    ...extra,
  };
}

const get = (path: string, env: Env) => deliver(new Request(`https://parley.test${path}`), env);

/** Opens the install link; returns the state Slack would carry back. */
async function startInstall(env: Env): Promise<string> {
  const response = await get("/slack/install", env);
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "").searchParams.get("state") ?? "";
}

/** Slack's answer to the code exchange: the app installed in `team` by `installer` (by nobody named, as before it was kept). */
function stubAccess(outbound: Outbound, team: string, token: string, installer?: string): Outbound {
  return outbound.on(`${SLACK_API}/oauth.v2.access`, () =>
    Response.json({
      ok: true,
      access_token: token,
      token_type: "bot",
      scope: BOT_SCOPES.join(","),
      bot_user_id: "U0BOT",
      app_id: "A0APP",
      team: { id: team, name: `Team ${team}` },
      enterprise: null,
      is_enterprise_install: false,
      ...(installer === undefined ? {} : { authed_user: { id: installer } }),
    }),
  );
}

/** Installs the app in `team` through the install link and the callback, Slack answering with `token`. */
async function install(env: Env, team: string, token: string, installer?: string): Promise<Response> {
  const state = await startInstall(env);
  stubAccess(interceptFetch(), team, token, installer);
  const response = await get(`/slack/oauth/callback?code=code-${team}&state=${state}`, env);
  vi.unstubAllGlobals();
  return response;
}

async function installationRows(team: string): Promise<Record<string, unknown>[]> {
  const { results } = await bindings.DB.prepare(
    "SELECT * FROM slack_installations WHERE bot = 'concierge' AND workspace = ?",
  )
    .bind(team)
    .all();
  return results;
}

/** The bearer token of each Web API call to `method`. */
function tokensOf(outbound: Outbound, method: string): (string | null)[] {
  return outbound.to(`/api/${method}`).map((call) => call.headers.get("authorization"));
}

function inTeam(payload: Record<string, unknown>, team: string): Record<string, unknown> {
  const authorizations = [{ team_id: team, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }];
  return { ...payload, team_id: team, authorizations };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Slack install link", () => {
  it("sends the browser to Slack's authorize page with the manifest's scopes and a state kept for ten minutes", async () => {
    const env = oauthEnv();
    const response = await get("/slack/install", env);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(location.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(location.searchParams.get("scope")).toBe(BOT_SCOPES.join(","));
    expect(location.searchParams.get("redirect_uri")).toBe(CALLBACK);
    const state = location.searchParams.get("state") ?? "";
    expect(state).toMatch(/^[0-9a-f]{48}$/);
    expect(await bindings.CACHE.get(`slack:install-state:${state}`, "json")).toMatchObject({ bot: "concierge" });
  });

  it("for a bot with prefixed secrets, lives under its name and comes back there", async () => {
    const env = oauthEnv({
      ECHO_SLACK_SIGNING_SECRET: "echo-signing-secret",
      ECHO_SLACK_CLIENT_ID: "9999.0001",
      ECHO_SLACK_CLIENT_SECRET: "echo-client-secret",
      ECHO_INSTALL_ENCRYPTION_KEY: TOKEN_KEY,
    });
    const response = await get("/slack/echo/install", env);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("client_id")).toBe("9999.0001");
    expect(location.searchParams.get("redirect_uri")).toBe("https://parley.test/slack/echo/oauth/callback");
    const state = location.searchParams.get("state") ?? "";
    expect(await bindings.CACHE.get(`slack:install-state:${state}`, "json")).toMatchObject({ bot: "echo" });
  });

  it("is not there without the app's client id", async () => {
    expect((await get("/slack/install", testEnv)).status).toBe(404);
  });

  it("refuses to start without INSTALL_ENCRYPTION_KEY, saying so", async () => {
    const response = await get("/slack/install", oauthEnv({ INSTALL_ENCRYPTION_KEY: undefined }));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("INSTALL_ENCRYPTION_KEY must be 32 random bytes in base64");
  });
});

describe("Slack OAuth callback", () => {
  it("exchanges the code through oauth.v2.access and keeps the token sealed, never as plain text", async () => {
    const env = oauthEnv();
    const state = await startInstall(env);
    const outbound = stubAccess(interceptFetch(), "T0SEALED", "xoxb-sealed-team-token");
    const response = await get(`/slack/oauth/callback?code=the-code&state=${state}`, env);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("installed in Team T0SEALED");
    const [exchange, ...others] = outbound.calls;
    expect(others).toHaveLength(0);
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url.href).toBe("https://slack.com/api/oauth.v2.access");
    expect(exchange?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(exchange?.body))).toEqual({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code: "the-code",
      redirect_uri: CALLBACK,
    });
    const [row, ...more] = await installationRows("T0SEALED");
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ team_id: "T0SEALED", bot_user_id: "U0BOT" });
    expect(JSON.stringify(row)).not.toContain("xoxb-sealed-team-token");
    expect(JSON.stringify(row)).not.toContain(btoa("xoxb-sealed-team-token"));
  });

  it("answers a callback without a state with a page that says so, storing nothing and asking Slack nothing", async () => {
    const outbound = interceptFetch();
    const response = await get("/slack/oauth/callback?code=the-code", oauthEnv());
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("did not come from an install link");
    expect(outbound.calls).toHaveLength(0);
  });

  it("answers a state it never gave out the same way", async () => {
    const outbound = interceptFetch();
    const response = await get("/slack/oauth/callback?code=x&state=made-up", oauthEnv());
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("unknown, expired or already used");
    expect(outbound.calls).toHaveLength(0);
  });

  it("takes a state once: a replayed callback, even where KV still holds the state, stores nothing", async () => {
    const env = oauthEnv();
    const state = await startInstall(env);
    const kept = await bindings.CACHE.get(`slack:install-state:${state}`);
    stubAccess(interceptFetch(), "T0FIRST", "xoxb-first");
    const first = await get(`/slack/oauth/callback?code=one&state=${state}`, env);
    expect(first.status).toBe(200);
    // A KV read elsewhere may still see the state for a while after its deletion.
    await bindings.CACHE.put(`slack:install-state:${state}`, kept ?? "");
    const outbound = stubAccess(interceptFetch(), "T0REPLAY", "xoxb-replayed");
    const replayed = await get(`/slack/oauth/callback?code=two&state=${state}`, env);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain("works once");
    expect(outbound.calls).toHaveLength(0);
    expect(await installationRows("T0REPLAY")).toHaveLength(0);
  });

  it("refuses a state older than ten minutes, storing nothing", async () => {
    const env = oauthEnv();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 10, 29, 12, 0));
    const state = await startInstall(env);
    vi.setSystemTime(Date.UTC(2026, 10, 29, 12, 10, 1));
    const outbound = stubAccess(interceptFetch(), "T0LATE", "xoxb-late");
    const response = await get(`/slack/oauth/callback?code=x&state=${state}`, env);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("last ten minutes");
    expect(outbound.calls).toHaveLength(0);
    expect(await installationRows("T0LATE")).toHaveLength(0);
  });

  it("stores nothing without INSTALL_ENCRYPTION_KEY, and says what is missing", async () => {
    const state = await startInstall(oauthEnv());
    const outbound = stubAccess(interceptFetch(), "T0NOKEY", "xoxb-no-key");
    const response = await get(
      `/slack/oauth/callback?code=x&state=${state}`,
      oauthEnv({ INSTALL_ENCRYPTION_KEY: "c2hvcnQ=" }),
    );
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("INSTALL_ENCRYPTION_KEY must be 32 random bytes in base64");
    expect(outbound.calls).toHaveLength(0);
    expect(await installationRows("T0NOKEY")).toHaveLength(0);
  });
});

describe("Slack in many workspaces", () => {
  it("answers events, slash commands and buttons with the token of the workspace they came from", async () => {
    const env = oauthEnv();
    await install(env, "T0ONE", "xoxb-one");
    await install(env, "T0TWO", "xoxb-two");
    for (const [team, token] of [
      ["T0ONE", "Bearer xoxb-one"],
      ["T0TWO", "Bearer xoxb-two"],
    ] as const) {
      const events = stubSlackApi(interceptFetch());
      await deliver(await eventRequest(inTeam(eventCallback({ text: "help", user: `U1${team}` }), team)), env);
      expect(tokensOf(events, "chat.postMessage")).toEqual([token]);
      expect(tokensOf(events, "users.info")).toEqual([token]);

      const commands = stubSlackApi(interceptFetch());
      // Answered in the response; the user's language is asked with the workspace's token.
      const command = slashCommand({ text: "help", user: `U2${team}` });
      await deliver(await formRequest({ ...command.fields, team_id: team }), env);
      expect(tokensOf(commands, "users.info")).toEqual([token]);

      const buttons = stubSlackApi(interceptFetch());
      const press = buttonPress({ value: "/help", channel: "C0GENERAL", threadTs: "1700000000.000001" });
      const payload = { ...JSON.parse(press.fields.payload ?? "{}"), team: { id: team, domain: "x" } };
      await deliver(await formRequest({ payload: JSON.stringify(payload) }), env);
      expect(tokensOf(buttons, "chat.postMessage")).toEqual([token]);
    }
  });

  it("answers every workspace of an organisation that installed the app org-wide with the org's token", async () => {
    const env = oauthEnv();
    const state = await startInstall(env);
    interceptFetch().on(`${SLACK_API}/oauth.v2.access`, () =>
      Response.json({
        ok: true,
        access_token: "xoxb-org",
        token_type: "bot",
        scope: BOT_SCOPES.join(","),
        bot_user_id: "U0BOT",
        app_id: "A0APP",
        team: null,
        enterprise: { id: "E0ORG", name: "The Org" },
        is_enterprise_install: true,
      }),
    );
    expect((await get(`/slack/oauth/callback?code=org&state=${state}`, env)).status).toBe(200);
    expect(await installationRows("E0ORG")).toHaveLength(1);
    const outbound = stubSlackApi(interceptFetch());
    const authorizations = [
      { enterprise_id: "E0ORG", team_id: "T0INORG", user_id: "U0BOT", is_bot: true, is_enterprise_install: true },
    ];
    const callback = { ...eventCallback({ text: "help", user: "U0ORGUSER" }), team_id: "T0INORG", authorizations };
    await deliver(await eventRequest(callback), env);
    expect(tokensOf(outbound, "chat.postMessage")).toEqual(["Bearer xoxb-org"]);
  });

  it("keeps the workspace in what a reminder is sent to, and pushes it with that workspace's token", async () => {
    const env = oauthEnv();
    await install(env, "T0PUSH", "xoxb-push");
    stubSlackApi(interceptFetch());
    await deliver(
      await eventRequest(inTeam(eventCallback({ text: "remind in 5m stretch", channel: "D0PUSH" }), "T0PUSH")),
      env,
    );
    const row = await bindings.DB.prepare("SELECT address FROM reminders WHERE chat_id = 'D0PUSH'").first<{
      address: string;
    }>();
    const address = JSON.parse(row?.address ?? "{}");
    expect(address).toEqual({ chatId: "D0PUSH", workspace: "T0PUSH" });
    const outbound = stubSlackApi(interceptFetch());
    await slack.push(address, [{ text: "stretch" }], createAdapterEnv(env, concierge, newTrace()));
    expect(tokensOf(outbound, "chat.postMessage")).toEqual(["Bearer xoxb-push"]);
  });

  it("uses SLACK_BOT_TOKEN for a workspace without an installation", async () => {
    const outbound = stubSlackApi(interceptFetch());
    await deliver(await eventRequest(inTeam(eventCallback({ text: "help" }), "T0SINGLE")), oauthEnv());
    expect(tokensOf(outbound, "chat.postMessage")).toEqual(["Bearer xoxb-concierge-test-token"]);
  });

  it("sends nothing to a workspace it has no token for, and does not fail the request", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const response = await deliver(
      await eventRequest(inTeam(eventCallback({ text: "help" }), "T0UNKNOWN")),
      oauthEnv({ SLACK_BOT_TOKEN: undefined }),
    );
    expect(response.status).toBe(200);
    expect(outbound.calls).toHaveLength(0);
  });
});

describe("Slack uninstalls", () => {
  async function seedSchedule(team: string, chat: string): Promise<void> {
    const address = JSON.stringify({ chatId: chat, workspace: team });
    await bindings.DB.batch([
      bindings.DB.prepare(
        `INSERT INTO subscriptions (bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, updated_at)
         VALUES ('concierge', 'slack', ?, 'U0ANN', ?, 'news', '08:00', 'UTC', 0, 0)`,
      ).bind(chat, address),
      bindings.DB.prepare(
        `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, created_at)
         VALUES ('concierge', 'slack', ?, 'U0ANN', ?, 'stretch', 0, 0)`,
      ).bind(chat, address),
    ]);
  }

  async function statuses(chat: string) {
    const subscription = await bindings.DB.prepare("SELECT status FROM subscriptions WHERE chat_id = ?")
      .bind(chat)
      .first();
    const reminder = await bindings.DB.prepare("SELECT status FROM reminders WHERE chat_id = ?").bind(chat).first();
    return { subscription: subscription?.status, reminder: reminder?.status };
  }

  const uninstallEvent = (team: string, event: Record<string, unknown>) =>
    inTeam({ ...eventCallback({ text: "" }), event: { ...event, event_ts: "1700000000.000001" } }, team);

  for (const [name, event] of [
    ["app_uninstalled", { type: "app_uninstalled" }],
    ["tokens_revoked", { type: "tokens_revoked", tokens: { oauth: [], bot: ["U0BOT"] } }],
  ] as const) {
    it(`${name} removes the workspace's installation and pauses its digests and reminders, and only its`, async () => {
      const env = oauthEnv();
      const gone = `T0GONE${name.length}`;
      const kept = `T0KEPT${name.length}`;
      await install(env, gone, "xoxb-gone");
      await install(env, kept, "xoxb-kept");
      await seedSchedule(gone, `C0GONE${name.length}`);
      await seedSchedule(kept, `C0KEPT${name.length}`);
      const outbound = stubSlackApi(interceptFetch());
      const response = await deliver(await eventRequest(uninstallEvent(gone, event)), env);
      expect(response.status).toBe(200);
      expect(outbound.calls).toHaveLength(0);
      expect(await installationRows(gone)).toHaveLength(0);
      expect(await installationRows(kept)).toHaveLength(1);
      expect(await statuses(`C0GONE${name.length}`)).toEqual({ subscription: "paused", reminder: "failed" });
      expect(await statuses(`C0KEPT${name.length}`)).toEqual({ subscription: "active", reminder: "pending" });
      // Nothing more goes to the workspace: without SLACK_BOT_TOKEN its messages are dropped.
      const after = stubSlackApi(interceptFetch());
      await deliver(await eventRequest(inTeam(eventCallback({ text: "help" }), gone)), {
        ...env,
        SLACK_BOT_TOKEN: undefined,
      } as Env);
      expect(after.calls).toHaveLength(0);
    });
  }

  it("a revoked user token alone leaves the installation", async () => {
    const env = oauthEnv();
    await install(env, "T0USERS", "xoxb-users");
    stubSlackApi(interceptFetch());
    await deliver(
      await eventRequest(uninstallEvent("T0USERS", { type: "tokens_revoked", tokens: { oauth: ["U0ANN"] } })),
      env,
    );
    expect(await installationRows("T0USERS")).toHaveLength(1);
  });
});

describe("who may change a channel's digests", () => {
  /** Nobody here is a workspace admin but U0ADMIN. */
  const ADMIN = "U0ADMIN";

  /** `user` sends the slash command `text` in `channel` of `team`; returns the answer's text. */
  async function slash(env: Env, team: string, channel: string, user: string, text: string): Promise<string> {
    stubSlackApi(stubSlackAdmins(interceptFetch(), [ADMIN]));
    const command = slashCommand({ text, channel, user });
    const app = createApp({ bots, platforms }, { timer: unlimited });
    const { response, settled } = await callThrough(
      app.fetch,
      await formRequest({ ...command.fields, team_id: team }),
      env,
    );
    await settled;
    return ((await response.json()) as { blocks: { text?: { text: string } }[] }).blocks[0]?.text?.text ?? "";
  }

  async function digestsOf(channel: string): Promise<string[]> {
    const { results } = await bindings.DB.prepare("SELECT digest FROM subscriptions WHERE chat_id = ?")
      .bind(channel)
      .all<{ digest: string }>();
    return results.map((row) => row.digest);
  }

  it("the user who installed the app, not an admin, subscribes and stops a channel's digest in that workspace", async () => {
    const env = oauthEnv();
    await install(env, "T0MINE", "xoxb-mine", "U0INSTALLER");
    expect(await installationRows("T0MINE")).toMatchObject([{ installer_id: "U0INSTALLER" }]);
    expect(await slash(env, "T0MINE", "C0MINE1", "U0INSTALLER", "subscribe news 08:00 UTC")).toContain(
      "This chat gets *news*",
    );
    expect(await digestsOf("C0MINE1")).toEqual(["news"]);
    expect(await slash(env, "T0MINE", "C0MINE1", "U0INSTALLER", "unsubscribe news")).toContain(
      "Unsubscribed from *news*",
    );
    expect(await digestsOf("C0MINE1")).toEqual([]);
  });

  it("the installer of one workspace may neither subscribe nor stop a channel's digest in another", async () => {
    const env = oauthEnv();
    await install(env, "T0MINE", "xoxb-mine", "U0INSTALLER");
    await install(env, "T0THEIRS", "xoxb-theirs", "U0THEIRS");
    expect(await slash(env, "T0THEIRS", "C0THEIRS1", "U0INSTALLER", "subscribe news 08:00 UTC")).toContain(
      "Only someone who manages this chat",
    );
    expect(await digestsOf("C0THEIRS1")).toEqual([]);
    expect(await slash(env, "T0THEIRS", "C0THEIRS1", "U0THEIRS", "subscribe news 08:00 UTC")).toContain(
      "This chat gets *news*",
    );
    expect(await slash(env, "T0THEIRS", "C0THEIRS1", "U0INSTALLER", "unsubscribe news")).toContain(
      "Only someone who manages this chat",
    );
    expect(await digestsOf("C0THEIRS1")).toEqual(["news"]);
  });

  it("someone who neither installed the app nor is an admin may neither subscribe nor stop a channel's digest", async () => {
    const env = oauthEnv();
    await install(env, "T0MINE", "xoxb-mine", "U0INSTALLER");
    expect(await slash(env, "T0MINE", "C0MINE2", "U0ANN", "subscribe news 08:00 UTC")).toContain(
      "Only someone who manages this chat",
    );
    expect(await digestsOf("C0MINE2")).toEqual([]);
    expect(await slash(env, "T0MINE", "C0MINE2", ADMIN, "subscribe news 08:00 UTC")).toContain("This chat gets *news*");
    expect(await slash(env, "T0MINE", "C0MINE2", "U0ANN", "unsubscribe news")).toContain(
      "Only someone who manages this chat",
    );
    expect(await digestsOf("C0MINE2")).toEqual(["news"]);
  });

  it("an installation kept without its installer leaves the channel's digests to admins", async () => {
    const env = oauthEnv({ SLACK_INSTALLER_ID: "U0ANN" });
    await install(env, "T0OLD", "xoxb-old");
    expect(await installationRows("T0OLD")).toMatchObject([{ installer_id: null }]);
    expect(await slash(env, "T0OLD", "C0OLD", "U0ANN", "subscribe news 08:00 UTC")).toContain(
      "Only someone who manages this chat",
    );
    expect(await slash(env, "T0OLD", "C0OLD", ADMIN, "subscribe news 08:00 UTC")).toContain("This chat gets *news*");
    expect(await digestsOf("C0OLD")).toEqual(["news"]);
  });

  it("in a single workspace, the user SLACK_INSTALLER_ID names subscribes and stops a channel's digest; others may not", async () => {
    const env = { ...testEnv, SLACK_INSTALLER_ID: "U0SOLO" } as Env;
    expect(await slash(env, TEAM, "C0SOLO", "U0ANN", "subscribe news 08:00 UTC")).toContain(
      "Only someone who manages this chat",
    );
    expect(await slash(env, TEAM, "C0SOLO", "U0SOLO", "subscribe news 08:00 UTC")).toContain("This chat gets *news*");
    expect(await slash(env, TEAM, "C0SOLO", "U0ANN", "unsubscribe news")).toContain(
      "Only someone who manages this chat",
    );
    expect(await slash(env, TEAM, "C0SOLO", "U0SOLO", "unsubscribe news")).toContain("Unsubscribed from *news*");
    expect(await digestsOf("C0SOLO")).toEqual([]);
  });
});
