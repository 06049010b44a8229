/**
 * Well-known cities, to mend a city slot that misses one by a typo
 * ("Berlinn", "Münchn") or names it by its German adjective ("Berliner
 * Wetter", "Münchner Wetter"). Any other name passes as written: the
 * geocoder knows far more places than this list, which only catches the
 * slips people make on the ones asked about most.
 */

import { editDistance } from "./spelling.ts";
import { fold } from "./text.ts";

const NAMES = [
  "Amsterdam, Athen, Athens, Augsburg, Bangkok, Barcelona, Basel, Berlin, Bern, Bielefeld, Bochum, Bonn, Bremen",
  "Brüssel, Brussels, Budapest, Buenos Aires, Cairo, Chicago, Dortmund, Dresden, Dublin, Duisburg, Düsseldorf",
  "Edinburgh, Erfurt, Frankfurt, Freiburg, Genf, Geneva, Glasgow, Graz, Hamburg, Hannover, Heidelberg",
  "Helsinki, Innsbruck, Istanbul, Karlsruhe, Kassel, Kiel, Köln, Cologne, Kopenhagen, Copenhagen, Leipzig, Linz",
  "Lissabon, Lisbon, London, Los Angeles, Lyon, Madrid, Mailand, Milan, Mannheim, Manchester, Marseille",
  "München, Munich, Münster, Moskau, Moscow, Neapel, Naples, New York, Nürnberg, Nuremberg, Oslo, Paris, Porto",
  "Prag, Prague, Rom, Rome, Rostock, Salzburg, San Francisco, Stockholm, Stuttgart, Sydney, Tokio, Tokyo, Toronto",
  "Venedig, Venice, Warschau, Warsaw, Wien, Vienna, Wiesbaden, Zürich, Zurich",
].flatMap((line) => line.split(", "));

/** Folded as messages are, and with "ue" read as "ü" ("Muenchen" is München spelt out, no typo). */
function key(name: string): string {
  return fold(name).replace(/([aou])e/g, "$1");
}

const BY_KEY = new Map(NAMES.map((name) => [key(name), name] as const));
const KEYS_BY_LENGTH = new Map<number, string[]>();
for (const known of BY_KEY.keys())
  KEYS_BY_LENGTH.set(known.length, [...(KEYS_BY_LENGTH.get(known.length) ?? []), known]);

/** Short names have too many neighbours: below this, only exact names count. */
const MIN_TYPO_LENGTH = 5;

/** The known city `folded` misses by one typo (two in a long name), if exactly one is that close. */
function nearest(folded: string): string | undefined {
  if (folded.length < MIN_TYPO_LENGTH) return undefined;
  const allowed = folded.length >= 8 ? 2 : 1;
  const found = new Set<string>();
  for (let length = folded.length - allowed; length <= folded.length + allowed; length++) {
    for (const known of KEYS_BY_LENGTH.get(length) ?? []) {
      if (known[0] === folded[0] && editDistance(folded, known) <= allowed) found.add(known);
    }
  }
  const [only] = found;
  return found.size === 1 && only !== undefined ? BY_KEY.get(only) : undefined;
}

/**
 * The city a slot's words name. Exact names and unknown places stay as
 * typed; a near miss of a known city becomes that city. `adjective` says the
 * words stood before the thing asked about, as German puts a city's
 * adjective ("Berliner Wetter"): then "-er" is the adjective's ending.
 */
export function mendCity(value: string, adjective: boolean): string {
  const folded = key(value);
  if (BY_KEY.has(folded)) return value;
  if (adjective && folded.endsWith("er")) {
    const stem = folded.slice(0, -2);
    const city = BY_KEY.get(stem) ?? nearest(stem);
    if (city) return city;
  }
  return nearest(folded) ?? value;
}
