/**
 * Structured logs: one JSON line per event. Every string field is redacted
 * of every secret the Worker holds, whichever bot or setting it belongs to:
 * each entry point (a request, a queue batch, a Cron tick) hands its
 * environment to `redactSecretsOf` first, so that no log call can forget.
 */

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

const REDACTED = "[redacted]";

/** Shorter values would redact ordinary words and numbers. */
const MIN_SECRET_LENGTH = 6;

/** Settings that hold secrets: tokens, secrets and keys (`ADMIN_TOKEN`, `FOO_SLACK_SIGNING_SECRET`), but not public keys. */
function isSecretName(name: string): boolean {
  return /(TOKEN|SECRET|KEY)$/.test(name) && !name.endsWith("PUBLIC_KEY");
}

const secrets = new Set<string>();
/** Each secret as it may appear in a message: as it is, URL-encoded, and inside JSON; longest first. */
let forms: readonly string[] = [];
/** Environments already read: in production one per isolate, so the work is done once. */
const read = new WeakSet<object>();

/** From now on, every log line hides the values of `env`'s secret settings (and every earlier one's). */
export function redactSecretsOf(env: object): void {
  if (read.has(env)) return;
  read.add(env);
  const before = secrets.size;
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH && isSecretName(name)) secrets.add(value);
  }
  if (secrets.size === before) return;
  const all = [...secrets].flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ]);
  forms = [...new Set(all)].sort((a, b) => b.length - a.length);
}

function redact(text: string): string {
  let result = text;
  for (const form of forms) result = result.replaceAll(form, REDACTED);
  return result;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function log(level: "info" | "error", event: string, fields: LogFields): void {
  const safe = Object.entries(fields).map(([name, value]) => [name, typeof value === "string" ? redact(value) : value]);
  const line = JSON.stringify({ level, event, ...Object.fromEntries(safe) });
  if (level === "error") console.error(line);
  else console.info(line);
}
