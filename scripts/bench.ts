/**
 * Parley against the floor, on local workerd with every outside API on a
 * loopback stub:
 *   (a) a bare Hono Worker answering 200 (the floor),
 *   (b) Telegram `/help`, a fresh update_id per request,
 *   (c) Discord `/help` with Ed25519 verification,
 *   (d) a Slack app mention with HMAC verification,
 * with wrk at 32 connections, floor and Parley alternating, several rounds,
 * each through `wrangler dev` and straight at the Worker's own workerd
 * socket, with the CPU time each process spent per request. Also prints each
 * command's cost (D1 round trips and outbound calls, from the Worker's own
 * log lines), the bundle size and the start-up time.
 *
 *   npm run bench -- [--seconds 8] [--rounds 3] [--connections 32] [--only telegram|discord|slack]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { BENCH_SECRETS, discordHelp, discordKeys, slackMention } from "./bench/deliveries.ts";
import { median, spread } from "./bench/stats.ts";
import { startStub, stubSettings } from "./bench/stub.ts";
import { buildWorker, cpuMs, ROLES, type Role, type RunningWorker, startWorker } from "./bench/worker.ts";
import { replayScript, runWrk, telegramScript, type WrkResult } from "./bench/wrk.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    only: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const THREADS = 2;
/** More signed requests than a run can send, so that none is sent twice. */
const PREPARED = Math.max(20_000, seconds * 6_000);

const work = mkdtempSync(join(tmpdir(), "parley-bench-"));

function floorConfig(): string {
  const config = join(work, "floor.toml");
  // Bundled by buildWorker like Parley, so both run as `wrangler deploy` would upload them.
  writeFileSync(
    config,
    `name = "floor"\nmain = "${resolve("scripts/bench/floor.ts")}"\ncompatibility_date = "2026-11-01"\nminify = true\n`,
  );
  return config;
}

