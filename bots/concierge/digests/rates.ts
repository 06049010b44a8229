/** The exchange-rate digest: the latest reference rate from one currency to another. */
import { bold, type Digest, type DigestArgs, italic, UserError } from "parley";
import { formatDay, formatRate } from "../format.ts";
import { currencyCode, suggestCurrencies } from "../intents/rate.ts";
import { latestRate } from "../services/frankfurter.ts";

const pair = (args: DigestArgs) => ({ from: String(args.from), to: String(args.to) });

export const ratesDigest: Digest = {
  name: "rates",
  description: "An exchange rate, e.g. USD to EUR",
  args: [
    {
      name: "from",
      type: "string",
      kind: "currency",
      ask: "From which currency? (e.g. USD)",
      description: "Currency to convert from, e.g. USD",
      suggest: suggestCurrencies,
    },
    {
      name: "to",
      type: "string",
      kind: "currency",
      ask: "To which currency? (e.g. EUR)",
      description: "Currency to convert to, e.g. EUR",
      suggest: suggestCurrencies,
    },
  ],
  async canonical({ services, args, t }) {
    const from = currencyCode(t, String(args.from));
    const to = currencyCode(t, String(args.to));
    if (from === to) throw new UserError(t("rate-same-currency"));
    if (!(await latestRate(services, from, to))) throw new UserError(t("rate-unknown-pair", { from, to }));
    return { from, to };
  },
  title(args, t) {
    return t("rates-digest-name", pair(args));
  },
  async render({ services, args, t, locale }) {
    const { from, to } = pair(args);
    const found = await latestRate(services, from, to);
    if (!found) return { text: t("rate-unknown-pair", { from, to }) };
    return {
      text: [
        bold(t("rate-per-unit", { from, rate: formatRate(found.rate, locale), to })),
        "\n",
        italic(t("rate-reference", { date: formatDay(found.date, locale) })),
      ],
    };
  },
};
