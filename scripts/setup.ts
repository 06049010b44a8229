/**
 * `npm run setup`: from tokens to a live bot, and safe to run again at any
 * time: it compares with what Cloudflare and the platforms report (and what
 * it remembers in `.parley/`), changes only what differs, and says so step
 * by step.
 *
 *   TELEGRAM_BOT_TOKEN=… DISCORD_APPLICATION_ID=… DISCORD_PUBLIC_KEY=… DISCORD_BOT_TOKEN=… \
 *   SLACK_SIGNING_SECRET=… SLACK_BOT_TOKEN=… [SLACK_CONFIG_TOKEN=…] \
 *     npm run setup -- [--bot concierge] [--url https://…] [--dry-run]
 *
 * 1. The tokens: flags (`--telegram-bot-token`), the environment, what an
 *    earlier run kept, questions on a terminal; made where Parley can.
 * 2. Each platform's tokens checked against it, changing nothing; a platform
 *    that refuses one is left as it was, the others go on.
 * 3. Cloudflare: the queues, the D1 migrations, the Worker's secrets, the
 *    Worker (wrangler creates D1 and KV at the first deploy).
 * 4. Each platform pointed at the Worker: Telegram's webhook and menus,
 *    Discord's endpoint and commands, the Slack app.
 */
import { readFileSync } from "node:fs";
import { fail, findBot, parseArgs } from "./cli.ts";
import { applyMigrations, type Cloudflare, deployWorker, ensureQueues, putSecrets } from "./setup/cloudflare.ts";
import { discordSetup } from "./setup/discord.ts";
import { flagOf, INPUTS, resolveInputs } from "./setup/inputs.ts";
import type { PlatformSetup, Skipped } from "./setup/platform.ts";
import { ask, canAsk } from "./setup/prompt.ts";
import { slackSetup } from "./setup/slack.ts";
import { DEFAULT_SETUP_DIR, SetupState } from "./setup/state.ts";
import { Steps } from "./setup/steps.ts";
import { telegramSetup } from "./setup/telegram.ts";
import { Wrangler, WranglerFailed } from "./setup/wrangler.ts";

const PLATFORMS = [
  { title: "Telegram", setup: telegramSetup },
  { title: "Discord", setup: discordSetup },
  { title: "Slack", setup: slackSetup },
] as const;

const { values } = parseArgs({
  options: {
    bot: { type: "string", default: "concierge" },
    url: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    ...Object.fromEntries(INPUTS.map((input) => [flagOf(input.name), { type: "string" as const }])),
  },
});

const bot = findBot(String(values.bot));
const dryRun = values["dry-run"] === true;
const givenUrl = typeof values.url === "string" ? values.url : undefined;
if (givenUrl !== undefined && !(URL.canParse(givenUrl) && givenUrl.startsWith("https://"))) {
  fail(`--url must be the Worker's https URL; "${givenUrl}" is not one.`);
}

const steps = new Steps(dryRun);
const config = readFileSync("wrangler.toml", "utf8");
let state: SetupState;
try {
  state = SetupState.load(process.env.PARLEY_SETUP_DIR || DEFAULT_SETUP_DIR, dryRun);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (dryRun) console.log("Dry run: nothing is called, run or written. The plan, as for a first run:");

const given: Readonly<Record<string, string | boolean | undefined>> = values;
const flags = Object.fromEntries(
  INPUTS.map((input) => {
    const value = given[flagOf(input.name)];
    return [input.name, typeof value === "string" ? value : undefined];
  }),
);
const inputs = await resolveInputs({
  bot,
  flags,
  env: process.env,
  state,
  steps,
  ...(canAsk() ? { ask } : {}),
});

let failed = false;
function failure(title: string, error: unknown): void {
  failed = true;
  const message = error instanceof Error ? error.message : String(error);
  steps.fail(message.startsWith(title) ? `${message}. ${title} is left as it was.` : `${title}: ${message}`);
}

// Which platforms the tokens allow, and whether each platform takes them: nothing changes yet.
const live: { title: string; setup: PlatformSetup }[] = [];
for (const { title, setup } of PLATFORMS) {
  const made: PlatformSetup | Skipped = setup({ bot, inputs, steps, state, env: process.env });
  if ("skipped" in made) {
    steps.skip(`${title} skipped: ${made.skipped}`);
  } else if ("invalid" in made) {
    failure(title, new Error(`${made.invalid} ${title} is left as it was.`));
  } else {
    try {
      await made.check();
      live.push({ title, setup: made });
    } catch (error) {
      failure(title, error);
    }
  }
}

/** Wrangler runs with Cloudflare's credentials from the environment and none of the bot's tokens: those go in a file. */
const wranglerEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !INPUTS.some((input) => name.endsWith(input.name))),
);
const cloudflare: Cloudflare = { wrangler: new Wrangler(wranglerEnv), steps, state, config };
const workerName = /^name\s*=\s*"([^"]+)"/m.exec(config)?.[1] ?? "parley";

try {
  await ensureQueues(cloudflare);
  // The database exists once a deploy made it; migrations then go first, so new code finds its tables.
  const databaseMade = state.recorded.deployed !== undefined;
  if (databaseMade) await applyMigrations(cloudflare);
  const admin = inputs.get("ADMIN_TOKEN");
  await putSecrets(cloudflare, {
    ...Object.fromEntries(live.flatMap(({ setup }) => Object.entries(setup.secrets))),
    ...(admin ? { ADMIN_TOKEN: admin } : {}),
  });
  const reported = await deployWorker(cloudflare);
  if (!databaseMade) await applyMigrations(cloudflare);
  const url = givenUrl ?? reported ?? state.recorded.url;
  if (url === undefined && !dryRun) {
    fail("wrangler deploy reported no workers.dev URL: run setup again with --url https://<the Worker's address>.");
  }
  const workerUrl = url ?? `https://${workerName}.your-subdomain.workers.dev`;
  if (url !== undefined && url !== state.recorded.url) {
    state.update((recorded) => {
      recorded.url = url;
    });
  }
  const done: string[] = [];
  for (const { title, setup } of live) {
    try {
      const received = await setup.apply(workerUrl);
      if (received) await putSecrets(cloudflare, received);
      done.push(title);
    } catch (error) {
      if (error instanceof WranglerFailed) throw error;
      failure(title, error);
    }
  }
  if (dryRun) {
    console.log(
      `\nThat is the plan. ${url ? "" : `The URL is the one wrangler deploy reports (shown as ${workerUrl}).`}`,
    );
  } else {
    console.log(`\n${workerUrl}: ${done.length ? `live on ${done.join(", ")}` : "deployed, on no platform yet"}.`);
    console.log(`Admin page: ${workerUrl}/admin (ADMIN_TOKEN is in ${state.keptFile}).`);
  }
} catch (error) {
  if (!(error instanceof WranglerFailed)) throw error;
  steps.fail(error.message);
  steps.note("Fix that and run npm run setup again: what is done already is not done again.");
  failed = true;
}
process.exitCode = failed ? 1 : 0;
