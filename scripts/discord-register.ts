/**
 * Registers a bot's slash commands and message actions ("Remind me" in a
 * message's Apps menu) with Discord: the command list is built
 * from the bot's intent definitions (the same ones the router reads) and
 * replaces all of the application's global commands, or one server's with
 * `--guild` (which apply at once; handy while developing). `npm run setup`
 * does this too, and only when Discord's differ.
 *
 *   DISCORD_APPLICATION_ID=… DISCORD_BOT_TOKEN=… \
 *     npm run discord:register -- [--bot concierge] [--guild ID] [--dry-run]
 */

import { APPLICATION_ID, BOT_TOKEN, DEFAULT_API_BASE } from "../src/platforms/discord/api.ts";
import { applicationCommands, shownName } from "../src/platforms/discord/commands.ts";
import { fail, findBot, parseArgs, secretFor } from "./cli.ts";
import { commandsRoute, DiscordClient } from "./setup/discord.ts";

const { values } = parseArgs({
  options: {
    bot: { type: "string", default: "concierge" },
    guild: { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});

const bot = findBot(values.bot);

const commands = applicationCommands(bot);

if (values["dry-run"]) {
  console.log(JSON.stringify(commands, null, 2));
} else {
  const applicationId = secretFor(bot, APPLICATION_ID);
  const token = secretFor(bot, BOT_TOKEN);
  if (!applicationId) fail(`Set ${bot.secretPrefix}${APPLICATION_ID} (General Information in the Developer Portal).`);
  if (!token) fail(`Set ${bot.secretPrefix}${BOT_TOKEN} (the Bot page in the Developer Portal).`);
  const client = new DiscordClient(process.env.DISCORD_API_BASE || DEFAULT_API_BASE, token);
  try {
    await client.registerCommands(commandsRoute(applicationId, values.guild), commands);
  } catch (error) {
    fail(`Discord refused the commands: ${error instanceof Error ? error.message : String(error)}`);
  }
  const where = values.guild ? `in server ${values.guild}` : "globally";
  console.log(`Registered ${where}: ${commands.map(shownName).join(" ")}`);
}
