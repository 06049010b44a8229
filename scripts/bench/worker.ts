/** Starts the Worker under `wrangler dev` for a benchmark: its own state folder, APIs on a loopback stub. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ensureFree, onFreePort, PortTaken } from "../local/http.ts";

export interface RunningWorker {
  /** Through `wrangler dev`: its proxy Worker, in a workerd of its own, forwards to the Worker's. */
  readonly url: string;
  /** Straight at the socket of the workerd that runs the Worker, past wrangler's proxy. */
  readonly directUrl: string;
  readonly processes: DevProcesses;
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

/**
 * The TCP ports process `pid` listens on, read from /proc (Linux), in the
 * order it opened them: workerd opens its HTTP sockets before the RPC ones,
 * which must not be sent HTTP.
 */
export function listeningPorts(pid: number): number[] {
  const fdOfInode = new Map<string, number>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (socket?.[1]) fdOfInode.set(socket[1], Number(fd));
    } catch {
      // Closed while reading.
    }
  }
  return readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === "0A" && fdOfInode.has(fields[9] ?? ""))
    .sort((a, b) => (fdOfInode.get(a[9] ?? "") ?? 0) - (fdOfInode.get(b[9] ?? "") ?? 0))
    .map((fields) => Number.parseInt(fields[1]?.split(":")[1] ?? "", 16));
}

/** The processes of one `wrangler dev`, by role. */
export interface DevProcesses {
  /** wrangler itself (Node): it receives the Worker's logs. */
  readonly wrangler: number;
  /** The workerd running wrangler's proxy Worker, on the port wrangler was given. */
  readonly proxy: number;
  /** The workerd running the Worker, with local D1, KV and queues, on a port of its own. */
  readonly worker: number;
}

export type Role = keyof DevProcesses;
export const ROLES: readonly Role[] = ["wrangler", "proxy", "worker"];

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces: [0] is the state. */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** The processes of a process group, by pid. */
function groupMembers(group: number): string[] {
  return readdirSync("/proc").filter((entry) => {
    try {
      return /^\d+$/.test(entry) && Number(statFields(entry)[2]) === group;
    } catch {
      // Exited while reading.
      return false;
    }
  });
}

/** Whether a process of the group listens on the port: the answer on it is that wrangler's, not another server's. */
function groupListensOn(group: number, port: number): boolean {
  return groupMembers(group).some((pid) => {
    try {
      return listeningPorts(Number(pid)).includes(port);
    } catch {
      // Exited while reading.
      return false;
    }
  });
}

function processesOf(group: number): DevProcesses {
  const found: Partial<Record<Role, number>> = {};
  for (const name of groupMembers(group)) {
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (cmdline.includes("wrangler-dist/cli.js") || cmdline.includes("dev-server.ts")) found.wrangler = Number(name);
      else if (cmdline.includes("workerd") && cmdline.includes("entry=127.0.0.1:0")) found.worker = Number(name);
      else if (cmdline.includes("workerd")) found.proxy = Number(name);
    } catch {
      // Exited while reading.
    }
  }
  const { wrangler, proxy, worker } = found;
  if (!wrangler || !proxy || !worker) throw new Error(`wrangler dev's processes not found: ${JSON.stringify(found)}`);
  return { wrangler, proxy, worker };
}

/** CPU time (user and system) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The Worker's own workerd socket, found among that process's sockets as
 * the one that answers `/healthz` exactly as the proxied URL does (the
 * others are its inspector and loopbacks).
 */
async function findDirectUrl(url: string, pid: number): Promise<string> {
  const expected = await fetch(`${url}/healthz`);
  const expectedBody = await expected.text();
  for (const port of listeningPorts(pid)) {
    const candidate = `http://127.0.0.1:${port}`;
    try {
      const response = await fetch(`${candidate}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.status === expected.status && (await response.text()) === expectedBody) return candidate;
    } catch {
      // Not an HTTP socket.
    }
  }
  throw new Error("Could not find the Worker's own workerd socket");
}

/** wrangler stops when its port is taken: a port that something holds after that is what stopped it. */
async function whyExited(port: number): Promise<Error> {
  return ensureFree(port).then(
    () => new Error("wrangler dev exited early"),
    () => new PortTaken(port),
  );
}

async function waitUntilUp(url: string, child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw await whyExited(port);
    try {
      // Any answer means the Worker is serving (the floor has no /healthz), if it comes from this wrangler.
      if ((await fetch(`${url}/healthz`)).status < 500 && groupListensOn(child.pid ?? 0, port)) return;
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
    .replace(
      /^migrations_dir = "(.*)"$/m,
      (_, dir: string) => `migrations_dir = "${resolve(dirname(sourceConfig), dir)}"`,
    );
  const configPath = join(outdir, "wrangler.toml");
  writeFileSync(configPath, config);
  return configPath;
}

interface StartOptions {
  /** The configuration written by `buildWorker`. */
  config: string;
  /** A free one when not given. */
  port?: number;
  vars: Record<string, string>;
  captureLogs?: boolean;
  /** Through `wrangler dev` itself, DevTools inspector and all; else through `dev-server.ts`, without it. */
  inspector?: boolean;
}

export async function startWorker(options: StartOptions): Promise<RunningWorker> {
  // Local D1 syncs every write to disk; in memory (tmpfs) the Worker's own cost is what is measured.
  const persistTo = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "parley-bench-"));
  if (readFileSync(options.config, "utf8").includes("[[d1_databases]]")) {
    wrangler(["d1", "migrations", "apply", "DB", "--local", "--config", options.config, "--persist-to", persistTo]);
  }
  // wrangler reports the port it bound only at --log-level info, which would print every request too.
  const start = (port: number) => startOn(port, persistTo, options);
  try {
    return await (options.port === undefined ? onFreePort(start) : start(options.port));
  } catch (error) {
    rmSync(persistTo, { recursive: true, force: true });
    throw error;
  }
}

/** The command that runs the Worker: `wrangler dev`, or the same without its inspector (dev-server.ts). */
function devCommand(port: number, persistTo: string, options: StartOptions): string[] {
  const logLevel = options.captureLogs ? "log" : "warn";
  if (!options.inspector) {
    const server = resolve(import.meta.dirname, "dev-server.ts");
    return ["node", server, options.config, String(port), persistTo, JSON.stringify(options.vars), logLevel];
  }
  const vars = Object.entries(options.vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  return [
    "wrangler",
    "dev",
    "--config",
    options.config,
    "--no-bundle",
    "--test-scheduled",
    "--port",
    String(port),
    "--inspector-port",
    "0",
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistTo,
    "--log-level",
    logLevel,
    ...vars,
  ];
}

async function startOn(port: number, persistTo: string, options: StartOptions): Promise<RunningWorker> {
  const child = spawn("npx", devCommand(port, persistTo, options), {
    stdio: ["ignore", options.captureLogs ? "pipe" : process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
    env: { ...process.env, CI: "true" },
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    logs.push(...lines);
  });
  const stopGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
    } catch {
      // Gone already.
    }
  };
  try {
    await waitUntilUp(url, child, port);
  } catch (error) {
    stopGroup();
    throw error;
  }
  const processes = processesOf(child.pid ?? 0);
  const directUrl = await findDirectUrl(url, processes.worker);
  return {
    url,
    directUrl,
    processes,
    logs,
    config: options.config,
    persistTo,
    async stop() {
      stopGroup();
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
