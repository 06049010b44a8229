/**
 * Where a delivery's CPU goes inside the Worker: a V8 CPU profile of
 * Parley's isolate in workerd, taken through wrangler's DevTools inspector
 * while wrk sends fresh deliveries on one route, and attributed by step.
 *
 * Each sample goes to the Parley module running (or, for time spent in the
 * runtime's own code, such as the D1 client or a `fetch`, the Parley module
 * that called it): its source path comes from the comments esbuild writes
 * before each module of an unminified bundle. Modules are grouped into the
 * steps of a delivery (src/webhook/index.ts). Samples with no Parley or
 * library frame on the stack (the runtime between requests: HTTP, garbage
 * collection, the event loop) are shown apart.
 *
 * The inspector itself costs CPU (wrangler relays every log line through
 * it), so the shares are the figure to read here, not the milliseconds; the
 * benchmark (`npm run bench`) runs without it.
 *
 *   npm run bench:profile -- [--route discord] [--seconds 6]
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ROUTES, type Route } from "./bench/contenders.ts";
import { BENCH_SECRETS, discordHelp, discordKeys, rawRequest, slackMention } from "./bench/deliveries.ts";
import { attribute, type CpuProfile, STEPS } from "./bench/steps.ts";
import { startStub, stubSettings } from "./bench/stub.ts";
import { buildWorker, listeningPorts, startWorker } from "./bench/worker.ts";
import { replayScript, runWrk, telegramScript } from "./bench/wrk.ts";

const { values } = parseArgs({
  options: { route: { type: "string", default: "discord" }, seconds: { type: "string", default: "6" } },
});
const route = values.route as Route;
if (!ROUTES.includes(route)) throw new Error(`--route must be one of ${ROUTES.join(", ")}`);
const seconds = Number(values.seconds);

/** Parley bundled as `wrangler deploy` would, but unminified, so that the profile can name its modules. */
function unminifiedBuild(): string {
  const config = ".wrangler-profile.toml";
  writeFileSync(config, readFileSync("wrangler.toml", "utf8").replace(/^minify = true$/m, "minify = false"));
  try {
    return buildWorker(config);
  } finally {
    rmSync(config);
  }
}

/** The DevTools socket of the Worker, from wrangler's inspector (in the proxy's workerd). */
async function inspectorSocket(ports: readonly number[]): Promise<string> {
  for (const port of ports) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(1000) });
      const targets = (await response.json()) as { webSocketDebuggerUrl?: string }[];
      const url = targets[0]?.webSocketDebuggerUrl;
      if (url) return url;
    } catch {
      // Not the inspector.
    }
  }
  throw new Error("wrangler's inspector was not found");
}

/** A DevTools protocol session: one call at a time, answered by id. */
async function devtools(url: string) {
  // The inspector admits local pages only; Node's WebSocket takes headers as an extension.
  const init = { headers: { Origin: "http://localhost" } } as unknown as string[];
  const socket = new WebSocket(url, init);
  await new Promise((opened, failed) => {
    socket.addEventListener("open", opened);
    socket.addEventListener("error", () => failed(new Error(`could not connect to ${url}`)));
  });
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  return {
    call(method: string, params: object = {}): Promise<unknown> {
      next += 1;
      const id = next;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((answered) => waiting.set(id, answered));
    },
    close: () => socket.close(),
  };
}

const stub = await startStub();
const config = unminifiedBuild();
const keys = await discordKeys();
const vars = { ...stubSettings(stub.url), ...BENCH_SECRETS, DISCORD_PUBLIC_KEY: keys.publicKeyHex };
const worker = await startWorker({ config, vars, inspector: true });

let prepared = 8_000_000_000;
async function script(): Promise<string> {
  if (route === "telegram") return telegramScript(worker.persistTo, BENCH_SECRETS.TELEGRAM_WEBHOOK_SECRET);
  const requests: string[] = [];
  for (let i = 0; i < Math.max(10_000, seconds * 3_000); i++) {
    requests.push(
      rawRequest(route === "discord" ? await discordHelp(keys, prepared + i) : await slackMention(prepared + i)),
    );
  }
  prepared += requests.length;
  return replayScript(worker.persistTo, route, requests, 2);
}

try {
  const load = { url: worker.url, connections: 32, threads: 2 };
  // Warmed up first: the profile is of the isolate at work, not of its start.
  await runWrk({ ...load, seconds: 2, script: await script() });
  const session = await devtools(await inspectorSocket(listeningPorts(worker.processes.proxy)));
  await session.call("Profiler.enable");
  await session.call("Profiler.setSamplingInterval", { interval: 100 });
  const measured = await script();
  await session.call("Profiler.start");
  const run = await runWrk({ ...load, seconds, script: measured });
  const { profile } = (await session.call("Profiler.stop")) as { profile: CpuProfile };
  session.close();

  const bundle = readFileSync(/^main = "(.*)"$/m.exec(readFileSync(config, "utf8"))?.[1] ?? "", "utf8");
  const { steps, modules, busyMs } = attribute(profile, bundle);
  console.log(`\n${route}: ${run.requests} deliveries in ${seconds} s under the profiler (${run.errors} errors)`);
  console.log(
    `Parley's isolate was busy ${busyMs.toFixed(0)} ms: ${(busyMs / run.requests).toFixed(2)} ms a delivery\n`,
  );
  console.log("| step | share of the isolate's busy time |");
  console.log("| --- | --- |");
  for (const step of STEPS) console.log(`| ${step} | ${(100 * (steps.get(step) ?? 0)).toFixed(1)}% |`);
  console.log("\n| module (self time, with the runtime code it called) | share |");
  console.log("| --- | --- |");
  for (const [module, share] of [...modules].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`| ${module} | ${(100 * share).toFixed(1)}% |`);
  }
} finally {
  await worker.stop();
  await stub.close();
}
