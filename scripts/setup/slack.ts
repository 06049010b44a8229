/**
 * A bot on Slack: its app, described by the manifest the bot's intent
 * definitions give (src/platforms/slack/manifest.ts). With an app
 * configuration token, `npm run setup` creates the app
 * (`apps.manifest.create`) or updates it where it differs from what Slack
 * reports (`apps.manifest.export`, `apps.manifest.update`); the app's id is
 * remembered, or learnt from the bot token. Without one, it prints the
 * manifest and where to paste it.
 */
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { CLIENT_ID, CLIENT_SECRET, SIGNING_SECRET, TOKEN, TOKEN_KEY } from "../../src/platforms/slack/api.ts";
import { slackManifest } from "../../src/platforms/slack/manifest.ts";
import { covers } from "./compare.ts";
import { type PlatformSetup, Refused, type SetupContext, type Skipped } from "./platform.ts";
import { describeCall } from "./steps.ts";

const CONFIG_TOKEN = "SLACK_CONFIG_TOKEN";
const DEFAULT_API_BASE = "https://slack.com/api";
const TIMEOUT_MS = 10_000;

/** What Slack answers a token it does not take. */
const AUTH_ERRORS: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
]);

/** Slack answers HTTP 200 for most failures and says so in the body. */
const Answer = z.looseObject({
  ok: z.boolean(),
  error: z.string().optional(),
  errors: z.array(z.looseObject({ message: z.string(), pointer: z.string().optional() })).optional(),
});
const AuthTest = z.object({ bot_id: z.string().optional() });
const BotsInfo = z.object({ bot: z.object({ app_id: z.string() }) });
const Exported = z.object({ manifest: z.record(z.string(), z.unknown()) });
const Created = z.object({
  app_id: z.string(),
  credentials: z.object({ signing_secret: z.string() }),
  oauth_authorize_url: z.string().optional(),
});
const Updated = z.object({ permissions_updated: z.boolean().optional() });

export class SlackRefused extends Error {
  override readonly name = "SlackRefused";
  readonly error: string;

  constructor(method: string, error: string, details: readonly string[]) {
    super(`Slack refused ${method} (${error})${details.length ? `: ${details.join("; ")}` : ""}`);
    this.error = error;
  }
}

/** Web API methods as form posts with the token as a bearer: the form every method takes. */
class SlackClient {
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  describe(method: string, params: Readonly<Record<string, string>>, tokenName: string): string {
    return `${describeCall("POST", `${this.base}/${method}`, params)} with ${tokenName}`;
  }

