/**
 * Whether what a platform reports already says what setup would send. The
 * platforms answer with more than they were sent (ids, versions, defaults
 * of their own), leave out `false` and empty lists, and may reorder a list
 * of plain values (scopes, event names), so a report "covers" what is
 * wanted when every field wanted is there with the same value.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Values a platform leaves out rather than report. */
function isBlank(value: unknown): boolean {
  return value === false || (Array.isArray(value) && value.length === 0);
}

function isPlain(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

export function covers(reported: unknown, wanted: unknown): boolean {
  if (wanted === undefined) return true;
  if (isBlank(wanted) && (reported === undefined || reported === null)) return true;
  if (Array.isArray(wanted)) {
    if (!Array.isArray(reported) || reported.length !== wanted.length) return false;
    if (wanted.every(isPlain) && reported.every(isPlain)) {
      const sorted = (list: unknown[]) => JSON.stringify(list.map((item) => JSON.stringify(item)).sort());
      return sorted(reported) === sorted(wanted);
    }
    return wanted.every((item, i) => covers(reported[i], item));
  }
  if (isRecord(wanted)) {
    return isRecord(reported) && Object.entries(wanted).every(([key, value]) => covers(reported[key], value));
  }
  return reported === wanted;
}
