/**
 * The front door of the local stack, on the port people know (8787): the
 * chat page at /dev, its API under /dev/api, and everything else passed
 * through to the Worker, so that `curl localhost:8787/webhooks/…` reaches
 * it as before. Only `npm run dev` has a /dev: the Worker itself has none.
 */
import { readFile } from "node:fs/promises";
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { close, listen, parseJson, readBody, reply, replyBytes } from "./http.ts";
import type { Action, ActionResult } from "./protocol.ts";
import type { Session } from "./session.ts";

const PAGE = new URL("./page/", import.meta.url);

const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  "/dev": { file: "index.html", type: "text/html; charset=utf-8" },
  "/dev/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/dev/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/dev/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

const Platform = z.enum(["telegram", "discord", "slack"]);

const ActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("say"), platform: Platform, text: z.string().min(1).max(4000) }),
  z.object({
    kind: z.literal("upload"),
    platform: Platform,
    name: z.string().min(1).max(255),
    mime: z.string().max(255),
    data: z.base64(),
    caption: z.string().max(4000),
  }),
  z.object({
    kind: z.literal("pick"),
    platform: Platform,
    messageId: z.string(),
    selectId: z.string(),
    value: z.string(),
  }),
  z.object({ kind: z.literal("message-action"), platform: Platform, messageId: z.string(), actionId: z.string() }),
  z.object({ kind: z.literal("press"), platform: Platform, messageId: z.string(), buttonId: z.string() }),
  z.object({
    kind: z.literal("submit"),
    platform: Platform,
    formId: z.string(),
    values: z.record(z.string(), z.string()),
  }),
  z.object({
    kind: z.literal("switch-channel"),
    platform: Platform,
    workspace: z.string(),
    channel: z.string().optional(),
  }),
  z.object({ kind: z.literal("tick"), time: z.number().int().nonnegative() }),
]) satisfies z.ZodType<Action>;

export interface PageServerOptions {
  readonly port: number;
  readonly worker: string;
  readonly session: Session;
  act(action: Action): Promise<ActionResult>;
}

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A stream of snapshots: one at once, then one after every change. */
function events(response: ServerResponse, session: Session): void {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = () => response.write(`data: ${JSON.stringify(session.snapshot())}\n\n`);
  send();
  const stop = session.onChange(send);
  response.on("close", stop);
}

/** The answer to `POST /dev/api/action`. */
async function action(
  request: IncomingMessage,
  options: PageServerOptions,
): Promise<{ status: number; body: unknown }> {
  // A JSON content type cannot be sent cross-site without a preflight, so other web pages cannot act here.
  if (!request.headers["content-type"]?.startsWith("application/json")) return { status: 415, body: "JSON only" };
  const parsed = ActionSchema.safeParse(parseJson(await readBody(request)));
  if (!parsed.success) return { status: 400, body: { error: parsed.error.issues[0]?.message ?? "Not an action" } };
  return { status: 200, body: await options.act(parsed.data) };
}

function passThrough(request: IncomingMessage, response: ServerResponse, worker: URL): void {
  const upstream = forward(
    { host: worker.hostname, port: worker.port, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", () => reply(response, 502, "The Worker is not answering"));
  request.pipe(upstream);
}

export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const worker = new URL(options.worker);
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://page").pathname;
    const file = FILES[path];
    try {
      if (request.method === "GET" && file) {
        // Read on every request, so that an edit to the page shows on reload.
        const content = await readFile(new URL(file.file, PAGE));
        response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(content);
      } else if (request.method === "GET" && path.startsWith("/dev/files/")) {
        const [, , , id = "", name = ""] = path.split("/");
        const stored = options.session.files.get(id);
        if (stored && encodeURIComponent(stored.name) === name) replyBytes(response, stored.bytes, stored.mime);
        else reply(response, 404, "No such file");
      } else if (request.method === "GET" && path === "/dev/api/snapshot") {
        reply(response, 200, options.session.snapshot());
      } else if (request.method === "GET" && path === "/dev/api/events") {
        events(response, options.session);
      } else if (request.method === "POST" && path === "/dev/api/action") {
        const answer = await action(request, options);
        reply(response, answer.status, answer.body);
      } else {
        passThrough(request, response, worker);
      }
    } catch (error) {
      console.error(error);
      if (!response.headersSent) reply(response, 500, "The dev server failed; see its terminal");
    }
  });
  const url = await listen(server, options.port);
  return { url, close: () => close(server) };
}
