/**
 * Autocomplete: a user typing a command's argument gets suggestions within
 * their budget of look-ups, through the cache, counted in usage after the
 * answer. Nothing is claimed or handled for it (src/core/suggest.ts).
 */
import { translator } from "../core/i18n.ts";
import type { Asker, Suggestion } from "../core/intent.ts";
import { localeFor } from "../core/locale.ts";
import { createServices } from "../core/services.ts";
import { SUGGESTION_CACHE_SECONDS, suggestionsFor } from "../core/suggest.ts";
import type { Timer } from "../core/timer.ts";
import type { Update } from "../core/update.ts";
import { deferredCache } from "../lib/cache.ts";
import type { Parsed } from "../platforms/adapter.ts";
import { ConversationStore } from "../store/conversations.ts";
import { recordUsage } from "../usage/record.ts";
import type { Arrival } from "./delivery.ts";
import { withinSuggestionBudget } from "./limit.ts";

/** The typing user in their own language (as they chose it, or their platform's), with their subscriptions in the chat. */
async function askerOf(arrival: Arrival, update: Update): Promise<Asker> {
  const { bot, settings, env } = arrival;
  const store = new ConversationStore(settings.DB, env.trace);
  // Both at once: the suggestion timeout counts from the keystroke.
  const [state, held] = await Promise.all([store.load(update), store.schedule(update)]);
  const locale = localeFor(bot, update, state);
  return {
    bot,
    locale,
    t: translator(bot, locale),
    schedule: { subscriptions: () => Promise.resolve([...held.subscriptions]) },
  };
}

export async function suggest(
  arrival: Arrival,
  request: Extract<Parsed, { kind: "suggest" }>,
  timer?: Timer,
): Promise<Response> {
  const { bot, adapter, env, settings, started } = arrival;
  const who = { bot: bot.name, platform: adapter.name, userId: request.update.user.id };
  const { suggestions, outcome } = await suggestionsFor(bot, request.query, {
    services: createServices(settings, env.fetch),
    cache: deferredCache<readonly Suggestion[]>(settings.CACHE, "suggest", SUGGESTION_CACHE_SECONDS, arrival.later),
    spend: () => withinSuggestionBudget(settings.SUGGEST_LIMITER, who),
    asker: () => askerOf(arrival, request.update),
    timer,
  });
  const event = { source: "webhook", bot: bot.name, platform: adapter.name, intent: "autocomplete", outcome } as const;
  arrival.later(recordUsage(settings, [{ ...event, ms: Date.now() - started, at: started }]));
  return request.answer(suggestions);
}
