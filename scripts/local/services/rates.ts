/**
 * A stand-in for Frankfurter: the European Central Bank's currencies at
 * fixed, plausible rates, published on the last weekday, and 404 for a
 * currency it does not know, as Frankfurter answers.
 */
import type { ApiAnswer } from "../platform.ts";

/** Name, and units of it one euro buys. */
const CURRENCIES: Readonly<Record<string, readonly [string, number]>> = {
  AUD: ["Australian Dollar", 1.7812],
  BRL: ["Brazilian Real", 6.2174],
  CAD: ["Canadian Dollar", 1.6238],
  CHF: ["Swiss Franc", 0.9321],
  CNY: ["Chinese Renminbi Yuan", 8.2347],
  CZK: ["Czech Koruna", 24.196],
  DKK: ["Danish Krone", 7.4683],
  EUR: ["Euro", 1],
  GBP: ["British Pound", 0.87915],
  HKD: ["Hong Kong Dollar", 9.0265],
  HUF: ["Hungarian Forint", 384.65],
  IDR: ["Indonesian Rupiah", 19318],
  ILS: ["Israeli New Sheqel", 3.7952],
  INR: ["Indian Rupee", 103.52],
  ISK: ["Icelandic Króna", 147.2],
  JPY: ["Japanese Yen", 180.83],
  KRW: ["South Korean Won", 1701.4],
  MXN: ["Mexican Peso", 21.317],
  MYR: ["Malaysian Ringgit", 4.8531],
  NOK: ["Norwegian Krone", 11.752],
  NZD: ["New Zealand Dollar", 2.0489],
  PHP: ["Philippine Peso", 68.214],
  PLN: ["Polish Złoty", 4.2335],
  RON: ["Romanian Leu", 5.0871],
  SEK: ["Swedish Krona", 10.948],
  SGD: ["Singapore Dollar", 1.5093],
  THB: ["Thai Baht", 37.614],
  TRY: ["Turkish Lira", 49.213],
  USD: ["United States Dollar", 1.1604],
  ZAR: ["South African Rand", 20.108],
};

/** The last weekday up to `now`: the ECB publishes on working days only. */
function publishedOn(now: Date): string {
  const day = new Date(now);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

const notFound: ApiAnswer = { status: 404, body: { message: "not found" } };

function latest(query: URLSearchParams): ApiAnswer {
  const base = (query.get("base") ?? "EUR").toUpperCase();
  const perEuro = CURRENCIES[base]?.[1];
  const symbols = (query.get("symbols") ?? Object.keys(CURRENCIES).join(",")).toUpperCase().split(",");
  if (perEuro === undefined || symbols.some((symbol) => !(symbol in CURRENCIES))) return notFound;
  const rates = Object.fromEntries(
    symbols
      .filter((symbol) => symbol !== base)
      .map((symbol) => [symbol, Number(((CURRENCIES[symbol]?.[1] ?? 0) / perEuro).toPrecision(5))]),
  );
  return { status: 200, body: { amount: 1, base, date: publishedOn(new Date()), rates } };
}

/** `FX_API_BASE` answers `/latest` and `/currencies`. */
export function rates(path: string, query: URLSearchParams): ApiAnswer {
  if (path === "/latest") return latest(query);
  if (path === "/currencies") {
    return { status: 200, body: Object.fromEntries(Object.entries(CURRENCIES).map(([code, [name]]) => [code, name])) };
  }
  return notFound;
}
