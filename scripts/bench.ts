/**
 * Parley against its peers, on local workerd with every outside API on a
 * loopback stub, route by route:
 *   - Telegram `/help`, a fresh update_id per request;
 *   - Discord `/help` with Ed25519 verification;
 *   - a Slack app mention with HMAC verification;
 * each answered by the bare floor (a Hono Worker answering 200), a Worker
 * written by hand (minimal), the framework peers and Parley, all doing the
 * same work (verify, claim in D1, one reply; scripts/bench/contenders.ts).
 * wrk at 32 connections, every contender on the same prepared requests,
 * alternating within each round in an order that turns each round, through
 * `wrangler dev` (and with `--direct` also straight at the Worker's own
 * workerd socket), with the CPU time each process spent per request and a
 * check that every claimed delivery got exactly one reply. Also prints
 * Parley's cost per command (D1 round trips and outbound calls, from its
 * log lines), each bundle's size and start-up time, and every version.
 *
 * Every contender runs under wrangler's dev machinery with its DevTools
 * inspector off (scripts/bench/dev-server.ts); `--inspector` runs `wrangler
 * dev` itself, which relays each of a Worker's log lines to Node.
 *
 *   npm run bench -- [--seconds 8] [--rounds 3] [--connections 32] [--only telegram|discord|slack] [--direct] [--inspector]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { claimedDeliveries } from "./bench/claims.ts";
import { CONTENDERS, type Contender, contenderConfig, PARLEY, ROUTES, type Route } from "./bench/contenders.ts";
import {
  BENCH_SECRETS,
  discordHelp,
  discordKeys,
  rawRequest,
  slackMention,
  telegramMessage,
} from "./bench/deliveries.ts";
import { median } from "./bench/stats.ts";
import { type Stub, startStub, stubSettings } from "./bench/stub.ts";
import { buildWorker, cpuMs, ROLES, type Role, type RunningWorker, startWorker } from "./bench/worker.ts";
import { REPLY_IN_RESPONSE, replayScript, runWrk, telegramScript, type WrkResult } from "./bench/wrk.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    only: { type: "string" },
    direct: { type: "boolean", default: false },
    inspector: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const THREADS = 2;
/** More signed requests than a run can send, so that none is sent twice. */
const PREPARED = Math.max(20_000, seconds * 6_000);
/** The targets Parley must meet on every route. */
const TARGETS = { bestPeer: 1.0, minimal: 0.9, p99: 1.25 };

const work = mkdtempSync(join(tmpdir(), "parley-bench-"));

/** A bundle's file, named by the `main` of the configuration `buildWorker` wrote. */
function bundleOf(config: string): string {
  const main = /^main = "(.*)"$/m.exec(readFileSync(config, "utf8"))?.[1];
  if (!main) throw new Error(`No main in ${config}`);
  return main;
}

/**
 * The bundle with `cloudflare:workers` (which only workerd provides) turned
 * into a module of empty stand-ins, so that Node can evaluate it.
 */
