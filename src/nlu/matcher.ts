/**
 * The matcher: trained once per isolate from the bot's examples, then reads
 * each message in a fraction of a millisecond with no network.
 *
 *   tokens → spelling → language → entities → shortlist → line-up → slots → confidence
 */
import { type Alignment, align, type Scratch, scratchFor } from "./align.ts";
import { calibrate } from "./confidence.ts";
import { detectLocale, supportedLocale } from "./language.ts";
import { readMessage, spell } from "./message.ts";
import { type Model, trainModel, type Unit } from "./model.ts";
import { shortlist } from "./shortlist.ts";
import { fillSlots } from "./slots.ts";
import { tokenize } from "./text.ts";
import type { Candidate, Locale, Matcher, Understandable, Understanding } from "./types.ts";

/** Intents lined up per message: enough for the right one to be among them, few enough to stay cheap. */
const SHORTLIST = 4;

/** How many candidates an understanding lists. */
const CANDIDATES = 3;

interface Scored {
  readonly unit: Unit;
  readonly alignment: Alignment;
  readonly score: number;
}

/** The template of `unit` that lines up best with the message. */
function bestLineUp(unit: Unit, message: Parameters<typeof align>[1], scratch: Scratch): Scored | undefined {
  let best: Scored | undefined;
  for (const template of unit.templates) {
    const alignment = align(template, message, scratch);
    const score = alignment.recall * alignment.precision ** 0.7;
    if (!best || score > best.score) best = { unit, alignment, score };
  }
  return best;
}

function read(text: string, words: Parameters<typeof readMessage>[1], locale: Locale, model: Model) {
  const language = model.locales.get(locale);
  if (!language) return [];
  const message = readMessage(text, words, locale, model);
  const longest = Math.max(1, ...language.units.flatMap((unit) => unit.templates.map((t) => t.parts.length)));
  const scratch = scratchFor(words.length, longest);
  return shortlist(message, language, SHORTLIST).flatMap(({ unit, similarity }) => {
    const best = bestLineUp(unit, message, scratch);
    if (!best) return [];
    return [{ ...best, similarity, message }];
  });
}

export function trainMatcher(understandables: readonly Understandable[]): Matcher {
  const model = trainModel(understandables);
  return {
    understand(text: string, locale?: string): Understanding {
      const hint = supportedLocale(locale);
      const { tokens, truncated } = tokenize(text);
      const words = spell(tokens, model);
      const detected = detectLocale(words, model, hint);
      if (words.length === 0) return { candidates: [], locale: detected.locale };
      const other = detected.locale === "en" ? "de" : "en";
      const readings = [
        ...read(text, words, detected.locale, model),
        ...(detected.unsure ? read(text, words, other, model) : []),
      ].sort((a, b) => b.score - a.score);
      const seen = new Set<string>();
      const candidates: Candidate[] = [];
      for (const reading of readings) {
        const { intent, subcommand } = reading.unit.understandable;
        const name = `${intent} ${subcommand ?? ""}`;
        if (seen.has(name)) continue;
        seen.add(name);
        const { args, missing } = fillSlots(reading.unit.understandable, reading.alignment, reading.message, text);
        candidates.push({ intent, ...(subcommand ? { subcommand } : {}), args, missing, confidence: reading.score });
        if (candidates.length === CANDIDATES) break;
      }
      return { candidates: calibrate(candidates, truncated), locale: readings[0]?.unit.locale ?? detected.locale };
    },
  };
}