/** Top-level evaluation time of a bundle in V8, in a fresh process each time: the Worker's start-up work. */
function startupMs(bundle: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(bundle)}); console.log(performance.now() - t);`;
  const samples = Array.from({ length: 5 }, () => {
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    return Number(result.stdout.trim());
  });
  return Math.round(median(samples) * 10) / 10;
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
    await fetch(`${worker.url}/webhooks/telegram/concierge`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": BENCH_SECRETS.TELEGRAM_WEBHOOK_SECRET,
      },
      body: JSON.stringify({
        update_id: updateId,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 42, type: "private" },
          from: { id: 42, is_bot: false, first_name: "Cost" },
          text,
        },
      }),
    });
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

if (spawnSync("wrk", ["--version"]).error) {
  console.error("wrk is not installed: apt-get install wrk (Debian's package) and run again.");
  process.exit(1);
}

const stub = await startStub();
const parleyConfig = buildWorker();
const bundle = join(parleyConfig, "..", "index.js");
const keys = await discordKeys();
const parleyVars = { ...stubSettings(stub.url), ...BENCH_SECRETS, DISCORD_PUBLIC_KEY: keys.publicKeyHex };
// The costs are read from the Worker's log lines; the load runs with wrangler as quiet as for the floor.
const logged = await startWorker({ config: parleyConfig, captureLogs: true, vars: parleyVars });
const costRows = await costs(logged).finally(() => logged.stop());
const parley = await startWorker({ config: parleyConfig, vars: parleyVars });
const floor = await startWorker({ config: buildWorker(floorConfig()), vars: {} });

type Target = "telegram" | "discord" | "slack";
const ALL_TARGETS: readonly Target[] = ["telegram", "discord", "slack"];
/** `--only discord` measures one route, for quick before/after comparisons. */
const targets = ALL_TARGETS.filter((target) => values.only === undefined || values.only === target);

/** Through wrangler dev's proxy, or straight at the Worker's own workerd socket. */
type Path = "wrangler" | "direct";
const PATHS: readonly Path[] = ["wrangler", "direct"];

interface Run {
  readonly wrk: WrkResult;
  /** CPU milliseconds per request, by process. */
  readonly cpu: Record<Role, number>;
}

/** wrk against one worker, with the CPU time each of its processes spent per request meanwhile. */
async function measure(worker: RunningWorker, path: Path, lua: string): Promise<Run> {
  const url = path === "wrangler" ? worker.url : worker.directUrl;
  const cpuNow = () => new Map(ROLES.map((role) => [role, cpuMs(worker.processes[role])]));
  const before = cpuNow();
  const wrk = await runWrk({ url, seconds, connections, threads: THREADS, script: lua });
  const after = cpuNow();
  const perRequest = (role: Role) => ((after.get(role) ?? 0) - (before.get(role) ?? 0)) / Math.max(1, wrk.requests);
  return { wrk, cpu: { wrangler: perRequest("wrangler"), proxy: perRequest("proxy"), worker: perRequest("worker") } };
}

const results = new Map<string, { floor: Run[]; parley: Run[] }>();
const resultsOf = (target: Target, path: Path) => {
  const key = `${target}/${path}`;
  const found = results.get(key) ?? { floor: [], parley: [] };
  results.set(key, found);
  return found;
};
let prepared = 0;
async function script(target: Target): Promise<string> {
  if (target === "telegram") return telegramScript(work, BENCH_SECRETS.TELEGRAM_WEBHOOK_SECRET);
  // Fresh signatures (Slack refuses timestamps older than five minutes) and fresh delivery ids each run.
  const requests: string[] = [];
  for (let i = 0; i < PREPARED; i++) {
    requests.push(target === "discord" ? await discordHelp(keys, prepared + i) : await slackMention(prepared + i));
  }
  prepared += PREPARED;
  return replayScript(work, target, requests, THREADS);
}

const fmt = (list: number[], digits = 0) =>
  `${median(list).toFixed(digits)} (${spread(list.map((n) => Number(n.toFixed(digits))))})`;

function ratioTable(path: Path): void {
  console.log(
    "| route | floor req/s | Parley req/s | throughput ratio | floor p50 / p99 ms | Parley p50 / p99 ms | p99 ratio | errors |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const target of targets) {
    const { floor: f, parley: p } = resultsOf(target, path);
    const ratios = p.map((run, i) => run.wrk.rps / (f[i]?.wrk.rps ?? Number.NaN));
    const p99Ratios = p.map((run, i) => run.wrk.p99ms / (f[i]?.wrk.p99ms ?? Number.NaN));
    const ms = (runs: Run[]) =>
      `${median(runs.map((r) => r.wrk.p50ms)).toFixed(2)} / ${median(runs.map((r) => r.wrk.p99ms)).toFixed(2)}`;
    console.log(
      `| ${target} | ${fmt(f.map((r) => r.wrk.rps))} | ${fmt(p.map((r) => r.wrk.rps))} | ${fmt(ratios, 2)} | ${ms(f)} | ${ms(p)} | ${fmt(p99Ratios, 2)} | ${p.reduce((sum, r) => sum + r.wrk.errors, 0)} |`,
    );
  }
}

function cpuTable(path: Path): void {
  console.log("| route | floor: wrangler / proxy / Worker | Parley: wrangler / proxy / Worker |");
  console.log("| --- | --- | --- |");
  for (const target of targets) {
    const { floor: f, parley: p } = resultsOf(target, path);
    const cpu = (runs: Run[]) => ROLES.map((role) => median(runs.map((run) => run.cpu[role])).toFixed(2)).join(" / ");
    console.log(`| ${target} | ${cpu(f)} | ${cpu(p)} |`);
  }
}

try {
  for (let round = 1; round <= rounds; round++) {
    for (const target of targets) {
      for (const path of PATHS) {
        // Fresh deliveries for each Parley run (a replayed one would only be a cheap duplicate);
        // the floor, which keeps nothing, answers the same ones first.
        const lua = await script(target);
        const runs = resultsOf(target, path);
        runs.floor.push(await measure(floor, path, lua));
        runs.parley.push(await measure(parley, path, lua));
        const last = (list: Run[]) => JSON.stringify(list[list.length - 1]);
        console.log(`round ${round} ${target} ${path}: floor ${last(runs.floor)} parley ${last(runs.parley)}`);
      }
    }
  }

  const raw = readFileSync(bundle);
  const setup = `wrk -t${THREADS} -c${connections} -d${seconds}s, ${rounds} rounds, floor and Parley alternating (median, range)`;
  console.log(`\nThrough wrangler dev; ${setup}\n`);
  ratioTable("wrangler");
  console.log(`\nStraight at the Worker's own workerd socket; ${setup}\n`);
  ratioTable("direct");
  console.log("\nCPU milliseconds per request, by process (median), through wrangler dev\n");
  cpuTable("wrangler");
  console.log("\nCPU milliseconds per request, by process (median), straight at the Worker's socket\n");
  cpuTable("direct");
  console.log("\n| command (Telegram) | D1 round trips | outbound calls |");
  console.log("| --- | --- | --- |");
  for (const row of costRows) console.log(`| \`${row.command}\` | ${row.d1} | ${row.subrequests} |`);
  console.log(
    `\nbundle: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gzipSync(raw).length / 1024).toFixed(1)} KB gzip`,
  );
  console.log(`start-up (top-level evaluation in V8, median of 5): Parley ${startupMs(bundle)} ms`);
} finally {
  await parley.stop();
  await floor.stop();
  await stub.close();
}
