/**
 * Verify: the platform's signature or secret, checked over the body's bytes
 * as sent, before anything in it is read. A request that fails is a 401,
 * counted in Analytics Engine only: anyone can send those, so they never
 * make D1 do work.
 */
import type { Arrival } from "./delivery.ts";
import { recordRefusal } from "./record.ts";

/** The body's bytes, or the 401 that ends the delivery. */
export async function verify(arrival: Arrival, request: Request): Promise<Uint8Array | Response> {
  // Signatures cover the bytes as sent: two bodies that decode alike must not share one.
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (await arrival.adapter.verify(request, bytes, arrival.env)) return bytes;
  recordRefusal(arrival, { outcome: "rejected", reason: "signature" }, { verified: false });
  return Response.json({ error: "invalid signature" }, { status: 401 });
}
