/**
 * A message read for matching in one language: words (spelling corrected),
 * the entities in them, and what each word is worth when left unexplained.
 */

import { splitCompound } from "./compound.ts";
import { type Entity, kindBit, recognise, type Word } from "./entities/index.ts";
import type { LocaleModel, Model } from "./model.ts";
import { keyOf } from "./template.ts";
import type { Token } from "./text.ts";
import type { Locale } from "./types.ts";
import { FILLERS, SHORT_FORMS, STOPWORDS } from "./words.ts";

export interface Message {
  readonly locale: Locale;
  readonly words: readonly Word[];
  readonly entities: readonly Entity[];
  /** Entities by the index of their first word. */
  readonly entitiesAt: readonly (readonly Entity[])[];
  /** What leaving each word unexplained costs: little for "please", much for "weather" or "Berlin". */
  readonly weights: readonly number[];
  /** For each word, the kinds of the entities covering it (see `kindBit`). */
  readonly kinds: readonly number[];
  /** Whether each word is a filler or function word. */
  readonly functional: readonly boolean[];
  /** Whether each word is one the templates of served intents use, other than a filler or function word. */
  readonly known: readonly boolean[];
  /** Whether each word starts with a capital where sentences do not start. */
  readonly capitalised: readonly boolean[];
  /** Whether the writer capitalises: some word past the first does. */
  readonly capitalising: boolean;
}

const FILLER_WEIGHT = 0.1;
const STOPWORD_WEIGHT = 0.2;
const UNKNOWN_WEIGHT = 1;
const ENTITY_WEIGHT = 1;

export function spell(tokens: readonly Token[], model: Model, preferred: Locale | undefined): Word[] {
  return tokens
    .flatMap((token) => splitCompound(token, model.speller))
    .map((token) => {
      // A form of a word the templates know is no typo: "showing" is "show", not "snowing".
      const inflected = [...model.locales.values()].some((language) => language.keys.has(keyOf(token.norm)));
      const corrected = inflected ? token.norm : model.speller.correct(token.norm, preferred);
      // A typo of a short form ("helo" for "hello") reads as what the short form stands for.
      const long = corrected === token.norm ? undefined : SHORT_FORMS.get(corrected);
      const word = long !== undefined && !long.includes(" ") ? long : corrected;
      return { ...token, word, key: keyOf(word), corrected: word !== token.norm };
    });
}

function weightOf(word: Word, covered: boolean, language: LocaleModel): number {
  if (FILLERS.has(word.word)) return FILLER_WEIGHT;
  if (covered) return ENTITY_WEIGHT;
  if (STOPWORDS.has(word.word)) return STOPWORD_WEIGHT;
  const idf = language.keyIdf.get(word.key);
  return idf === undefined ? UNKNOWN_WEIGHT : Math.min(1.2, Math.max(0.3, idf / 2));
}

export function readMessage(text: string, words: readonly Word[], locale: Locale, model: Model): Message {
  const language = model.locales.get(locale);
  const entities = recognise({ words, text, locale });
  const entitiesAt: Entity[][] = words.map(() => []);
  for (const entity of entities) entitiesAt[entity.start]?.push(entity);
  const kinds = words.map(() => 0);
  for (const entity of entities) {
    for (let i = entity.start; i < entity.end; i++) kinds[i] = (kinds[i] ?? 0) | kindBit(entity.kind);
  }
  const covered = kinds.map((mask) => (mask & ~kindBit("digest")) !== 0);
  const weights = words.map((word, i) => (language ? weightOf(word, covered[i] ?? false, language) : UNKNOWN_WEIGHT));
  const functional = words.map((word) => FILLERS.has(word.word) || STOPWORDS.has(word.word));
  const known = words.map((word, i) => !functional[i] && (language?.servedKeys.has(word.key) ?? false));
  const capitalised = words.map((word) => /^\p{Lu}/u.test(word.raw));
  const capitalising = capitalised.some((capital, i) => capital && i > 0);
  return { locale, words, entities, entitiesAt, weights, kinds, functional, known, capitalised, capitalising };
}
