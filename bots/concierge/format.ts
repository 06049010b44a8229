/**
 * Numbers, measures and dates as people read them in their language
 * (`1,234.5` and `8.4°C` in English, `1.234,5` and `8,4 °C` in German):
 * grouped thousands, no "-0", no float noise.
 */
import { localClock, type Translate } from "parley";

function format(value: number, locale: string, options: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, { signDisplay: "negative", ...options }).format(value);
}

/** At most `digits` decimals: 12.34 with 1 is "12.3", 1234 is "1,234". */
function formatDecimal(value: number, digits: number, locale: string): string {
  return format(value, locale, { maximumFractionDigits: digits });
}

/** Money: whole amounts as they are, others with cents ("1,234.50"), tiny ones to four significant digits (0.0001234). */
export function formatAmount(value: number, locale: string): string {
  if (Math.abs(value) < 1) return format(value, locale, { maximumSignificantDigits: 4 });
  const cents = Number.isInteger(value) ? 0 : 2;
  return format(value, locale, { minimumFractionDigits: cents, maximumFractionDigits: 2 });
}

/** Exchange rates keep more precision than amounts: 0.92345, 151.23. */
export function formatRate(value: number, locale: string): string {
  return format(value, locale, { maximumSignificantDigits: 6 });
}

/** The units Open-Meteo reports, as `Intl` names them; it places and spaces them as the language does. */
const UNITS: Readonly<Record<string, string>> = {
  "°C": "celsius",
  "°F": "fahrenheit",
  "%": "percent",
  "km/h": "kilometer-per-hour",
  "m/s": "meter-per-second",
  mph: "mile-per-hour",
};

/** A measurement to one decimal: "8.4°C", "71%", "14.4 km/h"; a unit `Intl` does not know follows the number. */
export function formatMeasure(value: number, unit: string, locale: string): string {
  const known = Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
  if (known === undefined) return `${formatDecimal(value, 1, locale)} ${unit}`;
  return format(value, locale, { style: "unit", unit: known, maximumFractionDigits: 1 });
}

/** A calendar day given as YYYY-MM-DD: "Nov 26, 2026", "26.11.2026". */
export function formatDay(isoDate: string, locale: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(day);
}

/** The day `instant` falls on in `zone`, and its time there: ["Jan 1, 2030", "08:00"]. */
export function dayAndClock(instant: Date, zone: string, locale: string): [string, string] {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: zone }).format(instant);
  return [day, localClock(instant, zone)];
}

/** A Monday, to name weekdays in `locale` from. */
const MONDAY = Date.UTC(2024, 0, 1);
const DAY_INDEX: Readonly<Record<string, number>> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** How often, in words: "every day", "on weekdays", "on Mon, Wed, Fri". */
export function rhythmText(t: Translate, rhythm: string, locale: string): string {
  if (rhythm === "daily" || rhythm === "weekdays" || rhythm === "weekends") return t(`rhythm-${rhythm}`);
  const names = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const days = rhythm
    .split(",")
    .map((day) => (Object.hasOwn(DAY_INDEX, day) ? DAY_INDEX[day] : undefined))
    .filter((index): index is number => index !== undefined)
    .map((index) => names.format(new Date(MONDAY + index * 24 * 60 * 60 * 1000)));
  return t("rhythm-days", { days: days.join(", ") });
}
