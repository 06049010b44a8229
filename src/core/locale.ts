/**
 * Which language a reply is written in. Platforms report a user's language
 * as a tag (`de`, `de-AT`, `en-US`, `pt-BR`); a bot speaks a few of its own
 * (`en`, `de`). A tag is matched to the bot's by its language, so an Austrian
 * app gets German and a British one English.
 */

/** The language part of a tag, lower-cased: `de-AT` is `de`. */
export function languageOf(tag: string): string {
  return (tag.split(/[-_]/, 1)[0] ?? "").toLowerCase();
}

/** Whether `tag` has the shape of a language tag (`de`, `de-AT`, `zh-Hant-TW`); nothing else is ever stored or matched. */
export function isLanguageTag(tag: string): boolean {
  return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(tag);
}

/**
 * The first of `wanted` (most preferred first) that one of `supported`
 * speaks: the same tag, or else the same language; undefined when none is.
 */
export function matchLocale(
  supported: readonly string[],
  wanted: readonly (string | null | undefined)[],
): string | undefined {
  for (const tag of wanted) {
    if (!tag || !isLanguageTag(tag)) continue;
    const exact = supported.find((locale) => locale.toLowerCase() === tag.toLowerCase().replace("_", "-"));
    if (exact) return exact;
    const language = languageOf(tag);
    const same = supported.find((locale) => languageOf(locale) === language);
    if (same) return same;
  }
  return undefined;
}

/** What a bot needs for the choice: the languages it speaks and the one it falls back to. */
export interface Speaker {
  readonly locales: readonly string[];
  readonly defaultLocale: string;
}

/**
 * The language a user is answered in: their own choice (`/language`), else
 * the one their platform reports, else the bot's default.
 */
export function resolveLocale(
  bot: Speaker,
  chosen: string | null | undefined,
  platform: string | null | undefined,
): string {
  return matchLocale(bot.locales, [chosen, platform]) ?? bot.defaultLocale;
}

/** The language to answer an update in, given what is stored of its user. */
export function localeFor(
  bot: Speaker,
  update: { readonly locale?: string | undefined },
  state: { readonly userLocale: string | null },
): string {
  return resolveLocale(bot, state.userLocale, update.locale);
}
