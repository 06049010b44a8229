/**
 * Benchmark of scheduled delivery on local workerd: N due subscriptions, one
 * Cron tick, and the queue drained to a loopback Telegram stand-in that
 * allows `--rate` messages a second (past it, 429 with retry_after), with
 * the Worker's TELEGRAM_SEND_RATE set to the same (or to `--worker-rate`,
 * to see what sending faster than the platform allows costs). Prints the tick's wall
 * time, the time until every digest was delivered against the least the
 * rate allows (N ÷ rate), messages sent twice, lost and refused with 429,
 * and the outside calls made, over several runs. With `--digest weather`,
 * the subscribers are spread over `--cities` cities (the weather digest's
 * argument): one forecast call per city is what sharing renders by
 * arguments should cost.
 *
 *   npm run bench:schedule -- [--subscriptions 10000] [--rate 100] [--worker-rate 100] [--runs 3]
 *   npm run bench:schedule -- --digest weather --cities 100 [--subscriptions 10000]
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { median, spread } from "./bench/stats.ts";
import { startStub, stubSettings } from "./bench/stub.ts";
import { buildWorker, executeSql, startWorker } from "./bench/worker.ts";

const { values } = parseArgs({
  options: {
    subscriptions: { type: "string", default: "10000" },
    rate: { type: "string", default: "100" },
    "worker-rate": { type: "string" },
    runs: { type: "string", default: "3" },
    digest: { type: "string", default: "news" },
    cities: { type: "string", default: "100" },
  },
});
const digest = values.digest === "weather" ? "weather" : "news";
const cities = Number(values.cities);
const count = Number(values.subscriptions);
const rate = Number(values.rate);
const workerRate = Number(values["worker-rate"] ?? values.rate);
const runs = Number(values.runs);
/** The least time the rate allows for every message. */
const MINIMUM_MS = (count / rate) * 1000;
const DRAIN_LIMIT_MS = Math.max(15 * 60 * 1000, 3 * MINIMUM_MS);
/** After the last chat is reached: time for a duplicate a bug would produce to arrive. */
const SETTLE_MS = 5000;
/** The tick's time: every seeded subscription is due at it. */
const TICK_AT = Date.parse("2030-01-01T08:00:00Z");

/** The digest's arguments for subscriber `i`: none for news, one of `cities` places for the weather. */
function argsOf(i: number): string {
  if (digest === "news") return "{}";
  const city = i % cities;
  return JSON.stringify({ city: `City ${city}`, latitude: 40 + city / 100, longitude: 10 + city / 100 });
}

function seedFile(): string {
  const rows: string[] = [];
  for (let i = 1; i <= count; i++) {
    rows.push(
      `('concierge','telegram','${i}','${i}','{"chatId":"${i}"}','${digest}','${argsOf(i)}','09:00','Europe/Berlin',${TICK_AT},0)`,
    );
  }
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    statements.push(
      `INSERT INTO subscriptions (bot, platform, chat_id, user_id, address, digest, args, local_time, zone, next_run_at, updated_at) VALUES ${rows.slice(i, i + 500).join(",")};`,
    );
  }
  const file = join(tmpdir(), `parley-seed-${digest}-${count}.sql`);
  writeFileSync(file, statements.join("\n"));
  return file;
}

const stub = await startStub({ telegramRate: rate });
const seed = seedFile();
const config = buildWorker();
const results: {
  tickMs: number;
  drainMs: number;
  sent: number;
  duplicates: number;
  lost: number;
  limited: number;
  newsCalls: number;
  renders: number;
  weatherCalls: number;
}[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    stub.reset();
    const worker = await startWorker({
      config,
      vars: {
        ...stubSettings(stub.url),
        TELEGRAM_BOT_TOKEN: "1000:benchmark",
        TELEGRAM_WEBHOOK_SECRET: "benchmark",
        TELEGRAM_SEND_RATE: String(workerRate),
      },
    });
    try {
      executeSql(worker, seed);
      const started = performance.now();
      const tick = await fetch(
        `${worker.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("* * * * *")}&time=${TICK_AT}`,
      );
      if (!tick.ok) throw new Error(`tick answered ${tick.status}`);
      const tickMs = performance.now() - started;
      let drainMs = DRAIN_LIMIT_MS;
      while (performance.now() - started < DRAIN_LIMIT_MS) {
        if (stub.counts.chats.size >= count) {
          drainMs = performance.now() - started;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const calls = stub.counts.calls;
      const renders = calls.get("news:topstories") ?? 0;
      const result = {
        tickMs: Math.round(tickMs),
        drainMs: Math.round(drainMs),
        sent: stub.counts.chats.size,
        duplicates: [...stub.counts.chats.values()].filter((n) => n > 1).length,
        lost: count - stub.counts.chats.size,
        limited: stub.counts.limited,
        newsCalls: renders + (calls.get("news:item") ?? 0),
        renders,
        weatherCalls: calls.get("weather:forecast") ?? 0,
      };
      results.push(result);
      console.log(`run ${run}: ${JSON.stringify(result)}`);
    } finally {
      await worker.stop();
    }
  }
} finally {
  await stub.close();
}

const column = (pick: (r: (typeof results)[number]) => number) => results.map(pick);
const figure = (pick: (r: (typeof results)[number]) => number) => `${median(column(pick))} (${spread(column(pick))})`;
const subscribers =
  digest === "news" ? `${count} due news subscriptions` : `${count} due weather subscriptions over ${cities} cities`;
console.log(
  `\n${subscribers}, the platform allowing ${rate} messages a second, the Worker pacing at ${workerRate}, ${runs} runs (median, range):`,
);
console.log(
  "| tick (enqueue) ms | tick + queue drain ms | least at the rate (N ÷ rate) ms | drain ÷ least | delivered | sent twice | lost | 429s | news API calls in all | news renders | weather API calls |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
console.log(
  `| ${figure((r) => r.tickMs)} | ${figure((r) => r.drainMs)} | ${Math.round(MINIMUM_MS)} | ${figure((r) => Number((r.drainMs / MINIMUM_MS).toFixed(3)))} | ${median(column((r) => r.sent))} of ${count} | ${Math.max(...column((r) => r.duplicates))} | ${Math.max(...column((r) => r.lost))} | ${figure((r) => r.limited)} | ${median(column((r) => r.newsCalls))} | ${median(column((r) => r.renders))} | ${median(column((r) => r.weatherCalls))} |`,
);
if (digest === "weather") {
  const perCity = Math.max(...column((r) => r.weatherCalls));
  console.log(`\noutside calls for the weather digest: ${perCity} (one per city: ${cities})`);
}
