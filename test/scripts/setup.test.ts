/**
 * `npm run setup` against loopback Telegram, Discord and Slack APIs and a
 * recording stand-in for wrangler: the commands and calls of a first run in
 * order; a re-run that changes nothing; a re-run after a token, the
 * commands or the Worker changed that redoes that part only; a run that
 * fails at the deploy and the run that finishes it; partial and refused
 * tokens; the dry run. No token ever reaches the output.
 *
 *   npx node --test test/scripts/setup.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { concierge } from "../../bots/concierge/index.ts";
import { readEnvFile } from "../../scripts/local/env-file.ts";
import { commandMenu } from "../../src/core/help.ts";
import { applicationCommands, shownName } from "../../src/platforms/discord/commands.ts";
import { slackManifest } from "../../src/platforms/slack/manifest.ts";
import { answerAsPlatforms, type PlatformsState } from "./platforms.ts";
import { runScript, type ScriptRun } from "./run-script.ts";
import { type StandIn, startStandIn } from "./stand-in.ts";

const WORKER = "https://parley.test-account.workers.dev";
const APPLICATION_ID = "100200300400500600";
const PUBLIC_KEY = "ab".repeat(32);

/** The secrets a user gives, by the variable they are given in. */
const GIVEN = {
  TELEGRAM_BOT_TOKEN: "1000:setup-test-telegram-token",
  DISCORD_BOT_TOKEN: "setup-test-discord-bot-token",
  SLACK_SIGNING_SECRET: "setup-test-slack-signing-secret",
  SLACK_BOT_TOKEN: "xoxb-setup-test-slack-bot-token",
  SLACK_CONFIG_TOKEN: "xoxe.xoxp-setup-test-config-token",
};
const NEW_APP_SIGNING_SECRET = "setup-test-new-app-signing-secret";

const ALL_TOKENS: Record<string, string> = {
  ...GIVEN,
  DISCORD_APPLICATION_ID: APPLICATION_ID,
  DISCORD_PUBLIC_KEY: PUBLIC_KEY,
};
const TELEGRAM_ONLY = { TELEGRAM_BOT_TOKEN: GIVEN.TELEGRAM_BOT_TOKEN };

let api: StandIn;
let platforms: PlatformsState;
let temp: string;
let wrangler: string;
let recorder: string;
let stateDir: string;

function freshPlatforms(): PlatformsState {
  return {
    telegram: { token: GIVEN.TELEGRAM_BOT_TOKEN, menus: new Map() },
    discord: {
      token: GIVEN.DISCORD_BOT_TOKEN,
      application: { id: APPLICATION_ID, verify_key: PUBLIC_KEY, interactions_endpoint_url: null },
      commands: [],
    },
    slack: {
      botToken: GIVEN.SLACK_BOT_TOKEN,
      configToken: GIVEN.SLACK_CONFIG_TOKEN,
      // Made by hand from an older manifest, before setup knew the Worker's URL.
      app: { id: "A0HANDMADE", manifest: { display_information: { name: "Concierge" } } },
      newApp: { id: "A0NEWAPP01", signingSecret: NEW_APP_SIGNING_SECRET },
    },
  };
}

before(async () => {
  api = await startStandIn((call) => answerAsPlatforms(platforms, call));
  temp = mkdtempSync(join(tmpdir(), "parley-setup-test-"));
  // What PARLEY_WRANGLER names is run as a program: a two-line script that runs the recorder under this Node.
  wrangler = join(temp, "wrangler");
  const recorderScript = fileURLToPath(new URL("./wrangler-recorder.ts", import.meta.url));
  writeFileSync(wrangler, `#!/bin/sh\nexec "${process.execPath}" "${recorderScript}" "$@"\n`);
  chmodSync(wrangler, 0o755);
});
beforeEach(() => {
  platforms = freshPlatforms();
  api.reset();
  recorder = mkdtempSync(join(temp, "recorder-"));
  stateDir = join(mkdtempSync(join(temp, "project-")), ".parley");
});
after(async () => {
  await api.close();
  rmSync(temp, { recursive: true, force: true });
});

function setup(tokens: Readonly<Record<string, string>>, args: readonly string[] = []): Promise<ScriptRun> {
  return runScript("setup.ts", args, {
    ...tokens,
    TELEGRAM_API_BASE: `${api.url}/telegram`,
    DISCORD_API_BASE: `${api.url}/discord`,
    SLACK_API_BASE: `${api.url}/slack`,
    PARLEY_WRANGLER: wrangler,
    RECORDER_DIR: recorder,
    PARLEY_SETUP_DIR: stateDir,
  });
}

