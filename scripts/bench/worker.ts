/** Starts the Worker under `wrangler dev` for a benchmark: its own state folder, APIs on a loopback stub. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface RunningWorker {
  readonly url: string;
  readonly config: string;
  readonly persistTo: string;
  stop(): Promise<void>;
}

function wrangler(args: string[]): void {
  const result = spawnSync("npx", ["wrangler", ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Runs SQL against the benchmark's local D1. */
export function executeSql(worker: RunningWorker, file: string): void {
  wrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--config",
    worker.config,
    "--persist-to",
    worker.persistTo,
    "--file",
    file,
  ]);
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("wrangler dev exited early");
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("wrangler dev did not start within 60 s");
}

/**
 * Bundles the Worker once, as `wrangler deploy` would. The benchmark runs
 * that bundle, so that editing a source file mid-run cannot make
 * `wrangler dev` reload the Worker (and lose its in-memory local queue).
 */
export function buildWorker(): string {
  const outdir = mkdtempSync(join(tmpdir(), "parley-build-"));
  wrangler(["deploy", "--dry-run", "--outdir", outdir]);
  // The same configuration, pointing at the bundle (paths made absolute for the new folder).
  const config = readFileSync("wrangler.toml", "utf8")
    .replace(/^main = .*$/m, `main = "${join(outdir, "index.js")}"`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${resolve("migrations")}"`);
  const configPath = join(outdir, "wrangler.toml");
  writeFileSync(configPath, config);
  return configPath;
}

export async function startWorker(options: {
  /** The configuration written by `buildWorker`. */
  config: string;
  port: number;
  vars: Record<string, string>;
}): Promise<RunningWorker> {
  const persistTo = mkdtempSync(join(tmpdir(), "parley-bench-"));
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--config", options.config, "--persist-to", persistTo]);
  const vars = Object.entries(options.vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--config",
      options.config,
      "--no-bundle",
      "--test-scheduled",
      "--port",
      String(options.port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persistTo,
      "--log-level",
      "warn",
      ...vars,
    ],
    {
      stdio: ["ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
      env: { ...process.env, CI: "true" },
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilUp(url, child);
  return {
    url,
    config: options.config,
    persistTo,
    async stop() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
