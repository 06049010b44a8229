/** /rate <from> <to> [amount]: converts an amount at the latest reference rate. */
import { bold, defineIntent, italic, quote, type Services, type Suggestion, type Translate, UserError } from "parley";
import { formatAmount, formatDay, formatRate } from "../format.ts";
import { currencies, latestRate } from "../services/frankfurter.ts";

/** Checked before any outside call, so a typo costs nothing and gets a precise answer. */
export function currencyCode(t: Translate, raw: string): string {
  if (!/^[A-Za-z]{3}$/.test(raw)) throw new UserError(t("rate-not-a-currency", { code: quote(raw) }));
  return raw.toUpperCase();
}

/** Currencies whose code starts with what was typed, then those whose name mentions it ("yen"). */
export async function suggestCurrencies(prefix: string, services: Services): Promise<Suggestion[]> {
  const wanted = prefix.toLowerCase();
  const all = Object.entries(await currencies(services)).map(([code, name]) => ({
    label: `${code} — ${name}`,
    value: code,
  }));
  const byCode = (entry: Suggestion) => entry.value.toLowerCase().startsWith(wanted);
  return [
    ...all.filter(byCode),
    ...all.filter((entry) => !byCode(entry) && entry.label.toLowerCase().includes(wanted)),
  ];
}

export const rate = defineIntent({
  command: "rate",
  description: "Convert between currencies",
  examples: {
    en: [
      "convert {amount} {from} to {to}",
      "{amount} {from} (to|in) {to}",
      "how much is {amount} {from} in {to}",
      "{from} (to|in) {to}",
      "rate {from} {to}",
      "exchange rate {from} {to}",
      "exchange rate from {from} to {to}",
      "whats the exchange rate between {from} and {to}",
      "how many {to} is {amount} {from}",
      "how many {to} do i get for {amount} {from}",
      "{from} {to} rate",
      "convert {from} to {to}",
      "what is {amount} {from} worth in {to}",
      "(change|turn) {amount} {from} into {to}",
      "price of {from} in {to}",
      "exchange rate",
      "{from} {to}",
      "how much is a {from} in {to}",
      "{from} to {to} exchange rate",
      "current {from} to {to} rate",
      "how much is the {from} worth in {to}",
      "what do i get for {amount} {from} in {to}",
      "exchange {amount} {from} for {to}",
    ],
    de: [
      "rechne {amount} {from} in {to} um",
      "{amount} {from} in {to}",
      "wie viel sind {amount} {from} in {to}",
      "(kurs|wechselkurs) {from} {to}",
      "kurs von {from} zu {to}",
      "wechselkurs von {from} in {to}",
      "{from} (in|zu) {to}",
      "(umrechnen|tausche) {amount} {from} in {to}",
      "was sind {amount} {from} in {to}",
      "wie viele {to} bekomme ich für {amount} {from}",
      "wie steht der {from} zum {to}",
      "was kostet ein {from} in {to}",
      "{amount} {from} (nach|in) {to} umrechnen",
      "wechselkurs",
      "{from} {to}",
      "rechne {from} in {to} um",
      "{from} in {to} umrechnen",
      "was ist der aktuelle kurs von {from} zu {to}",
      "wie viel {to} gibt es für {amount} {from}",
      "was kriege ich für {amount} {from} in {to}",
    ],
  },
  args: [
    {
      name: "from",
      type: "string",
      kind: "currency",
      description: "Currency to convert from, e.g. USD",
      examples: ["USD", "EUR", "GBP"],
      suggest: suggestCurrencies,
    },
    {
      name: "to",
      type: "string",
      kind: "currency",
      description: "Currency to convert to, e.g. EUR",
      examples: ["EUR", "USD", "JPY"],
      suggest: suggestCurrencies,
    },
    { name: "amount", type: "number", optional: true, description: "How much to convert (default 1)" },
  ],
  async run(ctx) {
    const { t, locale } = ctx;
    const from = currencyCode(t, ctx.args.from);
    const to = currencyCode(t, ctx.args.to);
    const amount = ctx.args.amount ?? 1;
    if (!(amount > 0)) throw new UserError(t("rate-amount-too-small"));
    if (from === to) throw new UserError(t("rate-same-currency"));
    const found = await latestRate(ctx.services, from, to);
    if (!found) throw new UserError(t("rate-unknown-pair", { from, to }));
    const converted = formatAmount(amount * found.rate, locale);
    ctx.reply([
      bold(t("rate-result", { amount: formatAmount(amount, locale), from, converted, to })),
      `\n${t("rate-per-unit", { from, rate: formatRate(found.rate, locale), to })}\n`,
      italic(t("rate-reference", { date: formatDay(found.date, locale) })),
    ]);
  },
});
