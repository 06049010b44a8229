/** The bots this deployment serves, by the name in their webhook URLs. Add a bot here. */
import type { Bot } from "parley";
import { concierge } from "./concierge/index.ts";
import { echoBot } from "./echo/index.ts";

export const bots: Readonly<Record<string, Bot>> = Object.fromEntries(
  [concierge, echoBot].map((bot) => [bot.name, bot]),
);