  async call<T>(
    method: string,
    token: string,
    params: Readonly<Record<string, string>>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const response = await fetch(`${this.base}/${method}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = Answer.safeParse(await response.json().catch(() => undefined));
    if (!answer.success)
      throw new Error(`Slack's answer to ${method} (HTTP ${response.status}) is not what it documents.`);
    if (!answer.data.ok) {
      const details = (answer.data.errors ?? []).map((error) => `${error.pointer ?? ""} ${error.message}`.trim());
      throw new SlackRefused(method, answer.data.error ?? "unknown_error", details);
    }
    const parsed = schema.safeParse(answer.data);
    if (!parsed.success) throw new Error(`Slack's answer to ${method} is not what it documents.`);
    return parsed.data;
  }
}

/** Turns Slack's refusal of a token into one that names the variable. */
function refusedToken(variable: string, hint: string) {
  return (error: unknown): never => {
    if (error instanceof SlackRefused && AUTH_ERRORS.has(error.error)) {
      throw new Refused("Slack", variable, error.error, hint);
    }
    throw error;
  };
}

function appPage(appId: string, page: string): string {
  return `https://api.slack.com/apps/${appId}/${page}`;
}

/**
 * The app's client id and secret, for installs into many workspaces, with the
 * key their bot tokens are sealed with: given, or made once and kept.
 */
function oauthSecrets(ctx: SetupContext): Record<string, string> | undefined {
  const { inputs, state, steps } = ctx;
  const clientId = inputs.get(CLIENT_ID);
  const clientSecret = inputs.get(CLIENT_SECRET);
  if (!clientId || !clientSecret) return undefined;
  const keyName = inputs.fullName(TOKEN_KEY);
  let key = inputs.get(TOKEN_KEY);
  if (!key) {
    key = randomBytes(32).toString("base64");
    steps.change(`${keyName} ${steps.dryRun ? "to be made" : "made"} (kept in ${state.keptFile})`);
    state.keep(keyName, key);
  }
  steps.hide(keyName, key);
  return { [inputs.fullName(CLIENT_ID)]: clientId, [inputs.fullName(CLIENT_SECRET)]: clientSecret, [keyName]: key };
}

export function slackSetup(ctx: SetupContext): PlatformSetup | Skipped {
  const { bot, inputs, steps, state } = ctx;
  const signingName = inputs.fullName(SIGNING_SECRET);
  const tokenName = inputs.fullName(TOKEN);
  const signing = inputs.get(SIGNING_SECRET);
  const token = inputs.get(TOKEN);
  const config = inputs.get(CONFIG_TOKEN);
  const oauth = oauthSecrets(ctx);
  if (!signing && !token && !config) return { skipped: `no ${signingName}, ${tokenName} or ${CONFIG_TOKEN}` };
  // Without a configuration token, the app is the user's to make, and its secrets come from it.
  if (!config && !(signing && (token || oauth))) {
    return {
      skipped: `missing ${signing ? tokenName : signingName} (or give ${CONFIG_TOKEN}: setup then makes the app)`,
    };
  }
  if (config && token && !signing) return { skipped: `missing ${signingName}` };
  const client = new SlackClient(ctx.env.SLACK_API_BASE || DEFAULT_API_BASE);
  const configRefused = refusedToken(
    CONFIG_TOKEN,
    "configuration tokens last 12 hours; generate one at https://api.slack.com/apps (Your App Configuration Tokens)",
  );
  let appId: string | undefined = state.recorded.slackApps[bot.name];
  let exported: Record<string, unknown> | undefined;
  /** In a dry run, what would have been read: the plan shows where it comes from. */
  const planned = (what: string) => `<${what}>`;
  /** The app to compare and update: remembered or learnt, or in a dry run the one the bot token would tell. */
  const knownApp = () => appId ?? (steps.dryRun && token ? planned("app id from bots.info") : undefined);
  const secrets = Object.fromEntries(
    [[signingName, signing], [tokenName, token], ...Object.entries(oauth ?? {})].filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );

  async function update(id: string, manifest: ReturnType<typeof slackManifest>): Promise<void> {
    if (exported !== undefined && covers(exported, manifest)) {
      steps.ok(`Slack app ${id} manifest already up to date`);
      return;
    }
    steps.change(`Slack app ${id} manifest ${exported === undefined ? "unknown in a dry run" : "differs"}: updating`);
    const params = { app_id: id, manifest: JSON.stringify(manifest) };
    const updated = await steps.act(client.describe("apps.manifest.update", params, CONFIG_TOKEN), () =>
      client.call("apps.manifest.update", config ?? "", params, Updated).catch(configRefused),
    );
    if (updated?.permissions_updated) {
      steps.note(`The app's scopes changed: install it again at ${appPage(id, "install-on-team")}`);
    }
  }

  async function create(manifest: ReturnType<typeof slackManifest>): Promise<Record<string, string> | undefined> {
    steps.change("Slack app not made yet: creating it from the manifest");
    const params = { manifest: JSON.stringify(manifest) };
    const created = await steps.act(client.describe("apps.manifest.create", params, CONFIG_TOKEN), () =>
      client.call("apps.manifest.create", config ?? "", params, Created).catch(configRefused),
    );
    const id = created?.app_id ?? planned("the new app's id");
    if (created) {
      state.update((recorded) => {
        recorded.slackApps[bot.name] = created.app_id;
      });
      // Slack shows a new app's signing secret once, here: kept, and put into the Worker.
      steps.hide(signingName, created.credentials.signing_secret);
      state.keep(signingName, created.credentials.signing_secret);
    }
    steps.note(
      [
        `Slack app ${id} made. To finish:`,
        `1. Install it to your workspace: ${created?.oauth_authorize_url ?? appPage(id, "install-on-team")}`,
        `2. Run npm run setup again with ${tokenName} (OAuth & Permissions, Bot User OAuth Token, xoxb-…).`,
        `3. Slack checks the events URL before the Worker has both secrets: open ${appPage(id, "event-subscriptions")}`,
        "   and press Retry until it shows as verified.",
      ].join("\n"),
    );
    return created ? { [signingName]: created.credentials.signing_secret } : undefined;
  }

  return {
    secrets,
    async check() {
      let botId: string | undefined;
      if (token) {
        const auth = await steps.look(client.describe("auth.test", {}, tokenName), () =>
          client
            .call("auth.test", token, {}, AuthTest)
            .catch(refusedToken(tokenName, "use the Bot User OAuth Token, xoxb-…, of OAuth & Permissions")),
        );
        botId = auth?.bot_id;
      }
      if (!config) return;
      if (appId === undefined && token) {
        // An app made by hand: its bot token tells which it is (bots.info needs users:read, which the manifest asks for).
        const params = { bot: botId ?? planned("bot id from auth.test") };
        const info = await steps.look(client.describe("bots.info", params, tokenName), () =>
          client.call("bots.info", token, params, BotsInfo),
        );
        const found = info?.bot.app_id;
        if (found !== undefined) {
          appId = found;
          state.update((recorded) => {
            recorded.slackApps[bot.name] = found;
          });
        }
      }
      const id = knownApp();
      if (id !== undefined) {
        const params = { app_id: id };
        const answer = await steps.look(client.describe("apps.manifest.export", params, CONFIG_TOKEN), () =>
          client.call("apps.manifest.export", config, params, Exported).catch(configRefused),
        );
        exported = answer?.manifest;
      }
    },
    async apply(url) {
      const manifest = slackManifest(bot, url);
      if (!config) {
        steps.skip(
          `Slack app manifest not sent (no ${CONFIG_TOKEN}); it is the app's "App Manifest" at https://api.slack.com/apps:`,
        );
        steps.note(JSON.stringify(manifest, null, 2));
        return undefined;
      }
      const id = knownApp();
      if (id === undefined) return create(manifest);
      await update(id, manifest);
      return undefined;
    },
  };
}
