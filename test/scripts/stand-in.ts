/**
 * A loopback stand-in for a platform's API or a Worker: it records every
 * request and answers as the test says, so that a test can assert exactly
 * which calls a command-line tool made.
 */
import { createServer } from "node:http";
import { close, headersOf, listen, readBody, reply } from "../../scripts/local/http.ts";

export interface RecordedCall {
  readonly method: string;
  /** The path and query, as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  /** JSON unless a string. */
  readonly body?: unknown;
}

export interface StandIn {
  readonly url: string;
  /** Every request since it started or was last reset, oldest first. */
  readonly calls: readonly RecordedCall[];
  reset(): void;
  close(): Promise<void>;
}

export async function startStandIn(answer: (call: RecordedCall) => Answer): Promise<StandIn> {
  const calls: RecordedCall[] = [];
  const server = createServer(async (request, response) => {
    const call = {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      headers: headersOf(request),
      body: await readBody(request),
    };
    calls.push(call);
    const { status, body } = answer(call);
    reply(response, status, body);
  });
  return {
    url: await listen(server, 0),
    calls,
    reset: () => calls.splice(0),
    close: () => close(server),
  };
}
