/**
 * The Worker under `wrangler dev`, as the local stack runs it: the D1
 * migrations applied to its local database first, the settings given with
 * `--var`, `--test-scheduled` for Cron ticks, and everything it prints read
 * line by line, so that the Worker's JSON log lines reach the session. Its
 * address is the one wrangler says it is ready on, so that port 0 (wrangler
 * binds a free one itself) leaves no gap in which another process could take
 * a port picked beforehand.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { ensureFree, LOOPBACK } from "./http.ts";

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

export interface WorkerOptions {
  /** 0 lets wrangler pick a free port, and its inspector's too. */
  readonly port: number;
  /** The dotenv file of the Worker's secrets (.dev.vars). */
  readonly envFile: string;
  /** Settings that win over the env file and wrangler.toml. */
  readonly vars: Readonly<Record<string, string>>;
  /** The folder of the local D1 and KV; wrangler's own (.wrangler/state) when absent. */
  readonly persistTo?: string;
  /** Hears every line wrangler and the Worker print. */
  readonly onLine: (line: string) => void;
}

export interface RunningWorker {
  readonly url: string;
  /** Settles with the exit code when wrangler stops, whoever stopped it. */
  readonly exited: Promise<number>;
  stop(): Promise<void>;
}

function persistArgs(persistTo: string | undefined): string[] {
  return persistTo ? ["--persist-to", persistTo] : [];
}

export function applyMigrations(persistTo: string | undefined, onLine: (line: string) => void): void {
  const args = ["wrangler", "d1", "migrations", "apply", "DB", "--local", ...persistArgs(persistTo)];
  const result = spawnSync("npx", args, { encoding: "utf8", env: { ...process.env, CI: "true" } });
  for (const line of `${result.stdout}${result.stderr}`.split("\n")) if (line.trim()) onLine(line);
  if (result.status !== 0) throw new Error("Applying the D1 migrations to the local database failed");
}

/** The first address wrangler says it is ready on ("Updated and ready on …" follows a reload). */
const READY = /\bReady on (https?:\/\/[\w.:[\]-]+)/;

/** Hands every line wrangler prints to `onLine`, and resolves to the address it reports. */
function readLines(child: ChildProcess, onLine: (line: string) => void): Promise<string> {
  return new Promise((resolve) => {
    const hear = (line: string) => {
      const url = READY.exec(line)?.[1];
      if (url !== undefined) resolve(url);
      onLine(line);
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on("line", hear);
    }
  });
}

/** The Worker's address once it answers (through wrangler's proxy, not only the proxy itself). */
async function waitUntilUp(reported: Promise<string>, exited: Promise<number>): Promise<string> {
  let url: string | undefined;
  let gone = false;
  void reported.then((value) => {
    url = value;
  });
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !gone) {
    try {
      if (url !== undefined && (await fetch(`${url}/healthz`)).ok) return url;
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(gone ? "wrangler dev stopped while starting" : "wrangler dev did not start within a minute");
}

/** Signals every process of the group; one that is already gone is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Exited in the meantime.
  }
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  // A port given up front is checked first: wrangler would otherwise fail with a less helpful message.
  if (options.port !== 0) await ensureFree(options.port);
  const vars = Object.entries(options.vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const args = ["wrangler", "dev", "--ip", LOOPBACK, "--port", String(options.port), "--test-scheduled"];
  if (options.port === 0) args.push("--inspector-port", "0");
  args.push("--env-file", options.envFile, "--show-interactive-dev-session=false", ...persistArgs(options.persistTo));
  // Its own process group, so that stopping it stops workerd too.
  const child = spawn("npx", [...args, ...vars], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  const reported = readLines(child, options.onLine);
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    signalGroup(child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid !== undefined && signalGroup(child.pid, "SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    return { url: await waitUntilUp(reported, exited), exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
