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

/** Folded names, one or two words; a qualifier decides between dollars, crowns and others. */
const NAMES: ReadonlyArray<readonly [string, string]> = [
  ["USD", "dollar dollars dollar buck bucks us dollar us dollars american dollars amerikanische dollar greenback"],
  ["EUR", "euro euros"],
  ["JPY", "yen japanese yen japanische yen"],
  ["GBP", "pound pounds sterling quid pfund british pounds british pound britische pfund pfund sterling"],
  ["CHF", "franc francs franken swiss franc swiss francs schweizer franken"],
  ["CAD", "canadian dollar canadian dollars kanadische dollar kanadischen dollar"],
  ["AUD", "australian dollar australian dollars australische dollar australischen dollar"],
  ["NZD", "new zealand dollar new zealand dollars neuseeland dollar"],
  ["HKD", "hong kong dollar hong kong dollars hongkong dollar"],
  ["SGD", "singapore dollar singapore dollars singapur dollar"],
  ["CNY", "yuan renminbi chinese yuan chinesische yuan"],
  ["INR", "rupee rupees rupie rupien indian rupee indian rupees indische rupien indischen rupien"],
  ["SEK", "krona kronor swedish krona swedish kronor schwedische kronen schwedischen kronen"],
  ["NOK", "norwegian krone norwegian kroner norwegische kronen norwegischen kronen"],
  ["DKK", "danish krone danish kroner danische kronen danischen kronen"],
  ["CZK", "czech koruna tschechische kronen tschechischen kronen"],
  ["PLN", "zloty zlotys zloty polish zloty polnische zloty"],
  ["HUF", "forint forints hungarian forint ungarische forint"],
  ["TRY", "lira turkish lira turkische lira"],
  ["MXN", "peso pesos mexican peso mexican pesos mexikanische pesos"],
  ["BRL", "reais brazilian real brazilian reais brasilianische real"],
  ["ZAR", "rand south african rand sudafrikanische rand"],
  ["KRW", "korean won sudkoreanische won"],
];

/** The longest names are two words ("swiss francs"); name lists are split into those. */
function namePhrases(): Map<string, string> {
  const phrases = new Map<string, string>();
  for (const [code, list] of NAMES) {
    const words = list.split(" ");
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? "";
      const next = words[i + 1];
      const pair = next === undefined ? undefined : `${word} ${next}`;
      phrases.set(word, phrases.get(word) ?? code);
      if (pair) phrases.set(pair, code);
    }
  }
  return phrases;
}

const PHRASES = namePhrases();

/** Single words that are names only beside another name (qualifiers) are not currencies alone. */
const QUALIFIERS = new Set(
  "us american amerikanische japanese japanische british britische swiss schweizer canadian kanadische kanadischen australian australische australischen new zealand neuseeland hong kong hongkong singapore singapur chinese chinesische indian indische indischen swedish schwedische schwedischen norwegian norwegische norwegischen danish danische danischen czech tschechische tschechischen polish polnische hungarian ungarische turkish turkische mexican mexikanische brazilian brasilianische south african sudafrikanische korean sudkoreanische real".split(
    " ",
  ),
);

export function recogniseCurrencies(reading: Reading): Entity[] {
  const { words } = reading;
  const byName = phraseEntities(words, "currency", PHRASES, 2).filter(
    (entity) => entity.end - entity.start > 1 || !QUALIFIERS.has(words[entity.start]?.word ?? ""),
  );
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
export const CURRENCY_WORDS: readonly string[] = [...new Set(NAMES.flatMap(([, list]) => list.split(" ")))];
