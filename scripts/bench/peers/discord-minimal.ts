/** Discord `/help` written by hand: `verifyKey`, D1 claim, a type 4 answer in the response. */
import { type APIInteraction, InteractionResponseType, InteractionType } from "discord-api-types/v10";
import { verifyKey } from "discord-interactions";
import { claim, HELP, isWebhook, notFound, type PeerEnv, repeat } from "./claim.ts";

/** The public key, imported once per isolate. */
let publicKey: Promise<CryptoKey> | undefined;

function importKey(hex: string): Promise<CryptoKey> {
  const raw = new Uint8Array(hex.match(/../g)?.map((byte) => Number.parseInt(byte, 16)) ?? []);
  return crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
}

export default {
  async fetch(request, env) {
    if (!isWebhook(request, "discord")) return notFound();
    const signature = request.headers.get("x-signature-ed25519");
    const timestamp = request.headers.get("x-signature-timestamp");
    const body = await request.text();
    publicKey ??= importKey(env.DISCORD_PUBLIC_KEY);
    if (!signature || !timestamp || !(await verifyKey(body, signature, timestamp, await publicKey))) {
      return new Response("Bad request signature", { status: 401 });
    }
    const interaction = JSON.parse(body) as APIInteraction;
    if (interaction.type === InteractionType.Ping) return Response.json({ type: InteractionResponseType.Pong });
    if (!(await claim(env.DB, "discord", interaction.id))) return repeat();
    return Response.json({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: HELP } });
  },
} satisfies ExportedHandler<PeerEnv>;
