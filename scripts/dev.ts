/**
 * `npm run dev`: the Worker in local workerd with a migrated local D1 and KV,
 * and a stand-in Telegram API that prints the bot's replies, so that the bot
 * can be tried with no token at all.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { startTelegramStandIn } from "./local/telegram-api.ts";

const STAND_IN_PORT = 8788;

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local development values).");
}

const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"], {
  stdio: "inherit",
  env: { ...process.env, CI: "true" },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const standIn = startTelegramStandIn(STAND_IN_PORT, (line) => console.log(line));
// --test-scheduled serves /cdn-cgi/handler/scheduled, to run a Cron tick at a chosen time.
const wrangler = spawn("npx", ["wrangler", "dev", "--test-scheduled", ...process.argv.slice(2)], { stdio: "inherit" });
const stop = () => {
  wrangler.kill("SIGINT");
  standIn.close();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => {
  standIn.close();
  process.exit(code ?? 0);
});
