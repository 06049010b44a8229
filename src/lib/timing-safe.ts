/**
 * Constant-time string comparison. Both sides are hashed first so that the
 * comparison takes the same time whatever the lengths, and then compared with
 * the runtime's `timingSafeEqual`.
 */
const encoder = new TextEncoder();

export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const [hashA, hashB] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(hashA, hashB);
}
