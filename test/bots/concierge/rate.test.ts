import { describe, expect, it } from "vitest";
import { interceptFetch } from "../../support/outbound.ts";
import { sendTelegram, sentTexts, stubTelegramApi } from "../../support/telegram.ts";
import { callsTo, FX_API } from "./apis.ts";

/** Frankfurter's answer for `base`, knowing a few currencies and 404 for the rest, as the real one does. */
const RATES: Record<string, Record<string, number>> = {
  USD: { EUR: 0.92345, JPY: 151.23, GBP: 0.79 },
  GBP: { JPY: 190.1234, EUR: 1.17 },
};

function stubFrankfurter() {
  return stubTelegramApi(interceptFetch()).on(`${FX_API}/latest`, (call) => {
    const base = call.url.searchParams.get("base") ?? "EUR";
    const symbol = call.url.searchParams.get("symbols") ?? "";
    const rate = RATES[base]?.[symbol];
    if (rate === undefined) return Response.json({ message: "not found" }, { status: 404 });
    return Response.json({ amount: 1, base, date: "2026-11-26", rates: { [symbol]: rate } });
  });
}

describe("/rate", () => {
  it("converts an amount and shows the rate and its date", async () => {
    const outbound = stubFrankfurter();
    await sendTelegram({ text: "/rate usd eur 1250", userId: 2201 });
    expect(sentTexts(outbound)).toEqual([
      "<b>1,250 USD = 1,154.31 EUR</b>\n1 USD = 0.92345 EUR\n<i>Reference rate of Nov 26, 2026</i>",
    ]);
    const [call] = callsTo(outbound, FX_API);
    expect(call?.url.pathname).toBe("/v1/latest");
    expect(Object.fromEntries(call?.url.searchParams ?? [])).toEqual({ base: "USD", symbols: "EUR" });
  });

  it("converts one unit when no amount is given, and takes decimal amounts", async () => {
    const outbound = stubFrankfurter();
    await sendTelegram({ text: "/rate GBP jpy", userId: 2202 });
    await sendTelegram({ text: "/rate usd gbp 0.5", userId: 2202 });
    expect(sentTexts(outbound)).toEqual([
      "<b>1 GBP = 190.12 JPY</b>\n1 GBP = 190.123 JPY\n<i>Reference rate of Nov 26, 2026</i>",
      "<b>0.5 USD = 0.395 GBP</b>\n1 USD = 0.79 GBP\n<i>Reference rate of Nov 26, 2026</i>",
    ]);
  });

  it("rejects bad input with a clear reason before asking anyone", async () => {
    const outbound = stubFrankfurter();
    const cases: [string, string][] = [
      ["/rate dollars eur", '"dollars" is not a currency code. Use three letters, like USD or EUR.'],
      ["/rate usd €", '"€" is not a currency code. Use three letters, like USD or EUR.'],
      ["/rate 10 usd", '"10" is not a currency code. Use three letters, like USD or EUR.'],
      ["/rate usd eur 0", "The amount must be more than 0."],
      ["/rate usd eur -5", "The amount must be more than 0."],
      ["/rate usd eur ten", "Sorry, amount must be a number. Usage: /rate &lt;from&gt; &lt;to&gt; [amount]"],
      ["/rate usd", "Sorry, to is missing. Usage: /rate &lt;from&gt; &lt;to&gt; [amount]"],
      ["/rate eur EUR", "Pick two different currencies, like /rate USD EUR."],
    ];
    for (const [text] of cases) await sendTelegram({ text, userId: 2203 });
    expect(sentTexts(outbound)).toEqual(cases.map(([, reply]) => reply));
    expect(callsTo(outbound, FX_API)).toHaveLength(0);
  });

  it("says which pair it has no rate for when a currency is unknown", async () => {
    const outbound = stubFrankfurter();
    await sendTelegram({ text: "/rate usd xyz", userId: 2204 });
    expect(sentTexts(outbound)).toEqual([
      "I have no exchange rate from USD to XYZ. Check both codes: the rates cover about 30 major currencies.",
    ]);
    expect(callsTo(outbound, FX_API)[0]?.url.searchParams.get("symbols")).toBe("XYZ");
  });

  it("treats a 422 for a currency like an unknown one", async () => {
    const outbound = stubTelegramApi(interceptFetch()).on(FX_API, () =>
      Response.json({ message: "invalid currency" }, { status: 422 }),
    );
    await sendTelegram({ text: "/rate abc usd", userId: 2205 });
    expect(sentTexts(outbound)[0]).toContain("I have no exchange rate from ABC to USD.");
  });

  it("answers kindly when the exchange-rate service is down", async () => {
    const outbound = stubTelegramApi(interceptFetch()).on(FX_API, () => new Response("bad gateway", { status: 502 }));
    await sendTelegram({ text: "/rate usd eur", userId: 2206 });
    expect(sentTexts(outbound)).toEqual([
      "The exchange-rate service is not answering right now. Please try again in a moment.",
    ]);
  });
});
