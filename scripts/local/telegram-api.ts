/**
 * A stand-in for the Telegram Bot API on loopback, for local development with
 * no token: it accepts every method, answers like Telegram does, and prints
 * the messages the bot sends.
 */
import { createServer, type Server } from "node:http";

const METHOD = /^\/telegram\/bot[^/]+\/(\w+)$/;

function resultFor(method: string, payload: Record<string, unknown>): unknown {
  if (method === "getMe") return { id: 1000, is_bot: true, first_name: "Parley", username: "parley_local_bot" };
  if (method === "sendMessage") {
    return {
      message_id: Date.now() % 1e9,
      date: Math.floor(Date.now() / 1000),
      chat: { id: payload.chat_id, type: "private" },
      text: payload.text,
    };
  }
  return true;
}

export function startTelegramStandIn(port: number, print: (line: string) => void): Server {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const method = METHOD.exec(request.url ?? "")?.[1];
      response.setHeader("content-type", "application/json");
      if (!method) {
        response.statusCode = 404;
        response.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
        return;
      }
      let payload: Record<string, unknown> = {};
      try {
        payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        // grammY sends JSON; anything else is answered as an empty call.
      }
      if (method === "sendMessage") print(`[telegram → chat ${String(payload.chat_id)}] ${String(payload.text)}`);
      response.end(JSON.stringify({ ok: true, result: resultFor(method, payload) }));
    });
  });
  server.listen(port, "127.0.0.1");
  return server;
}
