/** The few things the local servers do with HTTP messages, done one way. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export const LOOPBACK = "127.0.0.1";

/** The body's bytes: an upload's are not text. */
export function readBytes(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBytes(request)).toString("utf8");
}

/** Sends bytes as they are, as a file server would. */
export function replyBytes(response: ServerResponse, bytes: Uint8Array, mime: string): void {
  response.writeHead(200, { "content-type": mime, "content-length": String(bytes.byteLength) }).end(bytes);
}

/** Sends `body` as JSON, a string as text (or as `contentType`), undefined as nothing. */
export function reply(response: ServerResponse, status: number, body?: unknown, contentType?: string): void {
  if (body === undefined) {
    response.writeHead(status).end();
  } else if (typeof body === "string") {
    response.writeHead(status, { "content-type": `${contentType ?? "text/plain"}; charset=utf-8` }).end(body);
  } else {
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
}

/** The error for a port that is taken, saying what to do about it. */
function portTaken(port: number, error: Error): Error {
  const taken = "code" in error && error.code === "EADDRINUSE";
  return taken ? new Error(`Port ${port} is taken: is npm run dev running already? (--port moves it)`) : error;
}

/** Listens on loopback (port 0 picks a free one) and resolves to the server's base URL. */
export function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(portTaken(port, error)));
    server.listen(port, LOOPBACK, () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("The server has no TCP address"));
      else resolve(`http://${LOOPBACK}:${address.port}`);
    });
  });
}

/** Fails, saying what to do, when something listens on the port already. */
export async function ensureFree(port: number): Promise<void> {
  const probe = createServer();
  await listen(probe, port);
  await close(probe);
}

export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The request's headers with lower-case names and one value each. */
export function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
    ),
  );
}

/** The value of a JSON text, or undefined when it is not JSON: what a request says is checked after. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a start on a given port throws when another process bound that port first. */
export class PortTaken extends Error {
  constructor(port: number) {
    super(`Port ${port} was taken before the server could bind it`);
  }
}

const PORT_ATTEMPTS = 3;

/** A port nothing listens on at this moment: another process may bind it before the caller does. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server that must be told its port up front (and cannot report the
 * one it bound) on a free port, and again on another when `start` throws
 * `PortTaken` because something took that port between the pick and the bind.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === PORT_ATTEMPTS) throw error;
    }
  }
}
