/**
 * `wrangler dev` without its DevTools inspector, for the benchmark: the
 * same wrangler machinery (its proxy Worker in one workerd, the Worker with
 * local D1, KV, Queues and Cron in another) started through wrangler's own
 * API, which alone can turn the inspector off. With it on, wrangler relays
 * every `console` call of the Worker to its Node process as an HTTP request
 * (about 1 ms of CPU per line on this machine, none of it in production),
 * which would charge a Worker that logs for the tool that runs it.
 *
 *   node scripts/bench/dev-server.ts <config> <port> <persist-to> <vars as JSON> <log level>
 */
import { unstable_startWorker } from "wrangler";

type StartInput = Parameters<typeof unstable_startWorker>[0];

const [config, port, persist, varsJson = "{}", logLevel = "warn"] = process.argv.slice(2);
const vars = JSON.parse(varsJson) as Record<string, string>;
const input = {
  config,
  build: { bundle: false },
  bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: "plain_text", value }])),
  dev: {
    server: { hostname: "127.0.0.1", port: Number(port) },
    inspector: false,
    persist,
    logLevel,
    testScheduled: true,
    watch: false,
  },
} as StartInput;

const worker = await unstable_startWorker(input);
await worker.ready;
process.on("SIGTERM", () => {
  void worker.dispose().finally(() => process.exit(0));
});
