/**
 * Telegram signs nothing; it sends back the `secret_token` given to
 * setWebhook in a header, which is compared in constant time.
 */
import { timingSafeEqualText } from "../../lib/timing-safe.ts";

export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

export async function verifySecretToken(request: Request, secret: string): Promise<boolean> {
  const given = request.headers.get(SECRET_HEADER);
  if (given === null) return false;
  return timingSafeEqualText(given, secret);
}
