/** Small helpers shared by the command-line scripts. */
import { parseArgs } from "node:util";
import { bots } from "../bots/index.ts";
import type { Bot } from "../src/core/intent.ts";

export { parseArgs };

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export function findBot(name: string): Bot {
  return bots[name] ?? fail(`Unknown bot "${name}". Known bots: ${Object.keys(bots).join(", ")}`);
}

/** A bot's secret from the environment, under the bot's prefix (`FOO_TELEGRAM_BOT_TOKEN`). */
export function secretFor(bot: Bot, name: string): string | undefined {
  return process.env[`${bot.secretPrefix}${name}`] || undefined;
}
