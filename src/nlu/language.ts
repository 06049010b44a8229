/**
 * Which language a message is in: the user's language unless the message's
 * own words clearly belong to the other one ("wie ist das Wetter" from a user
 * whose client is set to English).
 */
import type { Word } from "./entities/index.ts";
import type { Model } from "./model.ts";
import { LOCALES, type Locale } from "./types.ts";

/** Common words that mark a language even when no template has them. */
const MARKERS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  en: new Set("the is are what whats me my please and to of how you your with for".split(" ")),
  de: new Set("der die das den ist sind wie mir mich bitte und ich was mein meine nicht noch fur mit".split(" ")),
};

export interface Detected {
  readonly locale: Locale;
  /** Whether the other language is nearly as likely, so both are worth reading. */
  readonly unsure: boolean;
}

/** "de-AT" → "de"; undefined for a language the matcher does not read. */
export function supportedLocale(tag: string | undefined): Locale | undefined {
  const language = tag?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === language);
}

export function detectLocale(words: readonly Word[], model: Model, hint: Locale | undefined): Detected {
  const evidence = new Map<Locale, number>(LOCALES.map((locale) => [locale, 0]));
  for (const word of words) {
    const belongs = LOCALES.filter(
      (locale) => MARKERS[locale].has(word.norm) || model.locales.get(locale)?.words.has(word.word),
    );
    if (belongs.length === 1 && belongs[0]) evidence.set(belongs[0], (evidence.get(belongs[0]) ?? 0) + 1);
  }
  const ranked = [...LOCALES].sort(
    (a, b) => (evidence.get(b) ?? 0) + (b === hint ? 1.5 : 0) - ((evidence.get(a) ?? 0) + (a === hint ? 1.5 : 0)),
  );
  const best = ranked[0] ?? "en";
  const second = ranked[1];
  const margin = (evidence.get(best) ?? 0) - (second === undefined ? 0 : (evidence.get(second) ?? 0));
  return { locale: best, unsure: margin <= 1 };
}
