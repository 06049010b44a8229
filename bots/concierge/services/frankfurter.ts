/**
 * Frankfurter: the European Central Bank's reference rates, no key needed.
 * It answers 404 (or 422) for a currency it does not know.
 */
import { ServiceError, type Services } from "parley";
import * as z from "zod";

/** The service as users hear of it: a message of the bot (`fx-service`). */
const FX_SERVICE = "fx-service";

const LatestRates = z.object({
  amount: z.number(),
  base: z.string(),
  date: z.string(),
  rates: z.record(z.string(), z.number()),
});

export interface Rate {
  /** How many `to` one `from` buys. */
  readonly rate: number;
  /** The day the rate was published, YYYY-MM-DD. */
  readonly date: string;
}

/** The latest rate from one currency to another, or undefined when Frankfurter does not know one of them. */
export async function latestRate(services: Services, from: string, to: string): Promise<Rate | undefined> {
  const url = new URL(`${services.setting("FX_API_BASE")}/latest`);
  url.search = new URLSearchParams({ base: from, symbols: to }).toString();
  let answer: z.infer<typeof LatestRates>;
  try {
    answer = await services.getJson(FX_SERVICE, url, LatestRates);
  } catch (error) {
    if (error instanceof ServiceError && (error.failure === "not_found" || error.failure === "rejected"))
      return undefined;
    throw error;
  }
  const rate = answer.rates[to];
  return rate === undefined ? undefined : { rate, date: answer.date };
}

const Currencies = z.record(z.string(), z.string());

/** Every currency Frankfurter has rates for, by code: `{ EUR: "Euro", … }` (about 30). */
export function currencies(services: Services): Promise<Readonly<Record<string, string>>> {
  return services.getJson(FX_SERVICE, new URL(`${services.setting("FX_API_BASE")}/currencies`), Currencies);
}