/** The secrets setup made and kept. */
function kept(): Record<string, string> {
  const file = join(stateDir, "secrets.env");
  return existsSync(file) ? readEnvFile(file) : {};
}

/** Every secret value shown as `[its name]`: what the tests compare, and what must never be printed. */
function secretValues(): [string, string][] {
  return [...Object.entries(GIVEN), ["NEW_APP_SIGNING_SECRET", NEW_APP_SIGNING_SECRET], ...Object.entries(kept())];
}

function masked(text: string): string {
  return secretValues().reduce((result, [name, value]) => result.replaceAll(value, `[${name}]`), text);
}

function assertNoSecrets(run: ScriptRun): void {
  for (const [name, value] of secretValues()) {
    assert.ok(!`${run.stdout}${run.stderr}`.includes(value), `${name} stays out of the output`);
  }
}

interface Invocation {
  readonly args: string[];
  readonly secretsInEnv: string[];
  /** For `secret bulk`: what the file held, its mode, and where it was. */
  readonly secrets?: Record<string, string>;
  readonly mode?: number;
  readonly file?: string;
}

function invocations(): Invocation[] {
  const file = join(recorder, "calls.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Invocation);
}

/** The wrangler commands run, temporary paths shown as placeholders. */
function commands(): string[] {
  return invocations().map(({ args }) => {
    const shown = args.map((arg, i) =>
      args[i - 1] === "--outdir" ? "<folder>" : args[i - 1] === "bulk" ? "<file>" : arg,
    );
    return `wrangler ${shown.join(" ")}`;
  });
}

/** What each `secret bulk` put, secrets masked. */
function secretsPut(): Record<string, string>[] {
  return invocations().flatMap(({ secrets }) =>
    secrets ? [JSON.parse(masked(JSON.stringify(secrets))) as Record<string, string>] : [],
  );
}

/** The platform calls made, as "telegram setWebhook", "discord PUT /applications/…", "slack auth.test". */
function calls(): string[] {
  return api.calls.map((call) => {
    const [, platform, rest = ""] = /^\/(telegram|discord|slack)(\/.*)$/.exec(call.url) ?? [];
    if (platform === "telegram") {
      const language = call.body ? (JSON.parse(call.body) as { language_code?: string }).language_code : undefined;
      return `telegram ${rest.split("/").at(-1)}${language ? ` ${language}` : ""}`;
    }
    if (platform === "discord") return `discord ${call.method} ${rest}`;
    return `slack ${rest.slice(1)}`;
  });
}

const READS = /getWebhookInfo|getMyCommands|discord GET|auth\.test|bots\.info|manifest\.export/;
/** The platform calls that change something. */
function changes(): string[] {
  return calls().filter((call) => !READS.test(call));
}

/** The Slack app as the stand-in holds it now (a function, so that what a run made is read after it). */
function slackApp(): PlatformsState["slack"]["app"] {
  return platforms.slack.app;
}

/** Forgets what the recorder and the stand-ins saw, keeping what they hold. */
function clearRecords(): void {
  rmSync(join(recorder, "calls.jsonl"), { force: true });
  api.reset();
}

const COMMANDS_PATH = `/applications/${APPLICATION_ID}/commands`;
const FIRST_RUN_COMMANDS = [
  "wrangler queues list",
  "wrangler queues create parley-jobs",
  "wrangler queues create parley-jobs-dlq",
  "wrangler secret bulk <file>",
  "wrangler deploy --dry-run --outdir <folder>",
  "wrangler deploy",
  // The database exists once the first deploy made it.
  "wrangler d1 migrations apply DB --remote",
];
const ALL_READS = [
  "telegram getWebhookInfo",
  "telegram getMyCommands",
  "telegram getMyCommands de",
  "discord GET /applications/@me",
  `discord GET ${COMMANDS_PATH}?with_localizations=true`,
  "slack auth.test",
];
const ALL_CHANGES = [
  "telegram setWebhook",
  "telegram setMyCommands",
  "telegram setMyCommands de",
  "discord PATCH /applications/@me",
  `discord PUT ${COMMANDS_PATH}`,
  "slack apps.manifest.update",
];

test("a first run creates the queues, puts the secrets, deploys, migrates, then points every platform at the Worker", async () => {
  const run = await setup(ALL_TOKENS);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(commands(), FIRST_RUN_COMMANDS);
  assert.deepEqual(calls(), [
    ...ALL_READS,
    // The hand-made app is found by its bot token, then compared.
    "slack bots.info",
    "slack apps.manifest.export",
    ...ALL_CHANGES,
  ]);
  assert.deepEqual(secretsPut(), [
    {
      TELEGRAM_BOT_TOKEN: "[TELEGRAM_BOT_TOKEN]",
      TELEGRAM_WEBHOOK_SECRET: "[TELEGRAM_WEBHOOK_SECRET]",
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_BOT_TOKEN: "[DISCORD_BOT_TOKEN]",
      SLACK_SIGNING_SECRET: "[SLACK_SIGNING_SECRET]",
      SLACK_BOT_TOKEN: "[SLACK_BOT_TOKEN]",
      ADMIN_TOKEN: "[ADMIN_TOKEN]",
    },
  ]);
  const [bulk] = invocations().filter((invocation) => invocation.secrets);
  assert.equal(bulk?.mode, 0o600, "the secrets file is the user's alone");
  assert.ok(bulk?.file && !existsSync(bulk.file), "and removed after");
  assert.deepEqual(
    invocations().flatMap((invocation) => invocation.secretsInEnv),
    [],
    "no token reaches wrangler's environment",
  );

  // What the platforms now hold: the Worker's URLs, the generated webhook secret, the bot's commands.
  const secret = kept().TELEGRAM_WEBHOOK_SECRET;
  assert.match(secret ?? "", /^[0-9a-f]{64}$/);
  assert.deepEqual(platforms.telegram.webhook, {
    url: `${WORKER}/webhooks/telegram/concierge`,
    secret_token: secret,
    allowed_updates: ["message", "callback_query"],
  });
  assert.deepEqual(platforms.telegram.menus.get(""), commandMenu(concierge, "en"));
  assert.deepEqual(platforms.telegram.menus.get("de"), commandMenu(concierge, "de"));
  assert.equal(platforms.discord.application.interactions_endpoint_url, `${WORKER}/webhooks/discord/concierge`);
  assert.deepEqual(platforms.discord.commands, applicationCommands(concierge));
  assert.deepEqual(slackApp()?.manifest, slackManifest(concierge, WORKER));

  for (const line of [
    "→ queue parley-jobs missing: creating",
    "→ Worker not deployed yet: deploying",
    "→ D1 migrations applied: 0001_conversations.sql, 0002_schedules.sql",
    `→ Telegram webhook not set: setting it to ${WORKER}/webhooks/telegram/concierge`,
    "→ Discord commands changed: registering",
    "→ Slack app A0HANDMADE manifest differs: updating",
  ]) {
    assert.ok(run.stdout.includes(line), `prints "${line}"`);
  }
  assert.ok(run.stdout.includes(`${WORKER}: live on Telegram, Discord, Slack.`));
  assert.equal(statSync(join(stateDir, "secrets.env")).mode & 0o777, 0o600);
  assertNoSecrets(run);
});

test("a re-run with nothing changed only reads, and says each part is as it should be", async () => {
  assert.equal((await setup(ALL_TOKENS)).code, 0);
  clearRecords();
  const run = await setup(ALL_TOKENS);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(commands(), [
    "wrangler queues list",
    "wrangler d1 migrations apply DB --remote",
    "wrangler deploy --dry-run --outdir <folder>",
  ]);
  // The Slack app's id is remembered: no bots.info.
  assert.deepEqual(calls(), [...ALL_READS, "slack apps.manifest.export"]);
  assert.equal(
    masked(run.stdout),
    [
      "✓ queue parley-jobs exists",
      "✓ queue parley-jobs-dlq exists",
      "✓ D1 migrations all applied",
      "✓ Worker secrets already put: TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, DISCORD_APPLICATION_ID, " +
        "DISCORD_PUBLIC_KEY, DISCORD_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, ADMIN_TOKEN",
      "✓ Worker unchanged since its last deploy",
      `✓ Telegram webhook already set to ${WORKER}/webhooks/telegram/concierge`,
      "✓ Telegram command menu already set",
      "✓ Telegram command menu for de already set",
      `✓ Discord interactions endpoint already ${WORKER}/webhooks/discord/concierge`,
      `✓ Discord commands already registered: ${applicationCommands(concierge).map(shownName).join(" ")}`,
      "✓ Slack app A0HANDMADE manifest already up to date",
      "",
      `${WORKER}: live on Telegram, Discord, Slack.`,
      `Admin page: ${WORKER}/admin (ADMIN_TOKEN is in ${stateDir}/secrets.env).`,
      "",
    ].join("\n"),
  );
  assertNoSecrets(run);
});

test("a new token is put again, and nothing else changes", async () => {
  assert.equal((await setup(ALL_TOKENS)).code, 0);
  clearRecords();
  const newToken = "1000:setup-test-telegram-token-after-revoke";
  platforms.telegram.token = newToken;
  const run = await setup({ ...ALL_TOKENS, TELEGRAM_BOT_TOKEN: newToken });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(commands(), [
    "wrangler queues list",
    "wrangler d1 migrations apply DB --remote",
    "wrangler secret bulk <file>",
    "wrangler deploy --dry-run --outdir <folder>",
  ]);
  assert.deepEqual(invocations().find((invocation) => invocation.secrets)?.secrets, { TELEGRAM_BOT_TOKEN: newToken });
  assert.deepEqual(changes(), []);
  assert.ok(run.stdout.includes("→ Worker secrets to put: TELEGRAM_BOT_TOKEN (changed)"));
  assert.ok(!`${run.stdout}${run.stderr}`.includes(newToken), "the new token stays out of the output too");
});

test("commands that differ from the bot's are registered again, and only those", async () => {
  assert.equal((await setup(ALL_TOKENS)).code, 0);
  clearRecords();
  // Someone deleted a command in the portal and changed the German menu by hand.
  platforms.discord.commands = platforms.discord.commands.filter((command) => command.name !== "news");
  platforms.telegram.menus.set("de", [{ command: "start", description: "Hallo" }]);
  const run = await setup(ALL_TOKENS);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(changes(), ["telegram setMyCommands de", `discord PUT ${COMMANDS_PATH}`]);
  assert.deepEqual(platforms.discord.commands, applicationCommands(concierge));
  assert.deepEqual(platforms.telegram.menus.get("de"), commandMenu(concierge, "de"));
  assert.ok(run.stdout.includes("→ Telegram command menu for de differs: setting"));
  assert.ok(run.stdout.includes("✓ Telegram command menu already set"));
  assert.ok(!commands().includes("wrangler deploy"), "the Worker is not deployed again");
});

test("a changed Worker is deployed again, with nothing else redone", async () => {
  assert.equal((await setup(ALL_TOKENS)).code, 0);
  clearRecords();
  writeFileSync(join(recorder, "bundle.js"), "export default {} // a new intent");
  const run = await setup(ALL_TOKENS);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(commands(), [
    "wrangler queues list",
    // Migrations before the code that may need them.
    "wrangler d1 migrations apply DB --remote",
    "wrangler deploy --dry-run --outdir <folder>",
    "wrangler deploy",
  ]);
  assert.deepEqual(changes(), []);
  assert.ok(run.stdout.includes("→ Worker changed since its last deploy: deploying"));
});

test("a deploy that fails stops before the platforms; the next run finishes without redoing what succeeded", async () => {
  writeFileSync(join(recorder, "fail"), "deploy");
  const failed = await setup(ALL_TOKENS);
  assert.equal(failed.code, 1);
  assert.deepEqual(commands(), FIRST_RUN_COMMANDS.slice(0, -1));
  assert.deepEqual(changes(), [], "no platform points at a Worker that is not there");
  assert.match(failed.stderr, /^✗ wrangler deploy failed \(exit 1\):\n✘ \[ERROR\] A request to the Cloudflare API/);
  assert.ok(failed.stdout.includes("Fix that and run npm run setup again"));
  assertNoSecrets(failed);

  rmSync(join(recorder, "fail"));
  clearRecords();
  const run = await setup(ALL_TOKENS);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(commands(), [
    "wrangler queues list",
    "wrangler deploy --dry-run --outdir <folder>",
    "wrangler deploy",
    "wrangler d1 migrations apply DB --remote",
  ]);
  assert.deepEqual(changes(), ALL_CHANGES);
  assert.ok(run.stdout.includes("✓ queue parley-jobs exists"));
  assert.ok(run.stdout.includes("✓ Worker secrets already put: TELEGRAM_BOT_TOKEN"));
});

test("with Telegram's token alone, Telegram goes live and the others are skipped, saying why", async () => {
  const run = await setup({ ...TELEGRAM_ONLY, DISCORD_APPLICATION_ID: APPLICATION_ID });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(run.stdout.includes("– Discord skipped: missing DISCORD_PUBLIC_KEY, DISCORD_BOT_TOKEN\n"));
  assert.ok(run.stdout.includes("– Slack skipped: no SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN or SLACK_CONFIG_TOKEN\n"));
  assert.deepEqual(secretsPut(), [
    {
      TELEGRAM_BOT_TOKEN: "[TELEGRAM_BOT_TOKEN]",
      TELEGRAM_WEBHOOK_SECRET: "[TELEGRAM_WEBHOOK_SECRET]",
      ADMIN_TOKEN: "[ADMIN_TOKEN]",
    },
  ]);
  assert.ok(
    calls().every((call) => call.startsWith("telegram ")),
    "only Telegram is called",
  );
  assert.deepEqual(changes(), ["telegram setWebhook", "telegram setMyCommands", "telegram setMyCommands de"]);
  assert.ok(run.stdout.includes(`${WORKER}: live on Telegram.`));
});

test("refused tokens stop their platform before it changes, name the variable, and the others go live", async () => {
  const wrong = { TELEGRAM_BOT_TOKEN: "1000:a-token-botfather-never-gave", SLACK_BOT_TOKEN: "xoxb-a-revoked-token" };
  const run = await setup({ ...ALL_TOKENS, ...wrong });
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    "✗ Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): use the token @BotFather gave " +
      "(/token there shows it again). Telegram is left as it was.\n" +
      "✗ Slack refused SLACK_BOT_TOKEN (invalid_auth): use the Bot User OAuth Token, xoxb-…, " +
      "of OAuth & Permissions. Slack is left as it was.\n",
  );
  assert.deepEqual(Object.keys(secretsPut()[0] ?? {}), [
    "DISCORD_APPLICATION_ID",
    "DISCORD_PUBLIC_KEY",
    "DISCORD_BOT_TOKEN",
    "ADMIN_TOKEN",
  ]);
  assert.deepEqual(changes(), ["discord PATCH /applications/@me", `discord PUT ${COMMANDS_PATH}`]);
  for (const value of Object.values(wrong)) assert.ok(!`${run.stdout}${run.stderr}`.includes(value));
  assertNoSecrets(run);
});

