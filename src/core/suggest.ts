/**
 * Suggestions while a user types a command's argument (Discord autocomplete).
 * They are a convenience: a slow or failing source gives none rather than an
 * error, and nothing is claimed or handled for them. Every keystroke is a
 * request, so an argument's source is asked only within the user's budget,
 * and what it found is kept a few minutes for anyone typing the same (what
 * the user holds, `suggestOwn`, is theirs alone and never kept).
 */
import type { ArgSpec, Asker, Bot, Suggestion } from "./intent.ts";
import { findIntent } from "./router.ts";
import type { Services } from "./services.ts";
import { type Timer, within } from "./timer.ts";

/** What the user is typing: which argument of which command, and the text so far. */
export interface SuggestQuery {
  readonly command: string;
  readonly subcommand?: string;
  readonly arg: string;
  readonly prefix: string;
}

/** The next keystroke brings a new request, so a suggestion slower than this is worthless. */
export const SUGGEST_TIMEOUT_MS = 1500;

/** How long a source's answer is reused: places and currencies do not change by the minute. */
export const SUGGESTION_CACHE_SECONDS = 10 * 60;

/** Earlier answers of sources, by `cacheKey`. A cache only: a lost or stale entry costs one more call. */
export interface SuggestionCache {
  get(key: string): Promise<readonly Suggestion[] | undefined>;
  /** Keeps `suggestions` for `SUGGESTION_CACHE_SECONDS`; may finish after the answer has gone. */
  put(key: string, suggestions: readonly Suggestion[]): void;
}

export interface SuggestOptions {
  readonly services: Services;
  readonly cache: SuggestionCache;
  /** Takes one look-up from the user's budget; false once the budget is spent. */
  spend(): Promise<boolean>;
  /** Who is typing: read only for an argument with `suggestOwn`, within the suggestion timeout. */
  asker(): Promise<Asker>;
  /** Counts out `SUGGEST_TIMEOUT_MS`; real time unless a test passes its own. */
  readonly timer?: Timer;
}

export interface Suggested {
  readonly suggestions: readonly Suggestion[];
  /** `rate_limited` when the user's budget was spent, so the source was not asked. */
  readonly outcome: "ok" | "rate_limited";
}

function fromExamples(examples: readonly string[], prefix: string): Suggestion[] {
  const wanted = prefix.trim().toLowerCase();
  return examples
    .filter((example) => example.toLowerCase().startsWith(wanted))
    .map((example) => ({ label: example, value: example }));
}

/** The same argument of the same bot's command, and the same text however it is spaced or cased, share an entry. */
export function cacheKey(bot: Bot, query: SuggestQuery): string {
  const prefix = query.prefix.trim().replace(/\s+/g, " ").toLowerCase();
  return JSON.stringify([bot.name, query.command, query.subcommand ?? "", query.arg, prefix]);
}

/** What `ask` found, or undefined when it failed or `timer` counted out `SUGGEST_TIMEOUT_MS` first. */
async function askSource(
  ask: () => Promise<readonly Suggestion[]>,
  timer: Timer | undefined,
): Promise<readonly Suggestion[] | undefined> {
  try {
    return await within(ask(), SUGGEST_TIMEOUT_MS, undefined, timer);
  } catch {
    return undefined;
  }
}

/**
 * The list a question offers for an argument whose choices are suggested:
 * what its source gives for nothing typed yet; none when it has no source,
 * fails or is slow, and then any answer is taken.
 */
export async function suggestedChoices(
  spec: ArgSpec,
  services: Services,
  timer?: Timer,
): Promise<readonly Suggestion[]> {
  const { suggest } = spec;
  if (!suggest) return [];
  return (await askSource(() => suggest("", services), timer)) ?? [];
}

/**
 * What the user holds, from the first keystroke: asked within their budget
 * (beyond it, the examples that fit) and never cached, being theirs alone.
 */
async function ownSuggestions(
  source: NonNullable<ArgSpec["suggestOwn"]>,
  prefix: string,
  examples: readonly Suggestion[],
  options: SuggestOptions,
): Promise<Suggested> {
  if (!(await options.spend())) return { suggestions: examples, outcome: "rate_limited" };
  const found = await askSource(async () => source(prefix, await options.asker()), options.timer);
  return { suggestions: found ?? [], outcome: "ok" };
}

/**
 * The argument's suggestions: its `suggestOwn` source whatever is typed, or
 * its `suggest` source once something is typed, otherwise its `examples`;
 * none for an unknown command or argument. A `suggest` source is asked only
 * when the cache has no answer and the user's budget allows; beyond the
 * budget the examples that fit are all there is. Failures and timeouts give
 * none and are not kept.
 */
export async function suggestionsFor(bot: Bot, query: SuggestQuery, options: SuggestOptions): Promise<Suggested> {
  const intent = findIntent(bot, query.command);
  const subcommand = intent?.subcommands?.find((sub) => sub.name === query.subcommand);
  const spec = ((subcommand ? subcommand.args : intent?.args) ?? []).find((arg) => arg.name === query.arg);
  if (!spec) return { suggestions: [], outcome: "ok" };
  const examples = fromExamples(spec.examples ?? [], query.prefix);
  if (spec.suggestOwn) return ownSuggestions(spec.suggestOwn, query.prefix.trim(), examples, options);
  const { suggest } = spec;
  if (!suggest || query.prefix.trim() === "") return { suggestions: examples, outcome: "ok" };
  const key = cacheKey(bot, query);
  const cached = await options.cache.get(key).catch(() => undefined);
  if (cached) return { suggestions: cached, outcome: "ok" };
  if (!(await options.spend())) return { suggestions: examples, outcome: "rate_limited" };
  const prefix = query.prefix.trim();
  const found = await askSource(() => suggest(prefix, options.services), options.timer);
  if (found === undefined) return { suggestions: [], outcome: "ok" };
  options.cache.put(key, found);
  return { suggestions: found, outcome: "ok" };
}
