/**
 * Signed deliveries for the load benchmark, made before a run: wrk cannot
 * sign Ed25519 or HMAC, so Discord and Slack requests are written to a file
 * that its Lua script replays, each with its own delivery id.
 */
import { webcrypto } from "node:crypto";
import { USERS } from "./wrk.ts";

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => Buffer.from(bytes).toString("hex");

export const BENCH_SECRETS = {
  TELEGRAM_BOT_TOKEN: "1000:benchmark",
  TELEGRAM_WEBHOOK_SECRET: "benchmark-secret",
  DISCORD_APPLICATION_ID: "1100000000000000001",
  SLACK_SIGNING_SECRET: "benchmark-signing-secret",
  SLACK_BOT_TOKEN: "xoxb-benchmark",
} as const;

export interface DiscordKeys {
  readonly privateKey: webcrypto.CryptoKey;
  readonly publicKeyHex: string;
}

export async function discordKeys(): Promise<DiscordKeys> {
  const pair = (await webcrypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKeyHex: hex(await webcrypto.subtle.exportKey("raw", pair.publicKey)) };
}

/** A delivery as the platform would POST it to the Worker. */
export interface Delivery {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A raw HTTP/1.1 request, as wrk sends it. */
export function rawRequest({ path, headers, body }: Delivery): string {
  const lines = [`POST ${path} HTTP/1.1`, "Host: 127.0.0.1", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}

/** A Telegram message in a private chat, with the webhook's secret. */
export function telegramMessage(updateId: number, chatId: number, text: string): Delivery {
  const command = /^\/\w+/.exec(text)?.[0];
  return {
    path: "/webhooks/telegram/concierge",
    headers: {
      "Content-Type": "application/json",
      "X-Telegram-Bot-Api-Secret-Token": BENCH_SECRETS.TELEGRAM_WEBHOOK_SECRET,
    },
    body: JSON.stringify({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: 0,
        chat: { id: chatId, type: "private" },
        from: { id: chatId, is_bot: false, first_name: "Bench" },
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    }),
  };
}

/** `/help` as a Discord slash command, from one of `USERS` users, signed now. */
export async function discordHelp(keys: DiscordKeys, index: number): Promise<Delivery> {
  const id = String(1_300_000_000_000_000_000n + BigInt(index));
  const user = {
    id: String(700_000_000_000_000_000n + BigInt(index % USERS)),
    username: "bench",
    global_name: "Bench",
  };
  const body = JSON.stringify({
    id,
    application_id: BENCH_SECRETS.DISCORD_APPLICATION_ID,
    token: `token-${id}`,
    version: 1,
    type: 2,
    channel_id: "300000000000000001",
    guild_id: "200000000000000001",
    member: { user, roles: [] },
    channel: { id: "300000000000000001", type: 0 },
    data: { id: "1200000000000000001", name: "help", type: 1 },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = hex(
    await webcrypto.subtle.sign({ name: "Ed25519" }, keys.privateKey, encoder.encode(timestamp + body)),
  );
  return {
    path: "/webhooks/discord/concierge",
    headers: {
      "Content-Type": "application/json",
      "X-Signature-Ed25519": signature,
      "X-Signature-Timestamp": timestamp,
    },
    body,
  };
}

let slackKey: webcrypto.CryptoKey | undefined;

/** An `@concierge help` mention in a channel, from one of `USERS` users, signed now. */
export async function slackMention(index: number): Promise<Delivery> {
  slackKey ??= await webcrypto.subtle.importKey(
    "raw",
    encoder.encode(BENCH_SECRETS.SLACK_SIGNING_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const ts = `1700000000.${String(index).padStart(6, "0")}`;
  const body = JSON.stringify({
    team_id: "T0BENCH",
    api_app_id: "A0BENCH",
    type: "event_callback",
    event_id: `Ev${index}`,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: "T0BENCH", user_id: "U0BOT", is_bot: true }],
    event: {
      type: "app_mention",
      user: `U${index % USERS}`,
      text: "<@U0BOT> help",
      ts,
      channel: "C0BENCH",
      event_ts: ts,
    },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = hex(await webcrypto.subtle.sign("HMAC", slackKey, encoder.encode(`v0:${timestamp}:${body}`)));
  return {
    path: "/webhooks/slack/concierge",
    headers: {
      "Content-Type": "application/json",
      "X-Slack-Signature": `v0=${signature}`,
      "X-Slack-Request-Timestamp": timestamp,
    },
    body,
  };
}
