/** Numbers as people read them: grouped thousands, no "-0", no float noise. */

function format(value: number, options: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat("en-US", { signDisplay: "negative", ...options }).format(value);
}

/** At most `digits` decimals: 12.34 with 1 is "12.3", 1234 is "1,234". */
export function formatDecimal(value: number, digits: number): string {
  return format(value, { maximumFractionDigits: digits });
}

/** Money: cents for ordinary amounts, significant digits for tiny ones (0.0001234). */
export function formatAmount(value: number): string {
  return Math.abs(value) >= 1 ? formatDecimal(value, 2) : format(value, { maximumSignificantDigits: 4 });
}

/** Exchange rates keep more precision than amounts: 0.92345, 151.23. */
export function formatRate(value: number): string {
  return format(value, { maximumSignificantDigits: 6 });
}

/** "1 item", "3 items". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
