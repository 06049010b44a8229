/**
 * Benchmark of scheduled delivery on local workerd: N due subscriptions, one
 * Cron tick, and the queue drained to a loopback Telegram stub. Prints the
 * tick's wall time, the time until every digest was delivered, and the
 * outside calls made per digest, over several runs.
 *
 *   npm run bench:schedule -- [--subscriptions 10000] [--runs 3]
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
    runs: { type: "string", default: "3" },
  },
});
const count = Number(values.subscriptions);
const runs = Number(values.runs);
const DRAIN_LIMIT_MS = 15 * 60 * 1000;
/** The tick's time: every seeded subscription is due at it. */
const TICK_AT = Date.parse("2030-01-01T08:00:00Z");

function seedFile(): string {
  const rows: string[] = [];
  for (let i = 1; i <= count; i++) {
    rows.push(`('concierge','telegram','${i}','${i}','{"chatId":"${i}"}','news','09:00','Europe/Berlin',${TICK_AT},0)`);
  }
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    statements.push(
      `INSERT INTO subscriptions (bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, updated_at) VALUES ${rows.slice(i, i + 500).join(",")};`,
    );
  }
  const file = join(tmpdir(), `parley-seed-${count}.sql`);
  writeFileSync(file, statements.join("\n"));
  return file;
}

const stub = await startStub();
const seed = seedFile();
const config = buildWorker();
const results: {
  tickMs: number;
  drainMs: number;
  sent: number;
  duplicates: number;
  newsCalls: number;
  renders: number;
}[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    stub.reset();
    const worker = await startWorker({
      config,
      vars: { ...stubSettings(stub.url), TELEGRAM_BOT_TOKEN: "1000:benchmark", TELEGRAM_WEBHOOK_SECRET: "benchmark" },
    });
    try {
      executeSql(worker, seed);
      const started = performance.now();
      const tick = await fetch(
        `${worker.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("* * * * *")}&time=${TICK_AT}`,
      );
      if (!tick.ok) throw new Error(`tick answered ${tick.status}`);
      const tickMs = performance.now() - started;
      while (stub.counts.chats.size < count && performance.now() - started < DRAIN_LIMIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Let any duplicate a bug would produce arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const drainMs = performance.now() - started;
      const calls = stub.counts.calls;
      const renders = calls.get("news:topstories") ?? 0;
      const result = {
        tickMs: Math.round(tickMs),
        drainMs: Math.round(drainMs - 2000),
        sent: stub.counts.chats.size,
        duplicates: [...stub.counts.chats.values()].filter((n) => n > 1).length,
        newsCalls: renders + (calls.get("news:item") ?? 0),
        renders,
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
console.log(`\n${count} due subscriptions, ${runs} runs (median, range):`);
console.log(
  `| tick (enqueue) ms | tick + queue drain ms | delivered | sent twice | news API calls in all | digest renders |`,
);
console.log(`| --- | --- | --- | --- | --- | --- |`);
console.log(
  `| ${median(column((r) => r.tickMs))} (${spread(column((r) => r.tickMs))}) | ${median(column((r) => r.drainMs))} (${spread(column((r) => r.drainMs))}) | ${median(column((r) => r.sent))} of ${count} | ${Math.max(...column((r) => r.duplicates))} | ${median(column((r) => r.newsCalls))} | ${median(column((r) => r.renders))} |`,
);
