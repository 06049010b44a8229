/**
 * `npm run chat`: talk to the bot from a terminal, through the same
 * emulated platforms as the chat page (a real, signed delivery to the
 * Worker's webhook; the bot's answers read from the emulated API).
 *
 *   npm run chat -- [--platform telegram|discord|slack] "weather Berlin"
 *   npm run chat -- --platform discord --interactive
 *
 * It talks to the stack `npm run dev` runs (so the page shows the same
 * conversation); when none is running it starts one for the session and
 * stops it at the end. `#2` presses the second button of the newest message
 * that has buttons, `!file receipt.png /note receipt` sends a file with
 * its caption, `!action 1 Remind me` chooses a message action on the newest
 * message (2 the one before, and so on), `!tick +10m` (or
 * `!tick 2030-01-01 08:00`) runs the Cron tick at that time, and in a
 * session an empty line or Ctrl-D ends it.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { StackClient } from "./local/client.ts";
import { prepareDevVars } from "./local/env-file.ts";
import { mimeOf } from "./local/files.ts";
import type { Action, FormView, PlatformName, Snapshot } from "./local/protocol.ts";
import { devLayout, type Stack, startStack } from "./local/stack.ts";
import { FormAnswers, messageActionOn, TerminalView } from "./local/terminal.ts";

const PLATFORMS: readonly PlatformName[] = ["telegram", "discord", "slack"];
/** How long one delivery may take to be handled, stand-ins or real services alike. */
const DELIVERY_TIMEOUT_MS = 30_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    platform: { type: "string", short: "p", default: "telegram" },
    interactive: { type: "boolean", short: "i", default: false },
    url: { type: "string", default: "http://localhost:8787" },
    "real-apis": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

const USAGE = `Usage: npm run chat -- [--platform telegram|discord|slack] [--interactive] [--url ${values.url}] [message]`;
const platform = PLATFORMS.find((name) => name === values.platform);
const text = positionals.join(" ").trim();
if (values.help || !platform || (!values.interactive && text === "")) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 1);
}

const client = new StackClient(values.url);
let stack: Stack | undefined;
if (!(await client.serving())) {
  console.error(`No local stack answers at ${values.url}: starting one for this session (takes a few seconds)…`);
  const prepared = prepareDevVars();
  if (prepared) console.error(prepared);
  const port = Number(new URL(values.url).port || 8787);
  stack = await startStack({
    ...devLayout(port),
    realApis: values["real-apis"],
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

const view = new TerminalView(process.stdout.isTTY === true, values.url);
let latest: Snapshot = await client.snapshot();
const chatOf = (snapshot: Snapshot) => snapshot.chats.find((chat) => chat.platform === platform);
const initial = chatOf(latest);
if (initial) view.skip(initial);
const waiting = new Map<string, () => void>();

function settle(): void {
  for (const [entryId, resolve] of waiting) {
    if (latest.traffic.find((entry) => entry.id === entryId)?.done) resolve();
  }
}

/** Prints what is new in a snapshot; the stream and direct reads both come here, and nothing prints twice. */
function show(snapshot: Snapshot): void {
  latest = snapshot;
  const chat = chatOf(snapshot);
  for (const line of chat ? view.update(chat) : []) console.log(line);
  settle();
}

const stopWatching = client.watch(show);

/** Resolves once the Worker has handled the delivery (or given up on it), with a bound. */
async function handled(entryId: string): Promise<void> {
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, DELIVERY_TIMEOUT_MS);
    waiting.set(entryId, () => {
      clearTimeout(timer);
      waiting.delete(entryId);
      resolve();
    });
  });
  // What the action itself showed (an answer in the webhook's response) is in the session by now.
  show(await client.snapshot());
  await done;
}

/** "+10m", "+2h", "+1d" from now, or a date and time in this machine's zone. */
function tickTime(when: string): number | undefined {
  const relative = /^\+(\d+)([mhd])$/.exec(when);
  const unit: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
  if (relative) return Date.now() + Number(relative[1]) * (unit[relative[2] ?? ""] ?? 0);
  const time = Date.parse(when.replace(" ", "T"));
  return Number.isNaN(time) ? undefined : time;
}

