/**
 * Intercepts the Worker's outbound fetches (it runs in the test's isolate):
 * every call is recorded, and answered by the first matching route or 404.
 */
import { vi } from "vitest";
import type { Gate } from "./time.ts";

export interface OutboundCall {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string;
  /** The body parsed as JSON, or undefined. */
  readonly json: unknown;
  /** The body parsed as a form, when it is one (multipart or URL-encoded), or undefined. */
  readonly form: FormData | undefined;
}

export type Responder = (call: OutboundCall) => Response | Promise<Response>;

export interface Outbound {
  readonly calls: OutboundCall[];
  /** Answers requests whose URL starts with `prefix` (checked in the order added). */
  on(prefix: string, responder: Responder): Outbound;
  /** Calls whose URL contains `fragment`. */
  to(fragment: string): OutboundCall[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const FORMS = /^(multipart\/form-data|application\/x-www-form-urlencoded)/i;

/** The body as a form, parsed by the runtime as a platform's server would. */
async function parseForm(bytes: ArrayBuffer, headers: Headers): Promise<FormData | undefined> {
  const type = headers.get("content-type") ?? "";
  return FORMS.test(type) ? new Response(bytes, { headers: { "content-type": type } }).formData() : undefined;
}

export function interceptFetch(): Outbound {
  const routes: [string, Responder][] = [];
  const calls: OutboundCall[] = [];
  const outbound: Outbound = {
    calls,
    on(prefix, responder) {
      routes.push([prefix, responder]);
      return outbound;
    },
    to(fragment) {
      return calls.filter((call) => call.url.href.includes(fragment));
    },
  };
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const bytes = await request.arrayBuffer();
    const body = new TextDecoder().decode(bytes);
    const call: OutboundCall = {
      url: new URL(request.url),
      method: request.method,
      headers: request.headers,
      body,
      json: parseJson(body),
      form: await parseForm(bytes, request.headers),
    };
    calls.push(call);
    const route = routes.find(([prefix]) => request.url.startsWith(prefix));
    if (!route) return new Response("no stub for this URL", { status: 404 });
    // Honour aborts (timeouts) like a real fetch would.
    return new Promise<Response>((resolve, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason));
      Promise.resolve(route[1](call)).then(resolve, reject);
    });
  });
  return outbound;
}

/** A responder that never answers, for timeouts. */
export const hang: Responder = () => new Promise<Response>(() => {});

/** A responder that answers as `answer` does, but not before `gate` is open. */
export function after(gate: Gate, answer: Responder): Responder {
  return async (call) => {
    await gate.opened;
    return answer(call);
  };
}

/** A responder that answers as `answer` does after `ms` of real time (for the real-time tests alone). */
export function delayed(ms: number, answer: Responder): Responder {
  return async (call) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return answer(call);
  };
}
