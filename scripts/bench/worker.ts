/** Starts the Worker under `wrangler dev` for a benchmark: its own state folder, APIs on a loopback stub. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../local/http.ts";

export interface RunningWorker {
  readonly url: string;
  /** The Worker's log lines so far (when started with `captureLogs`). */
  readonly logs: string[];
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
      // Any answer means the Worker is serving (the floor has no /healthz).
      if ((await fetch(`${url}/healthz`)).status < 500) return;
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
export function buildWorker(sourceConfig = "wrangler.toml"): string {
  const outdir = mkdtempSync(join(tmpdir(), "parley-build-"));
  wrangler(["deploy", "--dry-run", "--config", sourceConfig, "--outdir", outdir]);
  const bundle = readdirSync(outdir).find((name) => name.endsWith(".js"));
  if (!bundle) throw new Error(`No bundle in ${outdir}`);
  // The same configuration, pointing at the bundle (paths made absolute for the new folder).
  const config = readFileSync(sourceConfig, "utf8")
    .replace(/^main = .*$/m, `main = "${join(outdir, bundle)}"`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${resolve("migrations")}"`);
  const configPath = join(outdir, "wrangler.toml");
  writeFileSync(configPath, config);
  return configPath;
}

export async function startWorker(options: {
  /** The configuration written by `buildWorker`. */
  config: string;
  /** A free one when not given. */
  port?: number;
  vars: Record<string, string>;
  captureLogs?: boolean;
}): Promise<RunningWorker> {
  // Local D1 syncs every write to disk; in memory (tmpfs) the Worker's own cost is what is measured.
  const persistTo = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "parley-bench-"));
  if (readFileSync(options.config, "utf8").includes("[[d1_databases]]")) {
    wrangler(["d1", "migrations", "apply", "DB", "--local", "--config", options.config, "--persist-to", persistTo]);
  }
  const port = options.port ?? (await freePort());
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
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persistTo,
      "--log-level",
      options.captureLogs ? "log" : "warn",
      ...vars,
    ],
    {
      stdio: ["ignore", options.captureLogs ? "pipe" : process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
      env: { ...process.env, CI: "true" },
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    logs.push(...lines);
  });
  await waitUntilUp(url, child);
  return {
    url,
    logs,
    config: options.config,
    persistTo,
    async stop() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
