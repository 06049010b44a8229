/**
 * What `npm run setup` remembers between runs, in `.parley/` (never
 * committed; `PARLEY_SETUP_DIR` moves it):
 *
 * - `setup.json`: hashes of the Worker secrets put and of the Worker
 *   deployed, the Worker's URL, each bot's Telegram webhook (Telegram never
 *   shows its secret back) and Slack app id. A re-run compares with these
 *   and changes only what differs.
 * - `secrets.env`: the secrets setup made or received itself (a webhook
 *   secret, the admin token, a new Slack app's signing secret). Nothing else
 *   could give them back, so they are kept, readable by the owner only.
 *
 * Both are written after each change that succeeded, so a run that fails
 * halfway leaves a record of what it did.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { readEnvFile } from "../local/env-file.ts";
import { parseJson } from "../local/http.ts";

export const DEFAULT_SETUP_DIR = ".parley";

const Recorded = z.object({
  /** The URL the platforms are pointed at. */
  url: z.string().optional(),
  /** The hash of the bundle and configuration last deployed. */
  deployed: z.string().optional(),
  /** Secret name (with its bot's prefix) → hash of the value put. */
  secrets: z.record(z.string(), z.string()).default({}),
  /** Bot → hash of the Telegram webhook set (URL, secret, update kinds). */
  webhooks: z.record(z.string(), z.string()).default({}),
  /** Bot → its Slack app's id. */
  slackApps: z.record(z.string(), z.string()).default({}),
});
export type Recorded = z.infer<typeof Recorded>;

/** A value's fingerprint: enough to tell a change, useless for finding the value. */
export function fingerprint(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

export class SetupState {
  readonly recorded: Recorded;
  readonly kept: Record<string, string>;
  private readonly dir: string;
  /** A dry run reads the state and never writes it. */
  private readonly readOnly: boolean;

  private constructor(dir: string, recorded: Recorded, kept: Record<string, string>, readOnly: boolean) {
    this.dir = dir;
    this.recorded = recorded;
    this.kept = kept;
    this.readOnly = readOnly;
  }

  static load(dir: string, readOnly: boolean): SetupState {
    const file = join(dir, "setup.json");
    let recorded: Recorded = Recorded.parse({});
    if (existsSync(file)) {
      const parsed = Recorded.safeParse(parseJson(readFileSync(file, "utf8")));
      if (!parsed.success)
        throw new Error(`${file} is damaged: remove it and run again (everything is compared anew).`);
      recorded = parsed.data;
    }
    const keptFile = join(dir, "secrets.env");
    return new SetupState(dir, recorded, existsSync(keptFile) ? readEnvFile(keptFile) : {}, readOnly);
  }

  /** Changes the record and writes it at once. */
  update(change: (recorded: Recorded) => void): void {
    change(this.recorded);
    this.write("setup.json", `${JSON.stringify(this.recorded, null, 2)}\n`);
  }

  /** Keeps a secret setup made or received, under its full name. */
  keep(name: string, value: string): void {
    if (this.kept[name] === value) return;
    this.kept[name] = value;
    const lines = Object.entries(this.kept).map(([key, kept]) => `${key}=${kept}`);
    this.write(
      "secrets.env",
      `# Secrets npm run setup made or received; the Worker has them too.\n${lines.join("\n")}\n`,
    );
  }

  /** Where the kept secrets are, for telling the user. */
  get keptFile(): string {
    return join(this.dir, "secrets.env");
  }

  private write(name: string, text: string): void {
    if (this.readOnly) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, name);
    writeFileSync(file, text, { mode: 0o600 });
    // A file that existed keeps its mode through writeFileSync: make sure of it.
    chmodSync(file, 0o600);
  }
}
