/**
 * A stand-in for `wrangler` (`PARLEY_WRANGLER`): it records each invocation
 * and answers as wrangler would, keeping what it "made" in `RECORDER_DIR`:
 *
 *   calls.jsonl   one line per invocation: its args, the names of the secrets in
 *                 its environment, and for `secret bulk` the file's secrets and
 *                 mode (the file is gone after the run)
 *   queues.json   the queues that exist
 *   bundle.js     what `deploy --dry-run --outdir` builds (a test changes it to change the Worker)
 *   migrated      present once the migrations were applied
 *   fail          a command (args joined by spaces) that fails, as a deploy the API refuses
 */
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const WORKER_URL = "https://parley.test-account.workers.dev";

const dir = process.env.RECORDER_DIR ?? "";
const args = process.argv.slice(2);
const file = (name: string) => join(dir, name);
const read = (name: string, otherwise: string) =>
  existsSync(file(name)) ? readFileSync(file(name), "utf8") : otherwise;

const [command, sub] = args;
const bulkFile = command === "secret" && sub === "bulk" ? args[2] : undefined;
appendFileSync(
  file("calls.jsonl"),
  `${JSON.stringify({
    args,
    secretsInEnv: Object.keys(process.env).filter((name) => /TOKEN|SECRET/.test(name)),
    ...(bulkFile
      ? { secrets: JSON.parse(readFileSync(bulkFile, "utf8")), mode: statSync(bulkFile).mode & 0o777, file: bulkFile }
      : {}),
  })}\n`,
);

if (read("fail", "\n").trim() === args.join(" ")) {
  console.error("✘ [ERROR] A request to the Cloudflare API (/accounts/0000/workers/scripts/parley) failed.");
  process.exit(1);
}

const queues: string[] = JSON.parse(read("queues.json", "[]"));
if (command === "queues" && sub === "list") {
  console.log("┌──────────────────────────────────┬─────────────────┬─────────────┬─────────────┐");
  console.log("│ id                               │ name            │ producers   │ consumers   │");
  for (const name of queues) console.log(`│ 0123456789abcdef0123456789abcdef │ ${name} │ 1           │ 1           │`);
  console.log("└──────────────────────────────────┴─────────────────┴─────────────┴─────────────┘");
} else if (command === "queues" && sub === "create" && args[2]) {
  writeFileSync(file("queues.json"), JSON.stringify([...queues, args[2]]));
  console.log(`🌀 Creating queue '${args[2]}'\n✅ Created queue '${args[2]}'`);
} else if (command === "d1" && args.includes("apply")) {
  if (existsSync(file("migrated"))) {
    console.log("✅ No migrations to apply!");
  } else {
    writeFileSync(file("migrated"), "");
    console.log("│ 0001_conversations.sql │ ✅ │\n│ 0002_schedules.sql │ ✅ │");
  }
} else if (command === "secret" && sub === "bulk") {
  console.log("Finished processing secrets file");
} else if (command === "deploy" && args.includes("--dry-run")) {
  const outdir = args[args.indexOf("--outdir") + 1] ?? "";
  writeFileSync(join(outdir, "index.js"), read("bundle.js", "export default {} // the first build"));
  // Written fresh on every build, as wrangler's are: they must not count as a change.
  writeFileSync(join(outdir, "index.js.map"), String(Math.random()));
  writeFileSync(join(outdir, "README.md"), `generated at ${new Date().toISOString()}`);
  console.log("--dry-run: exiting now.");
} else if (command === "deploy") {
  console.log(
    [
      "Uploaded parley (1.20 sec)",
      "Deployed parley triggers (0.80 sec)",
      `  ${WORKER_URL}`,
      "  schedule: * * * * *",
      "  Producer for parley-jobs",
      "  Consumer for parley-jobs",
      "Current Version ID: 6f1c2a3b-0000-4000-8000-000000000000",
    ].join("\n"),
  );
} else {
  console.error(`The recorder does not know wrangler ${args.join(" ")}`);
  process.exit(2);
}
