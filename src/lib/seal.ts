/**
 * Secrets kept at rest (Slack bot tokens in D1): AES-GCM with a 256-bit key
 * from a secret setting, a random 96-bit IV per value, and `context` (the row
 * the value belongs to) as additional data, so a sealed value copied into
 * another row does not open.
 */

/** The key setting is not 32 bytes of base64: nothing is sealed or opened without one. */
export class SealKeyError extends Error {
  override name = "SealKeyError";
}

export interface Sealed {
  /** The ciphertext with its tag, base64. */
  readonly sealed: string;
  /** The IV, base64. */
  readonly iv: string;
}

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** The AES-GCM key in `base64Key` (32 bytes), or a `SealKeyError` naming `settingName`. */
export async function importSealKey(base64Key: string | undefined, settingName: string): Promise<CryptoKey> {
  const bytes = base64Key === undefined ? undefined : fromBase64(base64Key.trim());
  if (bytes?.byteLength !== 32) throw new SealKeyError(`${settingName} must be 32 random bytes in base64`);
  return crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function seal(key: CryptoKey, plain: string, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const additionalData = encoder.encode(context);
  const cipher = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, encoder.encode(plain));
  return { sealed: toBase64(new Uint8Array(cipher)), iv: toBase64(iv) };
}

/** The plain text, or undefined when the value does not open with this key and context (another key, a changed row). */
export async function open(key: CryptoKey, value: Sealed, context: string): Promise<string | undefined> {
  const iv = fromBase64(value.iv);
  const data = fromBase64(value.sealed);
  if (!iv || !data) return undefined;
  try {
    const additionalData = encoder.encode(context);
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData }, key, data);
    return new TextDecoder().decode(plain);
  } catch {
    return undefined;
  }
}
