/**
 * The Cloudflare side of `npm run setup`: the queues, the D1 migrations, the
 * Worker's secrets and the Worker itself. D1 and KV need nothing here: their
 * bindings in wrangler.toml carry no ids, and `wrangler deploy` creates them
 * on the first deploy and keeps them bound (wrangler's automatic provisioning).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fingerprint, type SetupState } from "./state.ts";
import type { Steps } from "./steps.ts";
import { Wrangler } from "./wrangler.ts";

export interface Cloudflare {
  readonly wrangler: Wrangler;
  readonly steps: Steps;
  readonly state: SetupState;
  /** wrangler.toml as it is: the queues are read from it, and a change in it is a change of the Worker. */
  readonly config: string;
}

/** The queues wrangler.toml names (producers, consumers, dead letters), each once. */
function queuesOf(config: string): string[] {
  const names = [...config.matchAll(/^\s*(?:queue|dead_letter_queue)\s*=\s*"([^"]+)"/gm)].map((match) => match[1]);
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}

/** Every cell of `wrangler queues list`'s table: a queue exists when its name is one. */
function listedNames(output: string): Set<string> {
  return new Set(output.split(/[│|\n]/).map((cell) => cell.trim()));
}

export async function ensureQueues(cf: Cloudflare): Promise<void> {
  const { wrangler, steps } = cf;
  const listed = await steps.look(Wrangler.show(["queues", "list"]), () => wrangler.run(["queues", "list"]));
  const existing = listed === undefined ? new Set<string>() : listedNames(listed);
  for (const queue of queuesOf(cf.config)) {
    if (existing.has(queue)) {
      steps.ok(`queue ${queue} exists`);
      continue;
    }
    steps.change(`queue ${queue} missing: creating`);
    const args = ["queues", "create", queue];
    await steps.act(Wrangler.show(args), () => wrangler.run(args));
  }
}

/** Applies the migrations D1 lacks; wrangler skips the ones it has. */
export async function applyMigrations(cf: Cloudflare): Promise<void> {
  const { wrangler, steps } = cf;
  const args = ["d1", "migrations", "apply", "DB", "--remote"];
  if (steps.dryRun) steps.change("D1 migrations: applying what the database lacks");
  const output = await steps.act(Wrangler.show(args), () => wrangler.run(args));
  if (output === undefined) return;
  const applied = [...new Set(output.match(/\b\d{4}_[\w-]+\.sql\b/g) ?? [])];
  if (/No migrations to apply/i.test(output) || applied.length === 0) steps.ok("D1 migrations all applied");
  else steps.change(`D1 migrations applied: ${applied.join(", ")}`);
}

/**
 * Puts the secrets whose value the Worker does not have yet (by the hashes
 * of what was put before), in one `wrangler secret bulk`, from a file only
 * the user can read, removed right after.
 */
export async function putSecrets(cf: Cloudflare, secrets: Readonly<Record<string, string>>): Promise<void> {
  const { wrangler, steps, state } = cf;
  const entries = Object.entries(secrets);
  const put = state.recorded.secrets;
  const same = entries.filter(([name, value]) => put[name] === fingerprint(name, value)).map(([name]) => name);
  const changed = entries.filter(([name]) => !same.includes(name));
  if (same.length > 0) steps.ok(`Worker secrets already put: ${same.join(", ")}`);
  if (changed.length === 0) return;
  const what = changed.map(([name]) => `${name} (${put[name] === undefined ? "new" : "changed"})`);
  steps.change(`Worker secrets to put: ${what.join(", ")}`);
  const body = Object.fromEntries(changed);
  await steps.act(`${Wrangler.show(["secret", "bulk", "<private temporary file>"])} ${JSON.stringify(body)}`, () =>
    inTemporaryDir("parley-secrets-", (dir) => {
      const file = join(dir, "secrets.json");
      writeFileSync(file, JSON.stringify(body), { mode: 0o600 });
      return wrangler.run(["secret", "bulk", file]);
    }),
  );
  state.update((recorded) => {
    for (const [name, value] of changed) recorded.secrets[name] = fingerprint(name, value);
  });
}

/** Runs `use` with a new folder only the user can read, and removes the folder after, whatever happens. */
async function inTemporaryDir<T>(prefix: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What wrangler built, without the parts that change on every build (source maps, a dated README). */
function bundleFingerprint(config: string, outdir: string): string {
  const files = readdirSync(outdir)
    .filter((name) => !name.endsWith(".map") && name !== "README.md")
    .sort();
  return fingerprint(config, ...files.flatMap((name) => [name, readFileSync(join(outdir, name), "utf8")]));
}

/** The Worker's address in `wrangler deploy`'s output: its workers.dev URL, else the first https one. */
function reportedUrl(output: string): string | undefined {
  const urls = [...output.matchAll(/^\s*(https:\/\/\S+)\s*$/gm)].map((match) => match[1] ?? "");
  return urls.find((url) => new URL(url).hostname.endsWith(".workers.dev")) ?? urls[0];
}

/**
 * Builds the Worker and deploys it unless that same build and configuration
 * was the last one deployed. Resolves to the URL wrangler reported, if it
 * deployed; undefined when it did not (or in a dry run).
 */
export async function deployWorker(cf: Cloudflare): Promise<string | undefined> {
  const { wrangler, steps, state } = cf;
  const args = ["deploy", "--dry-run", "--outdir", "<temporary folder>"];
  const built = await steps.look(Wrangler.show(args), () =>
    inTemporaryDir("parley-bundle-", async (outdir) => {
      await wrangler.run(["deploy", "--dry-run", "--outdir", outdir]);
      return bundleFingerprint(cf.config, outdir);
    }),
  );
  const last = state.recorded.deployed;
  if (built !== undefined && built === last) {
    steps.ok("Worker unchanged since its last deploy");
    return undefined;
  }
  steps.change(
    last === undefined ? "Worker not deployed yet: deploying" : "Worker changed since its last deploy: deploying",
  );
  const output = await steps.act(Wrangler.show(["deploy"]), () => wrangler.run(["deploy"]));
  if (output === undefined) return undefined;
  const url = reportedUrl(output);
  state.update((recorded) => {
    recorded.deployed = built;
  });
  return url;
}
