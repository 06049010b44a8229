/**
 * Currencies as the rate intent wants them, three-letter codes, from codes
 * ("usd"), symbols ("$", "€"), names in English and German ("dollars",
 * "Pfund", "Franken") and qualified names ("swiss francs", "dänische Kronen").
 */
import { type Entity, phraseEntities, type Reading } from "./entity.ts";

/** The currencies the reference rates cover. */
const CODES = new Set(
  "aud bgn brl cad chf cny czk dkk eur gbp hkd huf idr ils inr isk jpy krw mxn myr nok nzd php pln ron sek sgd thb try usd zar".split(
    " ",
  ),
);

/** Codes that are also everyday words count only when typed in capitals. */
const WORD_CODES = new Set(["try"]);

const SYMBOLS: Readonly<Record<string, string>> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR" };

/** Folded names, one to three words each; a qualifier alone ("swiss", "hong kong") names nothing. */
const NAMES: ReadonlyArray<readonly [string, string]> = [
  ["USD", "dollar, dollars, buck, bucks, us dollar, us dollars, american dollars, amerikanische dollar, greenback"],
  ["EUR", "euro, euros, euronen"],
  ["JPY", "yen, japanese yen, japanische yen"],
  ["GBP", "pound, pounds, sterling, quid, pfund, british pounds, british pound, britische pfund, pfund sterling"],
  ["CHF", "franc, francs, franken, swiss franc, swiss francs, schweizer franken, stutz, swissie"],
  ["CAD", "canadian dollar, canadian dollars, kanadische dollar, kanadischen dollar, loonie, loonies"],
  [
    "AUD",
    "australian dollar, australian dollars, australische dollar, australischen dollar, aussie dollar, aussie dollars, aussies",
  ],
  ["NZD", "new zealand dollar, new zealand dollars, neuseeland dollar, kiwi dollar, kiwi dollars"],
  ["HKD", "hong kong dollar, hong kong dollars, hongkong dollar"],
  ["SGD", "singapore dollar, singapore dollars, singapur dollar"],
  ["CNY", "yuan, renminbi, chinese yuan, chinesische yuan"],
  ["INR", "rupee, rupees, rupie, rupien, indian rupee, indian rupees, indische rupien, indischen rupien"],
  ["SEK", "krona, kronor, swedish krona, swedish kronor, schwedische kronen, schwedischen kronen"],
  ["NOK", "norwegian krone, norwegian kroner, norwegische kronen, norwegischen kronen"],
  ["DKK", "danish krone, danish kroner, danische kronen, danischen kronen"],
  ["CZK", "czech koruna, tschechische kronen, tschechischen kronen"],
  ["PLN", "zloty, zlotys, polish zloty, polnische zloty"],
  ["HUF", "forint, forints, hungarian forint, ungarische forint"],
  ["TRY", "lira, turkish lira, turkische lira"],
  ["MXN", "peso, pesos, mexican peso, mexican pesos, mexikanische pesos"],
  ["BRL", "reais, brazilian real, brazilian reais, brasilianische real"],
  ["ZAR", "rand, south african rand, sudafrikanische rand"],
  ["KRW", "korean won, sudkoreanische won"],
];

/** Each name as a phrase of folded words. */
function namePhrases(): Map<string, string> {
  const phrases = new Map<string, string>();
  for (const [code, list] of NAMES) {
    for (const name of list.split(", ")) phrases.set(name, code);
  }
  return phrases;
}

const PHRASES = namePhrases();
const LONGEST = Math.max(...[...PHRASES.keys()].map((phrase) => phrase.split(" ").length));

export function recogniseCurrencies(reading: Reading): Entity[] {
  const { words } = reading;
  const byName = phraseEntities(words, "currency", PHRASES, LONGEST);
  const taken = new Set(byName.flatMap((entity) => [entity.start, entity.end - 1]));
  const byCode: Entity[] = [];
  words.forEach((word, index) => {
    if (taken.has(index)) return;
    const symbol = SYMBOLS[word.raw];
    if (symbol) byCode.push({ kind: "currency", start: index, end: index + 1, value: symbol });
    const code = word.norm;
    if (!CODES.has(code) || (WORD_CODES.has(code) && word.raw !== word.raw.toUpperCase())) return;
    byCode.push({ kind: "currency", start: index, end: index + 1, value: code.toUpperCase() });
  });
  return [...byName, ...byCode].sort((a, b) => a.start - b.start);
}

/** Every currency name, for spelling correction. */
export const CURRENCY_WORDS: readonly string[] = [
  ...new Set([...PHRASES.keys()].flatMap((phrase) => phrase.split(" "))),
];
