/** IANA time zones typed out ("Europe/Berlin", "america/new_york") and UTC. */
import type { Entity, Reading } from "./entity.ts";

const IANA = /^[a-z]+(?:\/[a-z0-9_+-]+){1,2}$/;

/** "america/new_york" → "America/New_York"; the handler checks the zone exists. */
function canonical(zone: string): string {
  return zone.replace(/(^|[/_-])([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase());
}

export function recogniseZones(reading: Reading): Entity[] {
  return reading.words.flatMap((word, index): Entity[] => {
    const raw = word.raw.toLowerCase();
    if (IANA.test(raw)) return [{ kind: "zone", start: index, end: index + 1, value: canonical(raw) }];
    if (raw === "utc" || raw === "gmt")
      return [{ kind: "zone", start: index, end: index + 1, value: raw.toUpperCase() }];
    return [];
  });
}
