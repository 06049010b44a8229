/** JSON.parse for what a platform sent: a result instead of a throw, so that bad input is a 400 and never a 500. */
export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