test("a Discord token Discord refuses leaves Discord as it was", async () => {
  const wrong = "a-discord-token-from-another-day";
  const run = await setup({ ...ALL_TOKENS, DISCORD_BOT_TOKEN: wrong });
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    "✗ Discord refused DISCORD_BOT_TOKEN (401 Unauthorized): use the token of the Bot page " +
      "(Reset Token shows a new one). Discord is left as it was.\n",
  );
  assert.ok(changes().every((call) => !call.startsWith("discord ")));
  assert.ok(!Object.keys(secretsPut()[0] ?? {}).some((name) => name.startsWith("DISCORD_")));
  assert.ok(!`${run.stdout}${run.stderr}`.includes(wrong));
});

test("a public key of another application, or an expired configuration token, stops that platform with the variable named", async () => {
  const otherKey = "cd".repeat(32);
  const expired = "xoxe.xoxp-an-expired-config-token";
  const run = await setup({ ...ALL_TOKENS, DISCORD_PUBLIC_KEY: otherKey, SLACK_CONFIG_TOKEN: expired });
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    "✗ Discord refused DISCORD_PUBLIC_KEY (not the public key of the bot token's application). " +
      "Discord is left as it was.\n" +
      "✗ Slack refused SLACK_CONFIG_TOKEN (invalid_auth): configuration tokens last 12 hours; generate one at " +
      "https://api.slack.com/apps (Your App Configuration Tokens). Slack is left as it was.\n",
  );
  assert.deepEqual(Object.keys(secretsPut()[0] ?? {}), [
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
    "ADMIN_TOKEN",
  ]);
  assert.ok(changes().every((call) => call.startsWith("telegram ")));
  assert.ok(!`${run.stdout}${run.stderr}`.includes(expired));
});

