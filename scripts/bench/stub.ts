/**
 * A loopback stand-in for the platform and news APIs during benchmarks:
 * answers at once and counts every call, so that the Worker's own cost is
 * what gets measured and every message can be accounted for.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubCounts {
  /** Calls per path kind: "telegram:sendMessage", "news:topstories", "news:item", … */
  readonly calls: Map<string, number>;
  /** Chat ids that received a Telegram message, with how many each got. */
  readonly chats: Map<string, number>;
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
  if (kind === "telegram:sendMessage") {
    const payload = JSON.parse(body || "{}") as { chat_id?: string };
    return { ok: true, result: { message_id: 1, date: 0, chat: { id: Number(payload.chat_id), type: "private" } } };
  }
  return { ok: true, result: true };
}

export async function startStub(): Promise<Stub> {
  const counts: StubCounts = { calls: new Map(), chats: new Map() };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const path = request.url ?? "/";
      const kind = kindOf(path);
      counts.calls.set(kind, (counts.calls.get(kind) ?? 0) + 1);
      if (kind === "telegram:sendMessage") {
        const chat = String((JSON.parse(body || "{}") as { chat_id?: string }).chat_id);
        counts.chats.set(chat, (counts.chats.get(chat) ?? 0) + 1);
      }
      response.setHeader("content-type", "application/json");
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
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
