/**
 * A loopback stand-in for the platform and news APIs during benchmarks:
 * answers at once and counts every call, so that the Worker's own cost is
 * what gets measured and every message can be accounted for. Given a rate,
 * it limits Telegram's sendMessage as Telegram does: past the rate it
 * answers 429 with `retry_after`, and the message is not delivered.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubCounts {
  /** Calls per path kind: "telegram:sendMessage", "news:topstories", "news:item", … */
  readonly calls: Map<string, number>;
  /** Chat ids that received a Telegram message (answered 200), with how many each got. */
  readonly chats: Map<string, number>;
  /** sendMessage calls refused with 429 for going over the rate. */
  limited: number;
}

export interface StubOptions {
  /** Telegram messages a second the stub accepts (a bucket of one second's worth); unlimited without it. */
  readonly telegramRate?: number;
}

export interface Stub {
  readonly url: string;
  readonly counts: StubCounts;
  reset(): void;
  close(): Promise<void>;
}

/** The API base URLs of a Worker talking to this stub at `url`. */
export function stubSettings(url: string): Record<string, string> {
  return {
    TELEGRAM_API_BASE: `${url}/telegram`,
    DISCORD_API_BASE: `${url}/discord`,
    SLACK_API_BASE: `${url}/slack`,
    GEOCODING_API_BASE: `${url}/geocoding`,
    WEATHER_API_BASE: `${url}/weather`,
    FX_API_BASE: `${url}/fx`,
    NEWS_API_BASE: `${url}/news`,
  };
}

function kindOf(path: string): string {
  const telegram = /^\/telegram\/bot[^/]+\/(\w+)/.exec(path);
  if (telegram) return `telegram:${telegram[1]}`;
  if (path.startsWith("/news/topstories")) return "news:topstories";
  if (path.startsWith("/news/item/")) return "news:item";
  const other = /^\/(slack|discord|geocoding|weather|fx)\/([\w.]+)/.exec(path);
  if (other) return `${other[1]}:${other[2]}`;
  return `other:${path}`;
}

function answer(kind: string, path: string, body: string): unknown {
  if (kind === "news:topstories") return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  if (kind === "news:item") {
    const id = Number(/\/item\/(\d+)/.exec(path)?.[1]);
    return { id, title: `Story ${id}`, url: `https://example.net/${id}`, score: id };
  }
  if (kind === "geocoding:search")
    return { results: [{ name: "Berlin", latitude: 52.52, longitude: 13.41, country: "Germany" }] };
  if (kind === "weather:forecast") {
    return {
      current: {
        time: "2030-01-01T08:00",
        temperature_2m: 3.1,
        apparent_temperature: 0.4,
        relative_humidity_2m: 80,
        wind_speed_10m: 12,
        weather_code: 3,
      },
    };
  }
  if (kind === "fx:latest") return { amount: 1, base: "USD", date: "2030-01-01", rates: { EUR: 0.92 } };
  if (kind.startsWith("slack:")) return { ok: true, channel: "C0BENCH", ts: "1700000000.000001" };
  if (kind === "telegram:getMe") {
    return { ok: true, result: { id: 1000, is_bot: true, first_name: "Concierge", username: "concierge_bot" } };
  }
  if (kind === "telegram:sendMessage") {
    const payload = JSON.parse(body || "{}") as { chat_id?: string };
    return { ok: true, result: { message_id: 1, date: 0, chat: { id: Number(payload.chat_id), type: "private" } } };
  }
  return { ok: true, result: true };
}

/**
 * A token bucket of one second's worth of messages, refilled at `rate` a
 * second: a sender that keeps to the rate is never refused, one that goes
 * over it is, until it has waited. Returns the seconds to wait, or 0 to accept.
 */
function rateLimiter(rate: number): () => number {
  let tokens = rate;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(rate, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - tokens) / rate));
  };
}

export async function startStub(options: StubOptions = {}): Promise<Stub> {
  const counts: StubCounts = { calls: new Map(), chats: new Map(), limited: 0 };
  let limit = options.telegramRate === undefined ? () => 0 : rateLimiter(options.telegramRate);
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const path = request.url ?? "/";
      const kind = kindOf(path);
      counts.calls.set(kind, (counts.calls.get(kind) ?? 0) + 1);
      response.setHeader("content-type", "application/json");
      if (kind === "telegram:sendMessage") {
        const retryAfter = limit();
        if (retryAfter > 0) {
          counts.limited++;
          response.statusCode = 429;
          response.end(
            JSON.stringify({
              ok: false,
              error_code: 429,
              description: `Too Many Requests: retry after ${retryAfter}`,
              parameters: { retry_after: retryAfter },
            }),
          );
          return;
        }
        const chat = String((JSON.parse(body || "{}") as { chat_id?: string }).chat_id);
        counts.chats.set(chat, (counts.chats.get(chat) ?? 0) + 1);
      }
      response.end(JSON.stringify(answer(kind, path, body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    reset() {
      counts.calls.clear();
      counts.chats.clear();
      counts.limited = 0;
      if (options.telegramRate !== undefined) limit = rateLimiter(options.telegramRate);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
