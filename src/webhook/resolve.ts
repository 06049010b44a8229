/**
 * Resolve: the bot and the platform a webhook URL names. A name this
 * deployment does not have, or a bot without its secrets on that platform,
 * is a 404: the bot is not there.
 */
import { newTrace } from "../core/trace.ts";
import type { Env } from "../env.ts";
import { type AdapterEnv, createAdapterEnv, hasRequiredSecrets } from "../platforms/adapter.ts";
import { lookup, type Registry, type Served } from "../registry.ts";
import { type FileStorage, fileStorage } from "../store/files.ts";

export interface Resolved extends Served {
  readonly env: AdapterEnv;
  /** The bot's kept files, where the Worker has a bucket for them. */
  readonly files?: FileStorage;
}

function notFound(): Response {
  return Response.json({ error: "unknown bot or platform" }, { status: 404 });
}

/** The bot on the platform, with its view of the environment, or the 404 that ends the request. */
export function resolve(registry: Registry, platform: string, bot: string, settings: Env): Resolved | Response {
  const served = lookup(registry, bot, platform);
  if (!served) return notFound();
  const files = fileStorage(settings, served.bot.name);
  const env = createAdapterEnv(settings, served.bot, newTrace(), files);
  if (!hasRequiredSecrets(served.adapter, env)) return notFound();
  return { ...served, env, ...(files ? { files } : {}) };
}
