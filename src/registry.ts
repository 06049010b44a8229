/**
 * What a deployment serves: its bots and the platforms it speaks, each by
 * the name used in URLs and stored rows. Those names come from outside (a
 * URL, a payload, a row written long ago), so they are looked up as own
 * properties only, and a name the deployment does not have is simply absent.
 */
import type { Bot } from "./core/intent.ts";
import { own } from "./lib/own.ts";
import type { PlatformAdapter } from "./platforms/adapter.ts";

export interface Registry {
  readonly bots: Readonly<Record<string, Bot>>;
  readonly platforms: Readonly<Record<string, PlatformAdapter>>;
}

/** A bot on a platform, both of this deployment. */
export interface Served {
  readonly bot: Bot;
  readonly adapter: PlatformAdapter;
}

/** The bot named `bot` on the platform named `platform`, or undefined when the deployment lacks either. */
export function lookup(registry: Registry, bot: string, platform: string): Served | undefined {
  const found = own(registry.bots, bot);
  const adapter = own(registry.platforms, platform);
  return found && adapter ? { bot: found, adapter } : undefined;
}
