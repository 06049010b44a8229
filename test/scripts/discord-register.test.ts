/**
 * `npm run discord:register` against a loopback Discord API: one bulk
 * overwrite (PUT) of the application's commands, global or one server's;
 * nothing sent on a dry run or without a token; a refusal ends it with a
 * clear message that does not hold the bot token.
 *
 *   npx node --test test/scripts/discord-register.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { concierge } from "../../bots/concierge/index.ts";
import { applicationCommands, shownName, type slashCommands } from "../../src/platforms/discord/commands.ts";
import { runScript } from "./run-script.ts";
import { type Answer, type StandIn, startStandIn } from "./stand-in.ts";

const APPLICATION_ID = "100200300400500600";
const TOKEN = "script-test-discord-bot-token";

let answer: Answer;
let discord: StandIn;
let env: Record<string, string>;

before(async () => {
  discord = await startStandIn(() => answer);
  env = {
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_BOT_TOKEN: TOKEN,
    DISCORD_API_BASE: `${discord.url}/discord`,
  };
});
beforeEach(() => {
  answer = { status: 200, body: [] };
  discord.reset();
});
after(() => discord.close());

const names = applicationCommands(concierge).map(shownName);

function sent() {
  return discord.calls.map((call) => ({
    method: call.method,
    url: call.url,
    authorization: call.headers.authorization,
    type: call.headers["content-type"],
    body: JSON.parse(call.body),
  }));
}

test("replaces the global commands with the bot's, in one PUT", async () => {
  const run = await runScript("discord-register.ts", [], env);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(sent(), [
    {
      method: "PUT",
      url: `/discord/applications/${APPLICATION_ID}/commands`,
      authorization: `Bot ${TOKEN}`,
      type: "application/json",
      body: applicationCommands(concierge),
    },
  ]);
  assert.ok(names.includes("/weather") && names.includes("/help"));
  assert.equal(run.stdout, `Registered globally: ${names.join(" ")}\n`);
});

test("describes the commands and their options in German for German clients, names unchanged", async () => {
  const run = await runScript("discord-register.ts", [], env);
  assert.equal(run.code, 0, run.stderr);
  const commands = (sent()[0]?.body ?? []) as ReturnType<typeof slashCommands>;
  const weather = commands.find((command) => command.name === "weather");
  assert.deepEqual(weather?.description_localizations, { de: "Das aktuelle Wetter in einer Stadt" });
  assert.deepEqual(
    weather?.options?.map((option) => [option.name, option.description_localizations]),
    [["city", { de: "Die Stadt oder der Ort, z. B. Berlin" }]],
  );
  assert.equal(weather?.name_localizations, undefined);
});

test("--guild replaces one server's commands instead", async () => {
  const run = await runScript("discord-register.ts", ["--guild", "700800900"], env);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    sent().map((call) => `${call.method} ${call.url}`),
    [`PUT /discord/applications/${APPLICATION_ID}/guilds/700800900/commands`],
  );
  assert.equal(run.stdout, `Registered in server 700800900: ${names.join(" ")}\n`);
});

test("--dry-run prints the commands and calls nothing", async () => {
  const run = await runScript("discord-register.ts", ["--dry-run"], env);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(discord.calls, []);
  assert.deepEqual(JSON.parse(run.stdout), applicationCommands(concierge));
});

test("a refused token stops it with Discord's reason and not the token", async () => {
  answer = { status: 401, body: { message: "401: Unauthorized", code: 0 } };
  const run = await runScript("discord-register.ts", [], env);
  assert.equal(run.code, 1);
  assert.equal(discord.calls.length, 1, "a refusal is not retried");
  assert.equal(run.stderr, "Discord refused the commands: discord API error 401: 401: Unauthorized\n");
  assert.ok(!`${run.stdout}${run.stderr}`.includes(TOKEN), "the token stays out of the output");
});

test("without a bot token it says which variable to set and calls nothing", async () => {
  const { DISCORD_BOT_TOKEN: _token, ...withoutToken } = env;
  const run = await runScript("discord-register.ts", [], withoutToken);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, "Set DISCORD_BOT_TOKEN (the Bot page in the Developer Portal).\n");
  assert.deepEqual(discord.calls, []);
});
