/** WMO weather interpretation codes, as Open-Meteo reports them: the ones the bot has words for. */
const KNOWN: ReadonlySet<number> = new Set([
  0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86, 95, 96, 99,
]);

/** The id of the bot's message that names the conditions (`weather-code-2`: "Partly cloudy"). */
export function weatherCodeMessage(code: number): string {
  return KNOWN.has(code) ? `weather-code-${code}` : "weather-code-unknown";
}
