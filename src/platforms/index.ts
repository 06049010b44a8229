/** Every platform Parley speaks, by the name used in webhook URLs. */
import type { PlatformAdapter } from "./adapter.ts";
import { discord } from "./discord/index.ts";
import { slack } from "./slack/index.ts";
import { telegram } from "./telegram/index.ts";

export const platforms: Readonly<Record<string, PlatformAdapter>> = { telegram, discord, slack };
