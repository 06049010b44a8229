/**
 * Suggestions while a user types a command's argument (Discord autocomplete).
 * They are a convenience: a slow or failing source gives none rather than an
 * error, and nothing is claimed, stored or handled for them.
 */
import type { Bot, Suggestion } from "./intent.ts";
import { findIntent } from "./router.ts";
import type { Services } from "./services.ts";
import { realTimer, type Timer, within } from "./timer.ts";

/** What the user is typing: which argument of which command, and the text so far. */
export interface SuggestQuery {
  readonly command: string;
  readonly subcommand?: string;
  readonly arg: string;
  readonly prefix: string;
}

/** The next keystroke brings a new request, so a suggestion slower than this is worthless. */
export const SUGGEST_TIMEOUT_MS = 1500;

function fromExamples(examples: readonly string[], prefix: string): Suggestion[] {
  const wanted = prefix.trim().toLowerCase();
  return examples
    .filter((example) => example.toLowerCase().startsWith(wanted))
    .map((example) => ({ label: example, value: example }));
}

/**
 * The argument's suggestions: its `suggest` source once something is typed,
 * otherwise its `examples`; none for an unknown command or argument, and
 * none when the source fails or `timer` counts out `SUGGEST_TIMEOUT_MS` first.
 */
export async function suggestionsFor(
  bot: Bot,
  query: SuggestQuery,
  services: Services,
  timer: Timer = realTimer,
): Promise<readonly Suggestion[]> {
  const intent = findIntent(bot, query.command);
  const subcommand = intent?.subcommands?.find((sub) => sub.name === query.subcommand);
  const spec = ((subcommand ? subcommand.args : intent?.args) ?? []).find((arg) => arg.name === query.arg);
  if (!spec) return [];
  if (!spec.suggest || query.prefix.trim() === "") return fromExamples(spec.examples ?? [], query.prefix);
  try {
    return await within(spec.suggest(query.prefix.trim(), services), SUGGEST_TIMEOUT_MS, [], timer);
  } catch {
    return [];
  }
}
