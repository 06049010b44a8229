/**
 * Whether a bot has tier 2, and with which model and budget, from the
 * deployment's settings (wrangler.toml `[vars]`, secrets, bindings):
 *
 * - `AI_ENABLED` (the concierge's; bot `foo` reads `FOO_AI_ENABLED`): "true"
 *   turns it on; any other value or none leaves it off;
 * - the model runs on the `AI` binding (Workers AI) when there is one, else
 *   at `AI_BASE_URL` (an OpenAI-compatible endpoint, with the secret
 *   `AI_API_KEY` if it needs one); with neither, tier 2 is off whatever
 *   `AI_ENABLED` says;
 * - `AI_MODEL` and `AI_DAILY_BUDGET` (model calls per user and UTC day), the
 *   bot's own (`FOO_AI_MODEL`) before the deployment's.
 */
import type { Bot } from "../core/intent.ts";
import type { ModelClient } from "./model.ts";
import { openAiClient } from "./openai.ts";
import { isWorkersAi, workersAiClient } from "./workers-ai.ts";

/** A Workers AI model with function calling. */
const DEFAULT_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
const DEFAULT_DAILY_BUDGET = 50;

export interface AiSettings {
  readonly client: ModelClient;
  readonly model: string;
  /** Model calls per user and UTC day; 0 makes none. */
  readonly dailyBudget: number;
}

function text(env: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A bot's tier 2, or undefined when it has none. `fetcher` makes the calls to `AI_BASE_URL`. */
export function aiSettings(
  env: Readonly<Record<string, unknown>>,
  bot: Bot,
  fetcher: typeof fetch,
): AiSettings | undefined {
  if (text(env, `${bot.secretPrefix}AI_ENABLED`) !== "true") return undefined;
  const baseUrl = text(env, "AI_BASE_URL");
  const apiKey = text(env, "AI_API_KEY");
  const client = isWorkersAi(env.AI)
    ? workersAiClient(env.AI)
    : baseUrl
      ? openAiClient({ baseUrl, fetch: fetcher, ...(apiKey ? { apiKey } : {}) })
      : undefined;
  if (!client) return undefined;
  const own = (name: string) => text(env, `${bot.secretPrefix}${name}`) ?? text(env, name);
  const budget = Number(own("AI_DAILY_BUDGET") ?? DEFAULT_DAILY_BUDGET);
  return {
    client,
    model: own("AI_MODEL") ?? DEFAULT_MODEL,
    dailyBudget: Number.isInteger(budget) && budget >= 0 ? budget : DEFAULT_DAILY_BUDGET,
  };
}
