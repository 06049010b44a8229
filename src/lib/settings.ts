/** A deployment setting such as `WEATHER_API_BASE`; throws, naming it, when it is not set. */
export function readSetting(settings: Readonly<Record<string, unknown>>, name: string): string {
  const value = settings[name];
  if (typeof value !== "string" || value === "") throw new Error(`Setting ${name} is not configured`);
  return value;
}

/** A positive number setting such as `FILE_MAX_BYTES`, or `fallback` when it is unset or not a positive number. */
export function readPositive(settings: Readonly<Record<string, unknown>>, name: string, fallback: number): number {
  const value = Number(settings[name]);
  return typeof settings[name] === "string" && Number.isFinite(value) && value > 0 ? value : fallback;
}
