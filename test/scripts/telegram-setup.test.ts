/**
 * `npm run telegram:setup` against a loopback Bot API: the webhook with its
 * secret token and update kinds, then the command menu, once for everybody
 * and once more for each other language of the bot; nothing sent on a dry
 * run or without a token; a refusal ends it with a clear message that
 * holds neither the bot token nor the webhook secret.
 *
 *   npx node --test test/scripts/telegram-setup.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { concierge } from "../../bots/concierge/index.ts";
import { commandMenu } from "../../src/core/help.ts";
import { runScript } from "./run-script.ts";
import { type Answer, type StandIn, startStandIn } from "./stand-in.ts";

const TOKEN = "1000:script-test-bot-token";
const SECRET = "script-test-webhook-secret";
const WORKER = "https://parley.example.workers.dev";

let answer: Answer;
let telegram: StandIn;
let env: Record<string, string>;

before(async () => {
  telegram = await startStandIn(() => answer);
  env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE: `${telegram.url}/telegram` };
});
beforeEach(() => {
  answer = { status: 200, body: { ok: true, result: true } };
  telegram.reset();
});
after(() => telegram.close());

test("sets the webhook with its secret and update kinds, then the command menus", async () => {
  const run = await runScript("telegram-setup.ts", ["--url", WORKER], env);
  assert.equal(run.code, 0, run.stderr);
  const calls = telegram.calls.map((call) => ({
    method: call.method,
    url: call.url,
    type: call.headers["content-type"],
    body: JSON.parse(call.body),
  }));
  assert.deepEqual(calls, [
    {
      method: "POST",
      url: `/telegram/bot${TOKEN}/setWebhook`,
      type: "application/json",
      body: {
        url: `${WORKER}/webhooks/telegram/concierge`,
        secret_token: SECRET,
        allowed_updates: ["message", "callback_query"],
      },
    },
    {
      method: "POST",
      url: `/telegram/bot${TOKEN}/setMyCommands`,
      type: "application/json",
      body: { commands: commandMenu(concierge, "en") },
    },
    {
      method: "POST",
      url: `/telegram/bot${TOKEN}/setMyCommands`,
      type: "application/json",
      body: { commands: commandMenu(concierge, "de"), language_code: "de" },
    },
  ]);
  const menu = commandMenu(concierge, "en").map((entry) => `/${entry.command}`);
  assert.ok(menu.includes("/weather") && menu.includes("/help"));
  assert.equal(
    run.stdout,
    `Webhook set to ${WORKER}/webhooks/telegram/concierge\nCommand menu set: ${menu.join(" ")}\n` +
      `Command menu set for de: ${menu.join(" ")}\n`,
  );
});

test("describes the commands in German for German users, in English for everybody else", async () => {
  const run = await runScript("telegram-setup.ts", ["--url", WORKER], env);
  assert.equal(run.code, 0, run.stderr);
  const menus = telegram.calls
    .filter((call) => call.url.endsWith("/setMyCommands"))
    .map((call) => JSON.parse(call.body) as { commands: { command: string; description: string }[] });
  const weather = menus.map((menu) => menu.commands.find((entry) => entry.command === "weather")?.description);
  assert.deepEqual(weather, ["Current weather in a city", "Das aktuelle Wetter in einer Stadt"]);
});

test("--dry-run prints what it would send, the secret hidden, and calls nothing", async () => {
  const { TELEGRAM_BOT_TOKEN: _token, ...withoutToken } = env;
  const run = await runScript("telegram-setup.ts", ["--url", WORKER, "--dry-run"], withoutToken);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(telegram.calls, []);
  assert.match(run.stdout, /^setWebhook \{/);
  assert.match(run.stdout, /"secret_token": "\[secret\]"/);
  assert.match(run.stdout, /"url": "https:\/\/parley\.example\.workers\.dev\/webhooks\/telegram\/concierge"/);
  assert.match(run.stdout, /^setMyCommands \{/m);
  assert.ok(!run.stdout.includes(SECRET), "the secret stays out of the output");
});

test("a refused token stops it with Telegram's reason and no secret in the output", async () => {
  answer = { status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } };
  const run = await runScript("telegram-setup.ts", ["--url", WORKER], env);
  assert.equal(run.code, 1);
  assert.deepEqual(
    telegram.calls.map((call) => call.url),
    [`/telegram/bot${TOKEN}/setWebhook`],
    "the menu is not sent after a refusal",
  );
  assert.equal(run.stderr, "Telegram refused setWebhook (401): Unauthorized\n");
  for (const secret of [TOKEN, SECRET]) {
    assert.ok(!`${run.stdout}${run.stderr}`.includes(secret), `${secret} stays out of the output`);
  }
});

test("without a bot token it says which variable to set and calls nothing", async () => {
  const { TELEGRAM_BOT_TOKEN: _token, ...withoutToken } = env;
  const run = await runScript("telegram-setup.ts", ["--url", WORKER], withoutToken);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, "Set TELEGRAM_BOT_TOKEN (from BotFather) in the environment.\n");
  assert.deepEqual(telegram.calls, []);
});

test("a webhook secret Telegram would refuse is refused before any call, without echoing it", async () => {
  const badSecret = "not allowed: spaces";
  const run = await runScript("telegram-setup.ts", ["--url", WORKER], { ...env, TELEGRAM_WEBHOOK_SECRET: badSecret });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /TELEGRAM_WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and -\./);
  assert.ok(!run.stderr.includes(badSecret));
  assert.deepEqual(telegram.calls, []);
});
