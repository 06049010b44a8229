/** A Slack mention written by hand: HMAC check, D1 claim, chat.postMessage after the answer. */
import { claim, HELP, isWebhook, notFound, type PeerEnv, repeat } from "./claim.ts";

const encoder = new TextEncoder();
/** Slack's window for a request's timestamp. */
const MAX_AGE_SECONDS = 5 * 60;

/** The signing key, imported once per isolate. */
let signingKey: Promise<CryptoKey> | undefined;

function hexBytes(hex: string): Uint8Array {
  return new Uint8Array(hex.match(/../g)?.map((byte) => Number.parseInt(byte, 16)) ?? []);
}

async function signedBySlack(request: Request, body: string, secret: string): Promise<boolean> {
  const timestamp = request.headers.get("x-slack-request-timestamp");
  const signature = request.headers.get("x-slack-signature");
  if (!timestamp || !signature?.startsWith("v0=")) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  signingKey ??= crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  return crypto.subtle.verify(
    "HMAC",
    await signingKey,
    hexBytes(signature.slice(3)),
    encoder.encode(`v0:${timestamp}:${body}`),
  );
}

interface Envelope {
  readonly type: string;
  readonly challenge?: string;
  readonly event_id?: string;
  readonly event?: { readonly type: string; readonly channel: string; readonly ts: string };
}

async function postMessage(env: PeerEnv, channel: string, text: string): Promise<void> {
  const response = await fetch(`${env.SLACK_API_BASE}/chat.postMessage`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${env.SLACK_BOT_TOKEN}` },
    body: JSON.stringify({ channel, text }),
  });
  const answer = await response.json<{ ok: boolean }>();
  if (!answer.ok) throw new Error("chat.postMessage failed");
}

export default {
  async fetch(request, env, ctx) {
    if (!isWebhook(request, "slack")) return notFound();
    const body = await request.text();
    if (!(await signedBySlack(request, body, env.SLACK_SIGNING_SECRET)))
      return new Response("Unauthorized", { status: 401 });
    const envelope = JSON.parse(body) as Envelope;
    if (envelope.type === "url_verification") return new Response(envelope.challenge);
    if (!envelope.event_id || !(await claim(env.DB, "slack", envelope.event_id))) return repeat();
    if (envelope.event?.type === "app_mention") ctx.waitUntil(postMessage(env, envelope.event.channel, HELP));
    return new Response("ok");
  },
} satisfies ExportedHandler<PeerEnv>;
