/**
 * `/language <code>`: the user picks one of the bot's languages, kept with
 * their data in D1 and used from the reply to this command on. Without a
 * code it says which language it answers in and offers the bot's others as
 * buttons; a language the bot does not speak gets the list of those it
 * does. A bot that speaks more than one lists it among its intents.
 */
import { defineIntent } from "./define.ts";
import { UserError } from "./errors.ts";
import { matchLocale } from "./locale.ts";
import { buttonRows, quote } from "./reply.ts";

/** A language in its own words ("Deutsch"), as a picker shows it; the code when the runtime does not know it. */
export function ownName(locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** "English (en), Deutsch (de)". */
function languageList(locales: readonly string[]): string {
  return locales.map((locale) => `${ownName(locale)} (${locale})`).join(", ");
}

export const languageIntent = defineIntent({
  command: "language",
  description: "Choose the language I answer in",
  args: [{ name: "code", type: "string", optional: true, description: "A language code, such as en or de" }],
  run(ctx) {
    const { locales } = ctx.bot;
    const languages = languageList(locales);
    const code = ctx.args.code;
    if (code === undefined) {
      const example = locales.find((locale) => locale !== ctx.locale) ?? ctx.locale;
      const buttons = buttonRows(locales.map((locale) => ({ label: ownName(locale), value: `/language ${locale}` })));
      ctx.reply(ctx.t("parley-language-current", { language: ownName(ctx.locale), languages, example }), { buttons });
      return;
    }
    const chosen = matchLocale(locales, [code]);
    if (chosen === undefined)
      throw new UserError(ctx.t("parley-language-unsupported", { code: quote(code), languages }));
    ctx.user.locale = chosen;
    ctx.reply(ctx.t("parley-language-set"));
  },
});
