/**
 * One loopback server for everything the Worker calls: each platform's API
 * under /telegram, /discord and /slack, the outside services under
 * /geocoding, /weather, /fx and /news, and a scripted stand-in for a
 * language model under /ai (tier 2). Every call shows in the traffic list
 * with the answer it got. `apiBases` says where the Worker should look.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { close, headersOf, listen, readBytes, reply, replyBytes } from "./http.ts";
import { parseMultipart } from "./multipart.ts";
import type { ApiAnswer, LocalPlatform } from "./platform.ts";
import { chatCompletions } from "./services/ai.ts";
import { news } from "./services/news.ts";
import { rates } from "./services/rates.ts";
import { geocoding, weather } from "./services/weather.ts";
import type { Session } from "./session.ts";

/** What a service stand-in is asked: the path below its prefix, the query and the body. */
interface ServiceRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
}

/** The outside services, by their path prefix, with the name the traffic list gives them. */
const SERVICES: Readonly<Record<string, { name: string; answer(request: ServiceRequest): ApiAnswer }>> = {
  geocoding: { name: "weather", answer: ({ path, query }) => geocoding(path, query) },
  weather: { name: "weather", answer: ({ path, query }) => weather(path, query) },
  fx: { name: "rates", answer: ({ path, query }) => rates(path, query) },
  news: { name: "news", answer: ({ path }) => news(path) },
  ai: { name: "ai", answer: ({ path, body }) => chatCompletions(path, body, Date.now()) },
};

/** Where the Worker finds the model stand-in: an OpenAI-compatible base URL. */
export function aiStandIn(url: string): string {
  return `${url}/ai/v1`;
}

/** The setting that points the Worker at each service's prefix. */
const SERVICE_SETTINGS: Readonly<Record<string, string>> = {
  geocoding: "GEOCODING_API_BASE",
  weather: "WEATHER_API_BASE",
  fx: "FX_API_BASE",
  news: "NEWS_API_BASE",
};

/** The real services' base URLs, as wrangler.toml's [vars] has them. */
function realServiceBases(): Record<string, string> {
  const config = readFileSync("wrangler.toml", "utf8");
  return Object.fromEntries(
    Object.values(SERVICE_SETTINGS).map((name) => {
      const value = new RegExp(`^${name} = "([^"]+)"$`, "m").exec(config)?.[1];
      if (!value) throw new Error(`wrangler.toml has no ${name}`);
      return [name, value];
    }),
  );
}

/**
 * Every `*_API_BASE` setting for a Worker that talks to the stand-ins at
 * `url`; with `realApis`, weather, rates and news go to the real services.
 */
export function apiBases(url: string, realApis: boolean): Record<string, string> {
  const services = realApis
    ? realServiceBases()
    : Object.fromEntries(Object.entries(SERVICE_SETTINGS).map(([prefix, name]) => [name, `${url}/${prefix}`]));
  return {
    TELEGRAM_API_BASE: `${url}/telegram`,
    DISCORD_API_BASE: `${url}/discord`,
    SLACK_API_BASE: `${url}/slack`,
    SLACK_OAUTH_BASE: `${url}/slack/oauth/v2`,
    ...services,
  };
}

export interface StandIns {
  readonly url: string;
  /** Routes the platform's API calls to it from now on. */
  attach(platform: LocalPlatform): void;
  close(): Promise<void>;
}

export async function startStandIns(port: number, session: Session): Promise<StandIns> {
  const platforms = new Map<string, LocalPlatform>();
  const server = createServer(async (request, response) => {
    const started = Date.now();
    const bytes = await readBytes(request);
    const url = new URL(request.url ?? "/", "http://stand-ins");
    const [, prefix = "", rest = ""] = /^\/([^/]+)(.*)$/.exec(url.pathname) ?? [];
    const headers = headersOf(request);
    const method = request.method ?? "GET";
    const form = parseMultipart(bytes, headers["content-type"]);
    const body = form ? describeForm(form) : bytes.toString("utf8");
    const platform = platforms.get(prefix);
    const service = SERVICES[prefix];
    const entryId = session.traffic.start({
      direction: "from-worker",
      source: platform?.name ?? service?.name ?? prefix,
      title: `${method} ${shortPath(rest)}${url.search}`,
      request: { method, url: `${url.pathname}${url.search}`, headers, body },
    });
    let answer: ApiAnswer;
    try {
      if (platform) {
        const call = { method, path: rest, query: url.searchParams, headers, body, bytes, ...(form ? { form } : {}) };
        answer = await platform.api(call);
      } else if (service) answer = service.answer({ path: rest, query: url.searchParams, body });
      else answer = { status: 404, body: "No stand-in here" };
    } catch (error) {
      answer = { status: 500, body: `The stand-in failed: ${String(error)}` };
    }
    const served = answer.body instanceof Uint8Array ? answer.body : undefined;
    const text = served
      ? `(${served.byteLength} bytes of ${answer.contentType ?? "a file"})`
      : answer.body === undefined
        ? ""
        : typeof answer.body === "string"
          ? answer.body
          : JSON.stringify(answer.body);
    session.traffic.finish(entryId, { status: answer.status, body: text, ms: Date.now() - started }, "answer");
    if (served) replyBytes(response, served, answer.contentType ?? "application/octet-stream");
    else reply(response, answer.status, answer.body, answer.contentType);
  });
  const url = await listen(server, port);
  return {
    url,
    attach(platform: LocalPlatform) {
      platforms.set(platform.name, platform);
    },
    close: () => close(server),
  };
}

/** A multipart body for the traffic list: each field's text, and each file's name, type and size. */
function describeForm(form: FormData): string {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) {
    fields[name] = typeof value === "string" ? value : `(file ${value.name}, ${value.type}, ${value.size} bytes)`;
  }
  return JSON.stringify(fields);
}

/** A call's path without the tokens in it, for the traffic list: "/sendMessage", "/webhooks/…/messages/@original". */
function shortPath(path: string): string {
  return path.replace(/^\/bot[^/]+\//, "/").replace(/^\/webhooks\/[^/]+\/[^/]+/, "/webhooks/…");
}
