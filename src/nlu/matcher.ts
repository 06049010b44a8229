/**
 * The matcher: trained once per isolate from the bot's examples, then reads
 * each message in a fraction of a millisecond with no network.
 *
 *   tokens → spelling → language → entities → shortlist → line-up → slots → confidence
 */
import { type Alignment, align, type Scratch, scratchFor } from "./align.ts";
import { ASK_THRESHOLD, calibrate } from "./confidence.ts";
import { withoutCourtesy } from "./courtesy.ts";
import type { Word } from "./entities/index.ts";
import { detectLocale, supportedLocale } from "./language.ts";
import { type Message, readMessage, spell } from "./message.ts";
import { type Model, trainModel, type Unit } from "./model.ts";
import { shortlist } from "./shortlist.ts";
import { type Filling, fillSlots } from "./slots.ts";
import { MAX_CHARS, tokenize } from "./text.ts";
import type { Candidate, Locale, Matcher, Understandable, Understanding } from "./types.ts";

/** Intents lined up per message: enough for the right one to be among them, few enough to stay cheap. */
const SHORTLIST = 4;

/** What a reading in the less likely language is worth against one in the likely language. */
const OTHER_LANGUAGE = 0.95;

/** How many candidates an understanding lists. */
const CANDIDATES = 3;

/** Recall matters more than precision: fillers and chatter around a clear request cost little. */
const PRECISION_EXPONENT = 0.7;

function scoreOf(recall: number, said: number, all: number): number {
  return all > 0 ? recall * (said / all) ** PRECISION_EXPONENT : 0;
}

interface Reading {
  readonly unit: Unit;
  readonly locale: Locale;
  readonly filling: Filling;
  readonly score: number;
}

/** Line-ups whose arguments are worked out: the best few, since an argument can still explain a leftover word. */
const FINALISTS = 3;

/** The reading of `unit` whose template lines up best with the message, arguments included. */
function bestReading(unit: Unit, message: Message, scratch: Scratch, text: string) {
  const finalists: { alignment: Alignment; score: number }[] = [];
  for (const template of unit.templates) {
    const alignment = align(template, message, scratch);
    const score = scoreOf(alignment.recall, alignment.said, alignment.all);
    if (finalists.length === FINALISTS && score <= (finalists.at(-1)?.score ?? 0)) continue;
    finalists.push({ alignment, score });
    finalists.sort((a, b) => b.score - a.score);
    if (finalists.length > FINALISTS) finalists.pop();
  }
  let best: { filling: Filling; score: number } | undefined;
  for (const { alignment } of finalists) {
    const filling = fillSlots(unit, alignment, message, text);
    const score = scoreOf(filling.recall, alignment.said + filling.recovered, alignment.all);
    if (!best || score > best.score) best = { filling, score };
  }
  return best;
}

/** The shortlisted intents' best readings of the message in one language. */
function read(text: string, words: readonly Word[], locale: Locale, model: Model): Reading[] {
  const language = model.locales.get(locale);
  if (!language) return [];
  const message = readMessage(text, words, locale, model);
  const scratch = scratchFor(words.length, language.longest);
  return shortlist(message, language, SHORTLIST).flatMap(({ unit }) => {
    const reading = bestReading(unit, message, scratch, text);
    return reading ? [{ unit, locale, ...reading }] : [];
  });
}

export function trainMatcher(understandables: readonly Understandable[]): Matcher {
  const model = trainModel(understandables);
  return {
    understand(message: string, locale?: string): Understanding {
      const hint = supportedLocale(locale);
      const { tokens, truncated } = tokenize(message);
      // Entities and cut-out values come from the part that was read.
      const text = message.slice(0, MAX_CHARS);
      const words = withoutCourtesy(spell(tokens, model, hint), text);
      const detected = detectLocale(words, model, hint);
      if (words.length === 0) return { candidates: [], locale: detected.locale };
      const other = detected.locale === "en" ? "de" : "en";
      // The other language is read too when the words leave it open, and wins only by reading clearly better.
      const alternative = detected.unsure
        ? read(text, words, other, model).map((reading) => ({ ...reading, score: reading.score * OTHER_LANGUAGE }))
        : [];
      const readings = [...read(text, words, detected.locale, model), ...alternative].sort((a, b) => b.score - a.score);
      const seen = new Set<string>();
      const candidates: Candidate[] = [];
      const outOfScope = readings.find((reading) => reading.unit.understandable.outOfScope)?.score ?? 0;
      for (const reading of readings) {
        if (reading.unit.understandable.outOfScope) continue;
        const { intent, subcommand } = reading.unit.understandable;
        const name = `${intent} ${subcommand ?? ""}`;
        if (seen.has(name)) continue;
        seen.add(name);
        const { args, missing } = reading.filling;
        candidates.push({ intent, ...(subcommand ? { subcommand } : {}), args, missing, confidence: reading.score });
        if (candidates.length === CANDIDATES) break;
      }
      // A message nothing reads well stays in the language its words suggest.
      const best = readings[0];
      const readAs = best && best.score >= ASK_THRESHOLD ? best.locale : detected.locale;
      return { candidates: calibrate(candidates, { truncated, outOfScope }), locale: readAs };
    },
  };
}