function nodeLoadable(bundle: string): string {
  const standIn = [
    "export class DurableObject {}",
    "export class WorkerEntrypoint {}",
    "export class WorkflowEntrypoint {}",
    "export class RpcTarget {}",
    "export const env = {};",
  ].join("\n");
  const specifier = `data:text/javascript,${encodeURIComponent(standIn)}`;
  const copy = join(work, `${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    copy,
    readFileSync(bundle, "utf8").replaceAll(/(["'])cloudflare:workers\1/g, JSON.stringify(specifier)),
  );
  return copy;
}

/** Top-level evaluation time of a bundle in V8, in a fresh process each time: the Worker's start-up work. */
function startupMs(bundle: string): string {
  const module = nodeLoadable(bundle);
  // workerd's global scope has `self`, which some bundled libraries read at the top level.
  const code = `globalThis.self = globalThis; const t = performance.now(); await import(${JSON.stringify(module)}); console.log(performance.now() - t);`;
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    if (result.status !== 0) {
      return `does not load in Node: ${result.stderr.split("\n").find((line) => /Error/.test(line)) ?? result.stderr}`;
    }
    samples.push(Number(result.stdout.trim()));
  }
  return `${(Math.round(median(samples) * 10) / 10).toFixed(1)} ms`;
}

/** Sends one delivery per command and reads the cost from the Worker's log line for it. */
async function costs(worker: RunningWorker): Promise<{ command: string; d1: number; subrequests: number }[]> {
  const commands = [
    "/help",
    "/start",
    "/weather Berlin",
    "/rate usd eur 10",
    "/news 3",
    "/todo add milk",
    "/todo list",
  ];
  const rows = [];
  for (const [index, text] of commands.entries()) {
    const updateId = 900_000_000 + index;
    const delivery = telegramMessage(updateId, 42, text);
    await fetch(`${worker.url}${delivery.path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
    const deadline = Date.now() + 5000;
    let line: { d1: number; subrequests: number } | undefined;
    while (!line && Date.now() < deadline) {
      line = worker.logs
        .filter((entry) => entry.includes(`"eventId":"${updateId}"`) && entry.includes('"event":"delivery"'))
        .map((entry) => JSON.parse(entry.slice(entry.indexOf("{"))) as { d1: number; subrequests: number })[0];
      if (!line) await new Promise((done) => setTimeout(done, 50));
    }
    rows.push({ command: text, d1: line?.d1 ?? Number.NaN, subrequests: line?.subrequests ?? Number.NaN });
  }
  return rows;
}

/** The version of an installed package, from its package.json. */
function versionOf(dir: string): string {
  const file = join(dir, "package.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : "not installed";
}

/** The workerd that wrangler runs: its own copy when it has one. */
function workerdVersion(): string {
  const nested = ["node_modules/wrangler/node_modules/workerd", "node_modules/miniflare/node_modules/workerd"];
  return versionOf(nested.find((dir) => existsSync(dir)) ?? "node_modules/workerd");
}

if (spawnSync("wrk", ["--version"]).error) {
  console.error("wrk is not installed: apt-get install wrk (Debian's package) and run again.");
  process.exit(1);
}

/** `--only discord` measures one route, for quick before/after comparisons. */
const routes = ROUTES.filter((route) => values.only === undefined || values.only === route);
const contendersOn = (route: Route) => CONTENDERS.filter((contender) => contender.routes.includes(route));
const running = CONTENDERS.filter((contender) => contender.routes.some((route) => routes.includes(route)));

/** Through wrangler dev's proxy, or straight at the Worker's own workerd socket. */
type Path = "wrangler" | "direct";
const paths: readonly Path[] = values.direct ? ["wrangler", "direct"] : ["wrangler"];

const stub = await startStub();
const keys = await discordKeys();
const vars = { ...stubSettings(stub.url), ...BENCH_SECRETS, DISCORD_PUBLIC_KEY: keys.publicKeyHex };
const configs = new Map<Contender, string>(
  running.map((contender) => [
    contender,
    contender.module === undefined
      ? buildWorker()
      : buildWorker(contenderConfig(contender.module, work, contender.kind !== "floor")),
  ]),
);
const configOf = (contender: Contender) => configs.get(contender) ?? "";
// The costs are read from the Worker's log lines; the load runs with wrangler as quiet as for the others.
const logged = await startWorker({ config: configOf(PARLEY), captureLogs: true, vars });
const costRows = await costs(logged).finally(() => logged.stop());
const workers = new Map<Contender, RunningWorker>();

interface Run {
  readonly wrk: WrkResult;
  /** CPU milliseconds per request, by process. */
  readonly cpu: Record<Role, number>;
  /** Deliveries claimed in D1 during the run (none for the floor, which keeps nothing). */
  readonly claimed?: number;
  /** Replies the stub received plus those given in the responses. */
  readonly replies: number;
}

/** Where the stub sees a reply on each route: a sent message, or on Discord a follow-up to a deferred answer. */
const SENDS: Record<Route, string> = {
  telegram: "telegram:sendMessage",
  discord: "discord:webhooks",
  slack: "slack:chat.postMessage",
};

/** Waits (at most 20 s) until `read` gives the same twice a second apart: what is sent after the answer has gone out. */
async function settled(read: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last = read();
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 1000));
    const now = read();
    if (now === last) return;
    last = now;
  }
}

/**
 * wrk against one worker, then a wait until its replies after the answer
 * have gone out, with the CPU time each of its processes spent per request
 * over both and the deliveries it claimed and replied to.
 */
async function measure(contender: Contender, route: Route, path: Path, lua: string, hub: Stub): Promise<Run> {
  const worker = workers.get(contender);
  if (!worker) throw new Error(`${contender.name} is not running`);
  const url = path === "wrangler" ? worker.url : worker.directUrl;
  const keeps = contender.kind !== "floor";
  const claims = () => (keeps ? claimedDeliveries(worker.persistTo) : 0);
  const sends = () => hub.counts.calls.get(SENDS[route]) ?? 0;
  const cpuNow = () => new Map(ROLES.map((role) => [role, cpuMs(worker.processes[role])]));
  hub.reset();
  const claimedBefore = claims();
  const before = cpuNow();
  const wrk = await runWrk({ url, seconds, connections, threads: THREADS, script: lua });
  await settled(() => `${sends()} ${claims()}`);
  const after = cpuNow();
  const perRequest = (role: Role) => ((after.get(role) ?? 0) - (before.get(role) ?? 0)) / Math.max(1, wrk.requests);
  return {
    wrk,
    cpu: { wrangler: perRequest("wrangler"), proxy: perRequest("proxy"), worker: perRequest("worker") },
    ...(keeps ? { claimed: claims() - claimedBefore } : {}),
    replies: sends() + wrk.repliesInResponses,
  };
}

