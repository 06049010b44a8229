/**
 * What the model is told: the bot's system prompt in the user's language
 * (the bot's message `parley-ai-system-prompt`, else Parley's), tier 1's
 * weak guesses if it had any, the conversation's last turns, and the
 * user's message.
 */
import type { FurtherRequest, Hint } from "../core/further.ts";
import { translate } from "../core/i18n.ts";
import { ownName } from "../core/language.ts";
import type { Turn } from "../store/memory.ts";
import type { ChatMessage } from "./model.ts";

function hintLine(hints: readonly Hint[]): string {
  const readings = hints.map(
    (hint) => `${hint.subcommand ? `${hint.intent}-${hint.subcommand}` : hint.intent} (${hint.confidence.toFixed(2)})`,
  );
  return `A quick reading of this message was unsure; it thought of: ${readings.join(", ")}. Use a guess only if it fits.`;
}

export function promptFor(request: FurtherRequest, memory: readonly Turn[]): ChatMessage[] {
  const { bot, locale, hints = [] } = request;
  const system = translate(bot, locale, "parley-ai-system-prompt", { bot: bot.name, language: ownName(locale) });
  return [
    { role: "system", content: hints.length > 0 ? `${system}\n\n${hintLine(hints)}` : system },
    ...memory.map((turn): ChatMessage => ({ role: turn.role, content: turn.text })),
    { role: "user", content: request.text },
  ];
}