/** "!file receipt.png /note receipt": the file at the path, with the rest as its caption. */
function fileAction(rest: string, on: PlatformName): Action | string {
  const [, path = "", caption = ""] = /^(\S+)\s*([\s\S]*)$/.exec(rest) ?? [];
  if (!existsSync(path)) return `No file at ${path}`;
  const data = readFileSync(path).toString("base64");
  return { kind: "upload", platform: on, name: basename(path), mime: mimeOf(path), data, caption };
}

/** The next question of a form: nothing is sent yet. */
interface Prompt {
  readonly prompt: string;
}

const formAnswers = new FormAnswers();

/** A line answers the form's next field; the last answer submits it. */
function formAnswer(form: FormView, line: string, on: PlatformName): Action | Prompt | string {
  const step = formAnswers.answer(form, line);
  if (typeof step === "string" || "prompt" in step) return step;
  return { kind: "submit", platform: on, formId: form.id, values: step.values };
}

/** "!action 2 Remind me": the action on the message two back. */
function messageAction(rest: string, on: PlatformName): Action | string {
  const [, n = "", label = ""] = /^(\d+)\s+([\s\S]+)$/.exec(rest) ?? [];
  const chat = chatOf(latest);
  if (!chat || n === "") return "!action takes how many messages back (1 is the newest) and the action's name";
  const found = messageActionOn(chat, Number(n), label.trim());
  return typeof found === "string" ? found : { kind: "message-action", platform: on, ...found };
}

/** What a line means: a file, a button, a message action, a tick, the answer to an open form, or a message. */
function actionFor(line: string, on: PlatformName): Action | Prompt | string {
  const press = /^#(\d+)$/.exec(line);
  if (press) {
    const found = view.choice(Number(press[1]));
    if (!found) return `There is no choice ${line} on the last message`;
    const { messageId, choice } = found;
    return choice.kind === "press"
      ? { kind: "press", platform: on, messageId, buttonId: choice.buttonId }
      : { kind: "pick", platform: on, messageId, selectId: choice.selectId, value: choice.value };
  }
  if (line.startsWith("!file ")) return fileAction(line.slice(6).trim(), on);
  if (line.startsWith("!action")) return messageAction(line.slice(7).trim(), on);
  if (line.startsWith("!tick")) {
    const time = tickTime(line.slice(5).trim());
    return time === undefined ? "!tick takes +10m, +2h, +1d or a date and time" : { kind: "tick", time };
  }
  const form = chatOf(latest)?.form;
  if (form) return formAnswer(form, line, on);
  return { kind: "say", platform: on, text: line };
}

async function send(line: string, on: PlatformName): Promise<boolean> {
  const action = actionFor(line, on);
  if (typeof action === "string") {
    console.error(action);
    return false;
  }
  if ("prompt" in action) {
    console.log(action.prompt);
    return true;
  }
  const result = await client.act(action);
  if (result.error) {
    console.error(result.error);
    return false;
  }
  if (result.entryId) await handled(result.entryId);
  else show(await client.snapshot());
  return true;
}

async function session(on: PlatformName): Promise<void> {
  // Read as a stream, so that lines piped in ahead of their turn wait for it.
  const lines = createInterface({ input: process.stdin, terminal: false });
  console.log(
    `Talking to the bot on ${on}. #n presses a button or picks an option, !file <path> [caption] sends a file, !action <n> <name> acts on the nth newest message, !tick +10m runs the schedule, an empty line ends.`,
  );
  process.stdout.write(`${on}> `);
  for await (const line of lines) {
    if (line.trim() === "") break;
    await send(line.trim(), on);
    process.stdout.write(`${on}> `);
  }
  lines.close();
}

let ok = true;
try {
  if (values.interactive) await session(platform);
  else ok = await send(text, platform);
} finally {
  stopWatching();
  await stack?.stop();
}
process.exit(ok ? 0 : 1);