test("--dry-run prints every command and call, secrets masked, and runs, calls and writes nothing", async () => {
  const run = await setup(ALL_TOKENS, ["--dry-run"]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(invocations(), []);
  assert.deepEqual(api.calls, []);
  assert.ok(!existsSync(stateDir), "nothing is kept");
  const planned = run.stdout
    .split("\n")
    .filter((line) => line.startsWith("  would "))
    // The call or command, without its body.
    .map((line) => line.replace(/^ {2}would (read|run): +/, "").replace(/ [[{].*$/, ""));
  const base = api.url;
  const bot = `${base}/telegram/bot[TELEGRAM_BOT_TOKEN]`;
  assert.deepEqual(planned, [
    `POST ${bot}/getWebhookInfo`,
    `POST ${bot}/getMyCommands`,
    `POST ${bot}/getMyCommands`,
    `GET ${base}/discord/applications/@me`,
    `GET ${base}/discord${COMMANDS_PATH}?with_localizations=true`,
    `POST ${base}/slack/auth.test`,
    `POST ${base}/slack/bots.info`,
    `POST ${base}/slack/apps.manifest.export`,
    "wrangler queues list",
    "wrangler queues create parley-jobs",
    "wrangler queues create parley-jobs-dlq",
    "wrangler secret bulk <private temporary file>",
    "wrangler deploy --dry-run --outdir <temporary folder>",
    "wrangler deploy",
    "wrangler d1 migrations apply DB --remote",
    `POST ${bot}/setWebhook`,
    `POST ${bot}/setMyCommands`,
    `POST ${bot}/setMyCommands`,
    `PATCH ${base}/discord/applications/@me`,
    `PUT ${base}/discord${COMMANDS_PATH}`,
    `POST ${base}/slack/apps.manifest.update`,
  ]);
  assert.match(run.stdout, /"secret_token":"\[TELEGRAM_WEBHOOK_SECRET\]"/);
  assert.match(run.stdout, /"SLACK_BOT_TOKEN":"\[SLACK_BOT_TOKEN\]"/);
  assertNoSecrets(run);
});

test("with only a Slack configuration token, it makes the app, puts the signing secret, and finishes on the next run", async () => {
  platforms.slack.app = undefined;
  const run = await setup({ SLACK_CONFIG_TOKEN: GIVEN.SLACK_CONFIG_TOKEN });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(calls(), ["slack apps.manifest.create"]);
  assert.deepEqual(slackApp()?.manifest, slackManifest(concierge, WORKER));
  assert.deepEqual(secretsPut(), [
    { ADMIN_TOKEN: "[ADMIN_TOKEN]" },
    // Received from Slack with the new app, and put before the run ends.
    { SLACK_SIGNING_SECRET: "[NEW_APP_SIGNING_SECRET]" },
  ]);
  assert.ok(run.stdout.includes("Install it to your workspace: https://slack.com/oauth/v2/authorize?client_id=1.2"));
  assert.ok(run.stdout.includes("Run npm run setup again with SLACK_BOT_TOKEN"));
  assertNoSecrets(run);

  clearRecords();
  const next = await setup({ SLACK_CONFIG_TOKEN: GIVEN.SLACK_CONFIG_TOKEN, SLACK_BOT_TOKEN: GIVEN.SLACK_BOT_TOKEN });
  assert.equal(next.code, 0, next.stderr);
  assert.deepEqual(calls(), ["slack auth.test", "slack apps.manifest.export"], "the app is remembered, not made again");
  assert.deepEqual(secretsPut(), [{ SLACK_BOT_TOKEN: "[SLACK_BOT_TOKEN]" }]);
  assert.ok(next.stdout.includes("✓ Slack app A0NEWAPP01 manifest already up to date"));
});

test("the Slack app's client id and secret are put with a key to seal installed tokens, made once and kept", async () => {
  const oauth = { SLACK_SIGNING_SECRET: GIVEN.SLACK_SIGNING_SECRET, SLACK_CLIENT_SECRET: "setup-test-client-secret" };
  const run = await setup(oauth, ["--slack-client-id", "1234.5678"]);
  assert.equal(run.code, 0, run.stderr);
  const key = kept().INSTALL_ENCRYPTION_KEY ?? "";
  assert.equal(Buffer.from(key, "base64").byteLength, 32);
  assert.deepEqual(secretsPut(), [
    {
      SLACK_SIGNING_SECRET: "[SLACK_SIGNING_SECRET]",
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET: oauth.SLACK_CLIENT_SECRET,
      INSTALL_ENCRYPTION_KEY: "[INSTALL_ENCRYPTION_KEY]",
      ADMIN_TOKEN: "[ADMIN_TOKEN]",
    },
  ]);
  assert.ok(run.stdout.includes("/slack/oauth/callback"), "the printed manifest names the redirect URL");
  assertNoSecrets(run);
  assert.ok(!run.stdout.includes(oauth.SLACK_CLIENT_SECRET), "the client secret stays out of the output");

  clearRecords();
  const next = await setup(oauth, ["--slack-client-id", "1234.5678"]);
  assert.equal(next.code, 0, next.stderr);
  assert.equal(kept().INSTALL_ENCRYPTION_KEY, key, "the key is not made again");
  assert.deepEqual(secretsPut(), []);
});
