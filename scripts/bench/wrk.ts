/**
 * Runs wrk (Debian's `wrk`) against one URL and reads its figures. Each
 * request is unique: Telegram's update ids are counted up in Lua, and
 * signed Discord and Slack requests are replayed from a file, one each.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Distinct users the load comes from (a user may send 20 messages a minute). */
export const USERS = 100_000;

export interface WrkResult {
  readonly rps: number;
  readonly p50ms: number;
  readonly p99ms: number;
  readonly requests: number;
  /** Non-2xx answers and socket errors. */
  readonly errors: number;
  readonly non2xx: number;
  /** Responses that carried the reply in their body (see `REPLY_IN_RESPONSE`). */
  readonly repliesInResponses: number;
}

export interface WrkOptions {
  readonly url: string;
  readonly seconds: number;
  readonly connections: number;
  readonly threads: number;
  /** The Lua script that makes the requests. */
  readonly script: string;
}

function milliseconds(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const number = Number(match[1]);
  return match[2] === "us" ? number / 1000 : match[2] === "s" ? number * 1000 : number;
}

/** Runs wrk without blocking this process, whose event loop also serves the loopback stub. */
function wrk(args: string[]): Promise<string> {
  return new Promise((resolveOutput, reject) => {
    const child = spawn("wrk", args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolveOutput(stdout) : reject(new Error(`wrk failed: ${stderr}`))));
  });
}

export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const out = await wrk([
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--latency",
    "--timeout",
    "10s",
    "-s",
    options.script,
    options.url,
  ]);
  const pick = (pattern: RegExp) => pattern.exec(out)?.[1] ?? "";
  const non2xx = Number(pick(/Non-2xx or 3xx responses: (\d+)/) || 0);
  const socketErrors = pick(/Socket errors: (.*)/)
    .split(",")
    .map((part) => Number(/(\d+)/.exec(part)?.[1] ?? 0))
    .reduce((sum, n) => sum + n, 0);
  return {
    rps: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
    p50ms: milliseconds(pick(/\s50%\s+(\S+)/)),
    p99ms: milliseconds(pick(/\s99%\s+(\S+)/)),
    requests: Number(pick(/(\d+) requests in/)),
    errors: non2xx + socketErrors,
    non2xx,
    repliesInResponses: Number(pick(/Replies in responses: (\d+)/) || 0),
  };
}

/** Gives each wrk thread its number (0, 1, …) as the global `id`, so threads never send the same delivery. */
const NUMBER_THREADS = `local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
`;

/**
 * Counts, per thread, the responses whose body holds `marker` (a reply given
 * in the webhook's answer: Discord's type 4, a Telegram method call), and
 * prints their sum, so that replies not sent through the stub are counted too.
 */
function countReplies(marker: string): string {
  return `replies = 0
function response(status, headers, body)
  if body ~= nil and string.find(body, ${JSON.stringify(marker)}, 1, true) then replies = replies + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("replies") or 0) end
  io.write("Replies in responses: " .. total .. "\\n")
end
`;
}

/** What a reply given in a webhook's answer holds, by route; Slack has none. */
export const REPLY_IN_RESPONSE: Readonly<Record<string, string>> = {
  telegram: '"method":"sendMessage"',
  discord: '"type":4',
};

/** Update ids handed out so far, so that every script sends ids no earlier run has sent. */
let updateIdBase = 0;

/**
 * Telegram `/help` with a fresh update_id per request, from one of
 * `USERS` users: enough that none of them reaches the per-user rate limit.
 */
export function telegramScript(dir: string, secret: string): string {
  // Room for 100 million requests per thread and script.
  const base = updateIdBase;
  updateIdBase += 1_000_000_000;
  const path = join(dir, "telegram.lua");
  writeFileSync(
    path,
    `local counter = 0
local thread_id = 0
${NUMBER_THREADS}function init(args)
  thread_id = id
end
function request()
  counter = counter + 1
  local update_id = ${base} + thread_id * 100000000 + counter
  local user = update_id % ${USERS} + 1
  local body = '{"update_id":' .. update_id .. ',"message":{"message_id":' .. update_id .. ',"date":0,"chat":{"id":' .. user .. ',"type":"private"},"from":{"id":' .. user .. ',"is_bot":false,"first_name":"Bench"},"text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]}}'
  return wrk.format("POST", "/webhooks/telegram/concierge", { ["Content-Type"] = "application/json", ["X-Telegram-Bot-Api-Secret-Token"] = "${secret}" }, body)
end
${countReplies(REPLY_IN_RESPONSE.telegram ?? "")}`,
  );
  return path;
}

/** Replays prepared raw requests, each thread its own share, so no delivery is sent twice. */
export function replayScript(
  dir: string,
  name: string,
  requests: readonly string[],
  threads: number,
  marker?: string,
): string {
  const data = join(dir, `${name}.requests`);
  writeFileSync(data, requests.join("\u001e"));
  const path = join(dir, `${name}.lua`);
  writeFileSync(
    path,
    `local requests = {}
local index = 0
${NUMBER_THREADS}function init(args)
  local file = io.open("${data}", "rb")
  local all = file:read("*a")
  file:close()
  for chunk in string.gmatch(all, "([^\\30]+)") do table.insert(requests, chunk) end
  index = id
end
function request()
  index = index + ${threads}
  return requests[(index - 1) % #requests + 1]
end
${marker === undefined ? "" : countReplies(marker)}`,
  );
  return path;
}
