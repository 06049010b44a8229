/** /rate <from> <to> [amount]: converts an amount at the latest reference rate. */
import { bold, defineIntent, italic, quote, type Services, type Suggestion, UserError } from "parley";
import { formatAmount, formatRate } from "../format.ts";
import { currencies, latestRate } from "../services/frankfurter.ts";

/** Checked before any outside call, so a typo costs nothing and gets a precise answer. */
function currencyCode(raw: string): string {
  if (!/^[A-Za-z]{3}$/.test(raw)) {
    throw new UserError(`"${quote(raw)}" is not a currency code. Use three letters, like USD or EUR.`);
  }
  return raw.toUpperCase();
}

/** Currencies whose code starts with what was typed, then those whose name mentions it ("yen"). */
async function suggestCurrencies(prefix: string, services: Services): Promise<Suggestion[]> {
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
  args: [
    {
      name: "from",
      type: "string",
      description: "Currency to convert from, e.g. USD",
      examples: ["USD", "EUR", "GBP"],
      suggest: suggestCurrencies,
    },
    {
      name: "to",
      type: "string",
      description: "Currency to convert to, e.g. EUR",
      examples: ["EUR", "USD", "JPY"],
      suggest: suggestCurrencies,
    },
    { name: "amount", type: "number", optional: true, description: "How much to convert (default 1)" },
  ],
  async run(ctx) {
    const from = currencyCode(ctx.args.from);
    const to = currencyCode(ctx.args.to);
    const amount = ctx.args.amount ?? 1;
    if (!(amount > 0)) throw new UserError("The amount must be more than 0.");
    if (from === to) throw new UserError("Pick two different currencies, like /rate USD EUR.");
    const found = await latestRate(ctx.services, from, to);
    if (!found) {
      throw new UserError(
        `I have no exchange rate from ${from} to ${to}. Check both codes: the rates cover about 30 major currencies.`,
      );
    }
    ctx.reply([
      bold(`${formatAmount(amount)} ${from} = ${formatAmount(amount * found.rate)} ${to}`),
      `\n1 ${from} = ${formatRate(found.rate)} ${to}\n`,
      italic(`Reference rate of ${found.date}`),
    ]);
  },
});
