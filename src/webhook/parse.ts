/**
 * Parse: a verified body to what the platform sent: an update for the bot,
 * a user typing a command's argument (autocomplete), something the adapter
 * answers alone (a ping), or nothing a platform sends (a 400).
 */
import type { Parsed } from "../platforms/adapter.ts";
import type { Arrival } from "./delivery.ts";
import { recordRefusal } from "./record.ts";

/**
 * Strict UTF-8, decoded by hand: form-encoded bodies (Slack) are text too,
 * whatever their content type says. A leading BOM is kept, as it was sent.
 */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The update or autocomplete request in the body, or the answer that ends the delivery. */
export async function parse(
  arrival: Arrival,
  request: Request,
  bytes: Uint8Array,
): Promise<Extract<Parsed, { kind: "update" | "suggest" }> | Response> {
  const body = decodeUtf8(bytes);
  const parsed: Parsed =
    body === undefined
      ? { kind: "invalid", reason: "body is not UTF-8" }
      : await arrival.adapter.parse(request, body, arrival.env);
  if (parsed.kind === "answer") return parsed.response;
  if (parsed.kind !== "invalid") return parsed;
  recordRefusal(arrival, { outcome: "rejected", reason: parsed.reason });
  return Response.json({ error: parsed.reason }, { status: 400 });
}
