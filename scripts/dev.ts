/**
 * `npm run dev`: the bot on your machine with no tokens. The Worker runs in
 * local workerd (`wrangler dev`) with a migrated local D1, every API it
 * calls is emulated on loopback, and http://localhost:8787/dev is a chat
 * page with Telegram, Discord and Slack side by side.
 *
 *   npm run dev [-- --real-apis] [--port 8787]
 *
 * `--real-apis` sends weather, rate and news requests to the real services
 * (it needs internet); the platforms stay emulated. The stand-ins listen on
 * the port after `--port`, wrangler on the one after that.
 */
import { parseArgs } from "node:util";
import { prepareDevVars } from "./local/env-file.ts";
import { devLayout, startStack } from "./local/stack.ts";

const { values } = parseArgs({
  options: {
    "real-apis": { type: "boolean", default: false },
    port: { type: "string", default: "8787" },
  },
});
const port = Number(values.port);

const prepared = prepareDevVars();
if (prepared) console.log(prepared);

const stack = await startStack({
  ...devLayout(port),
  realApis: values["real-apis"],
  onWorkerLine: (line) => console.log(line),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
const page = stack.url.replace("127.0.0.1", "localhost");
console.log(`\nChat with the bot: ${page}/dev`);
console.log(`Webhooks: ${page}/webhooks/<platform>/concierge  ·  from a terminal: npm run chat -- --help\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
void stack.exited.then((code) => {
  if (!stopping) process.exit(code);
});
