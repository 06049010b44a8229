/**
 * What `npm run setup` tells the user, one line per step: "✓" for what is
 * already as it should be, "→" for what it changes, "–" for what it skips,
 * "✗" for what failed. Every line goes through one redactor that knows every
 * secret of the run, so no token reaches the terminal, whatever prints it.
 *
 * A dry run goes through the same steps: `look` (a read) and `act` (a change)
 * print the call or command instead of making it and give back nothing, so
 * every step plans as if nothing existed yet.
 */

/** Values shorter than this are ids or flags, not secrets; replacing them would garble the output. */
const SHORTEST_SECRET = 6;

export class Steps {
  readonly dryRun: boolean;
  /** Secret value → the name it prints as. */
  private readonly secrets = new Map<string, string>();

  constructor(dryRun: boolean) {
    this.dryRun = dryRun;
  }

  private out(line: string): void {
    process.stdout.write(`${this.redact(line)}\n`);
  }

  /** From now on `value` prints as `[name]`. */
  hide(name: string, value: string): void {
    if (value.length >= SHORTEST_SECRET) this.secrets.set(value, name);
  }

  redact(text: string): string {
    // Longest first, so that a secret holding another is replaced whole.
    const values = [...this.secrets.keys()].sort((a, b) => b.length - a.length);
    return values.reduce((result, value) => result.replaceAll(value, `[${this.secrets.get(value)}]`), text);
  }

  ok(text: string): void {
    this.out(`✓ ${text}`);
  }

  change(text: string): void {
    this.out(`→ ${text}`);
  }

  skip(text: string): void {
    this.out(`– ${text}`);
  }

  /** Indented text under a step: instructions, a manifest. */
  note(text: string): void {
    for (const line of text.split("\n")) this.out(`  ${line}`);
  }

  fail(text: string): void {
    process.stderr.write(`${this.redact(`✗ ${text}`)}\n`);
  }

  /** Reads something; in a dry run prints the call and gives back nothing. */
  async look<T>(call: string, read: () => Promise<T>): Promise<T | undefined> {
    if (!this.dryRun) return read();
    this.out(`  would read:   ${call}`);
    return undefined;
  }

  /** Changes something; in a dry run prints the call or command and gives back nothing. */
  async act<T>(call: string, change: () => Promise<T>): Promise<T | undefined> {
    if (!this.dryRun) return change();
    this.out(`  would run:    ${call}`);
    return undefined;
  }
}

/** How a call is shown: the method, the URL and the body, as sent (the redactor hides the secrets in them). */
export function describeCall(method: string, url: string, body?: unknown): string {
  return body === undefined ? `${method} ${url}` : `${method} ${url} ${JSON.stringify(body)}`;
}
