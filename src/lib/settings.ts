/** A deployment setting such as `WEATHER_API_BASE`; throws, naming it, when it is not set. */
export function readSetting(settings: Readonly<Record<string, unknown>>, name: string): string {
  const value = settings[name];
  if (typeof value !== "string" || value === "") throw new Error(`Setting ${name} is not configured`);
  return value;
}
