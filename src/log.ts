/**
 * Structured logs: one JSON line per event. Every string is passed through
 * `redact` so that a secret that found its way into an error message never
 * reaches the log.
 */

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

const REDACTED = "[redacted]";

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 6) result = result.replaceAll(secret, REDACTED);
  }
  return result;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function log(level: "info" | "error", event: string, fields: LogFields, secrets: readonly string[] = []): void {
  const line = JSON.stringify({ level, event, ...fields });
  const safe = redact(line, secrets);
  if (level === "error") console.error(safe);
  else console.info(safe);
}