const results = new Map<string, Run[]>();
const runsOf = (route: Route, path: Path, contender: Contender) => {
  const key = `${route}/${path}/${contender.name}`;
  const found = results.get(key) ?? [];
  results.set(key, found);
  return found;
};

let prepared = 0;
async function script(route: Route): Promise<string> {
  if (route === "telegram") return telegramScript(work, BENCH_SECRETS.TELEGRAM_WEBHOOK_SECRET);
  // Fresh signatures (Slack refuses timestamps older than five minutes) and fresh delivery ids each round.
  const requests: string[] = [];
  for (let i = 0; i < PREPARED; i++) {
    requests.push(
      rawRequest(route === "discord" ? await discordHelp(keys, prepared + i) : await slackMention(prepared + i)),
    );
  }
  prepared += PREPARED;
  return replayScript(work, route, requests, THREADS, REPLY_IN_RESPONSE[route]);
}

const fmt = (list: readonly number[], digits = 0) =>
  list.some((n) => Number.isNaN(n))
    ? "—"
    : `${median(list).toFixed(digits)} (${Math.min(...list).toFixed(digits)}–${Math.max(...list).toFixed(digits)})`;

/** Each round's figure of `runs` divided by the same round's of `base`. */
const ratios = (runs: readonly Run[], base: readonly Run[], figure: (run: Run) => number) =>
  runs.map((run, i) => {
    const other = base[i];
    return other ? figure(run) / figure(other) : Number.NaN;
  });

/**
 * Every delivery got exactly one reply: each run must have
 * answered ≤ replies ≤ claimed ≤ answered + connections. A request still in
 * flight when wrk stopped is claimed but not answered (at most one per
 * connection), and its reply is counted when the stub receives it but not
 * when it was in the response wrk never read; a second reply to a delivery,
 * or a reply without a claim, makes replies exceed claims.
 */
function answeredOnce(runs: readonly Run[]): boolean {
  return runs.every((run) => {
    const answered = run.wrk.requests - run.wrk.non2xx;
    const claimed = run.claimed ?? 0;
    return answered <= run.replies && run.replies <= claimed && claimed <= answered + connections;
  });
}

function deliveryCheck(runs: readonly Run[]): string {
  if (runs.every((run) => run.claimed === undefined)) return "— (keeps nothing)";
  const sum = (figure: (run: Run) => number) => runs.reduce((total, run) => total + figure(run), 0);
  const answered = sum((run) => run.wrk.requests - run.wrk.non2xx);
  const counts = `${answered} answered, ${sum((run) => run.replies)} replies, ${sum((run) => run.claimed ?? 0)} claimed`;
  return `${answeredOnce(runs) ? "ok" : "FAILED"}: ${counts}`;
}

/** The framework peer with the highest median throughput on the route, of those that answered every delivery once. */
function bestPeer(route: Route, path: Path): Contender | undefined {
  const peers = contendersOn(route).filter(
    (contender) => contender.kind === "peer" && answeredOnce(runsOf(route, path, contender)),
  );
  const rps = (contender: Contender) => median(runsOf(route, path, contender).map((run) => run.wrk.rps));
  return peers.sort((a, b) => rps(b) - rps(a))[0];
}

