/**
 * Slack signs every request (events, slash commands, interactivity alike):
 * `X-Slack-Signature` is `v0=` and the hex HMAC-SHA256 of
 * `v0:{X-Slack-Request-Timestamp}:` followed by the body's bytes, under the
 * app's signing secret.
 * The timestamp is part of what is signed, so a captured request cannot be
 * replayed once it is older than the allowed skew.
 */
import { timingSafeEqualText } from "../../lib/timing-safe.ts";

export const SIGNATURE_HEADER = "X-Slack-Signature";
export const TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

/** Slack's own recommendation: refuse requests more than five minutes from now, either way. */
const MAX_SKEW_SECONDS = 5 * 60;

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The `X-Slack-Signature` value Slack sends for `body` at `timestamp` (seconds, as sent). */
async function slackSignature(secret: string, timestamp: string, body: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const prefix = encoder.encode(`v0:${timestamp}:`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const mac = await crypto.subtle.sign("HMAC", key, signed);
  return `v0=${hex(mac)}`;
}

export async function verifySlackSignature(
  request: Request,
  body: Uint8Array,
  secret: string,
  nowMs = Date.now(),
): Promise<boolean> {
  const signature = request.headers.get(SIGNATURE_HEADER);
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  if (signature === null || timestamp === null || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  return timingSafeEqualText(signature, await slackSignature(secret, timestamp, body));
}
