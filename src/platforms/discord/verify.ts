/**
 * Discord signs every interaction with the application's Ed25519 key: the
 * signature covers the timestamp header followed by the body's bytes. A valid
 * signature on an old timestamp is a replay, so the timestamp must also be
 * close to now.
 */
import { verifyKey } from "discord-interactions";

export const SIGNATURE_HEADER = "X-Signature-Ed25519";
export const TIMESTAMP_HEADER = "X-Signature-Timestamp";

/** How far the signed timestamp may be from the Worker's clock, either way. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Each application key, imported once per isolate rather than for every
 * request: the key does not change between requests.
 */
const importedKeys = new Map<string, Promise<CryptoKey>>();

function publicKey(hex: string): Promise<CryptoKey> {
  const found = importedKeys.get(hex);
  if (found) return found;
  const bytes = Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  const imported = crypto.subtle.importKey("raw", bytes, { name: "Ed25519" }, false, ["verify"]);
  importedKeys.set(hex, imported);
  // A key that does not import is not kept: a corrected setting is read next time.
  imported.catch(() => importedKeys.delete(hex));
  return imported;
}

/** Checks the signature (WebCrypto Ed25519, through discord-interactions) and the timestamp's age. */
export async function verifySignature(
  request: Request,
  body: Uint8Array,
  publicKeyHex: string,
  nowMs: number = Date.now(),
): Promise<boolean> {
  const signature = request.headers.get(SIGNATURE_HEADER);
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  if (signature === null || timestamp === null) return false;
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,15}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return false;
  const key = await publicKey(publicKeyHex).catch(() => undefined);
  return key !== undefined && verifyKey(body, signature, timestamp, key);
}