function routeTable(route: Route, path: Path): void {
  const minimal = CONTENDERS.find((contender) => contender.kind === "minimal" && contender.routes.includes(route));
  const best = bestPeer(route, path);
  const minimalRuns = minimal ? runsOf(route, path, minimal) : [];
  const bestRuns = best ? runsOf(route, path, best) : [];
  const through = values.inspector ? "through wrangler dev" : "through wrangler dev's proxy, inspector off";
  console.log(`\n${route}, ${path === "wrangler" ? through : "straight at the Worker's socket"}\n`);
  console.log(
    `| contender | req/s | × minimal | × best peer (${best?.name ?? "none"}) | p50 / p99 ms | p99 ÷ minimal's | errors | CPU ms/request: wrangler / proxy / Worker | every delivery answered once |`,
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const contender of contendersOn(route)) {
    const runs = runsOf(route, path, contender);
    const rps = (run: Run) => run.wrk.rps;
    const p99 = (run: Run) => run.wrk.p99ms;
    const vsBest = contender.kind === "parley" ? fmt(ratios(runs, bestRuns, rps), 2) : "";
    const ms = `${median(runs.map((run) => run.wrk.p50ms)).toFixed(1)} / ${median(runs.map(p99)).toFixed(1)}`;
    const cpu = ROLES.map((role) => median(runs.map((run) => run.cpu[role])).toFixed(2)).join(" / ");
    const errors = runs.reduce((sum, run) => sum + run.wrk.errors, 0);
    console.log(
      `| ${contender.name} | ${fmt(runs.map(rps))} | ${fmt(ratios(runs, minimalRuns, rps), 2)} | ${vsBest} | ${ms} | ${fmt(ratios(runs, minimalRuns, p99), 2)} | ${errors} | ${cpu} | ${deliveryCheck(runs)} |`,
    );
  }
  const parleyRuns = runsOf(route, path, PARLEY);
  const verdicts = [
    {
      name: `≥ ${TARGETS.bestPeer.toFixed(2)}× best peer`,
      value: median(ratios(parleyRuns, bestRuns, (run) => run.wrk.rps)),
    },
    {
      name: `≥ ${TARGETS.minimal.toFixed(2)}× minimal`,
      value: median(ratios(parleyRuns, minimalRuns, (run) => run.wrk.rps)),
    },
    {
      name: `p99 ≤ ${TARGETS.p99.toFixed(2)}× minimal's`,
      value: median(ratios(parleyRuns, minimalRuns, (run) => run.wrk.p99ms)),
    },
  ];
  const met = [
    verdicts[0] !== undefined && verdicts[0].value >= TARGETS.bestPeer,
    verdicts[1] !== undefined && verdicts[1].value >= TARGETS.minimal,
    verdicts[2] !== undefined && verdicts[2].value <= TARGETS.p99,
  ];
  const parts = verdicts.map(
    (verdict, i) => `${verdict.name}: ${verdict.value.toFixed(2)} ${met[i] ? "met" : "not met"}`,
  );
  console.log(`\n${met.every(Boolean) ? "PASS" : "FAIL"} ${route} (${path}): ${parts.join("; ")}`);
}

/** Each contender's order turns by one each round, so that none always runs first or right after the same one. */
function turned<T>(list: readonly T[], round: number): T[] {
  const shift = round % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

try {
  for (const contender of running)
    workers.set(contender, await startWorker({ config: configOf(contender), vars, inspector: values.inspector }));
  for (let round = 0; round < rounds; round++) {
    for (const route of routes) {
      for (const path of paths) {
        // Fresh deliveries each round; every contender answers the same ones (each keeps its own D1).
        const lua = await script(route);
        for (const contender of turned(contendersOn(route), round)) {
          const run = await measure(contender, route, path, lua, stub);
          runsOf(route, path, contender).push(run);
          console.log(`round ${round + 1} ${route} ${path} ${contender.name}: ${JSON.stringify(run)}`);
        }
      }
    }
  }

  const setup = `wrk -t${THREADS} -c${connections} -d${seconds}s, ${rounds} rounds, contenders alternating (median, range)`;
  console.log(`\n${setup}`);
  for (const route of routes) for (const path of paths) routeTable(route, path);

  console.log("\n| command (Telegram, Parley) | D1 round trips | outbound calls |");
  console.log("| --- | --- | --- |");
  for (const row of costRows) console.log(`| \`${row.command}\` | ${row.d1} | ${row.subrequests} |`);

  console.log("\n| bundle | raw KB | gzip -9 KB | start-up (top-level evaluation in V8, median of 7) |");
  console.log("| --- | --- | --- | --- |");
  for (const [contender, config] of configs) {
    const bundle = bundleOf(config);
    const raw = readFileSync(bundle);
    const label = contender.module === undefined ? contender.name : `${contender.name} (${contender.module})`;
    console.log(
      `| ${label} | ${(raw.length / 1024).toFixed(1)} | ${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} | ${startupMs(bundle)} |`,
    );
  }

  const packages = [...new Set(running.flatMap((contender) => contender.packages))];
  const versions = packages.map((name) => `${name} ${versionOf(resolve("node_modules", name))}`);
  console.log(
    `\nversions: ${versions.join(", ")}; wrangler ${versionOf("node_modules/wrangler")}, workerd ${workerdVersion()}, Node ${process.versions.node}`,
  );
} finally {
  for (const worker of workers.values()) await worker.stop();
  await stub.close();
}
