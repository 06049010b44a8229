/**
 * Autocomplete: a user typing a command's argument gets suggestions within
 * their budget of look-ups, through the cache, counted in usage after the
 * answer. Nothing is claimed or handled for it (src/core/suggest.ts).
 */
import type { Suggestion } from "../core/intent.ts";
import { createServices } from "../core/services.ts";
import { SUGGESTION_CACHE_SECONDS, suggestionsFor } from "../core/suggest.ts";
import type { Timer } from "../core/timer.ts";
import { deferredCache } from "../lib/cache.ts";
import type { Parsed } from "../platforms/adapter.ts";
import { recordUsage } from "../usage/record.ts";
import type { Arrival } from "./delivery.ts";
import { withinSuggestionBudget } from "./limit.ts";

export async function suggest(
  arrival: Arrival,
  request: Extract<Parsed, { kind: "suggest" }>,
  timer?: Timer,
): Promise<Response> {
  const { bot, adapter, env, settings, started } = arrival;
  const who = { bot: bot.name, platform: adapter.name, userId: request.userId };
  const { suggestions, outcome } = await suggestionsFor(bot, request.query, {
    services: createServices(settings, env.fetch),
    cache: deferredCache<readonly Suggestion[]>(settings.CACHE, "suggest", SUGGESTION_CACHE_SECONDS, arrival.later),
    spend: () => withinSuggestionBudget(settings.SUGGEST_LIMITER, who),
    timer,
  });
  const event = { source: "webhook", bot: bot.name, platform: adapter.name, intent: "autocomplete", outcome } as const;
  arrival.later(recordUsage(settings, [{ ...event, ms: Date.now() - started, at: started }]));
  return request.answer(suggestions);
}
