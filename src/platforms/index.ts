/**
 * Every platform Parley speaks, by the name used in webhook URLs: the one
 * list. Adding a platform is adding its folder and a row here.
 */
import type { PlatformAdapter } from "./adapter.ts";
import { discord } from "./discord/index.ts";
import { slack } from "./slack/index.ts";
import { telegram } from "./telegram/index.ts";

export const platforms = { telegram, discord, slack } as const satisfies Readonly<Record<string, PlatformAdapter>>;

/** The name of a platform the table has. */
export type PlatformName = keyof typeof platforms;
