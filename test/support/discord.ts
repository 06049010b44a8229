/**
 * Discord's side of the tests: a real Ed25519 key pair made per test file, a
 * Worker that knows its public key, signed interactions, and readers for what
 * the Worker answered or sent to the API.
 */
import { concierge } from "../../bots/concierge/index.ts";
import { createApp } from "../../src/app.ts";
import type { Bot } from "../../src/core/intent.ts";
import type { Timer } from "../../src/core/timer.ts";
import type { Env } from "../../src/env.ts";
import { platforms } from "../../src/platforms/index.ts";
import type { Outbound, OutboundCall } from "./outbound.ts";
import { unlimited } from "./time.ts";
import { callThrough, testEnv } from "./worker.ts";

export const DISCORD_API = "https://discord.com/api/v10";
const APPLICATION_ID = "1100000000000000001";
export const BOT_TOKEN = "discord-test-bot-token";
const GUILD_ID = "200000000000000001";

/** Interaction response types and flags, spelled out so the tests read what Discord receives. */
export const PONG = 1;
export const MESSAGE = 4;
export const DEFERRED_MESSAGE = 5;
export const DEFERRED_UPDATE = 6;
export const UPDATE_MESSAGE = 7;
export const AUTOCOMPLETE_RESULT = 8;
export const MODAL = 9;
export const EPHEMERAL = 64;

export interface KeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKeyHex: string;
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function newKeyPair(): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const raw = (await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer;
  return { privateKey: pair.privateKey, publicKeyHex: hex(raw) };
}

/** Discord's signature over the timestamp followed by the body's bytes (a string is sent as UTF-8). */
export async function sign(privateKey: CryptoKey, timestamp: string, body: string | Uint8Array): Promise<string> {
  const encoder = new TextEncoder();
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const message = new Uint8Array([...encoder.encode(timestamp), ...bytes]);
  return hex(await crypto.subtle.sign({ name: "Ed25519" }, privateKey, message));
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The environment of a Worker whose bots are all on Discord with `keys`, with `settings` on top. */
export function discordEnv(
  keys: KeyPair,
  bots: readonly Bot[] = [concierge],
  settings: Readonly<Record<string, unknown>> = {},
): Env {
  const secrets = bots.flatMap((bot) => [
    [`${bot.secretPrefix}DISCORD_APPLICATION_ID`, APPLICATION_ID],
    [`${bot.secretPrefix}DISCORD_PUBLIC_KEY`, keys.publicKeyHex],
    [`${bot.secretPrefix}DISCORD_BOT_TOKEN`, BOT_TOKEN],
  ]);
  return { ...testEnv, ...Object.fromEntries(secrets), ...settings } as Env;
}

export interface SendOptions {
  /** Seconds since the epoch; now by default. */
  readonly timestamp?: number;
  /** Signs with this key instead of the Worker's. */
  readonly signWith?: CryptoKey;
  /** Sent instead of the signed body (a tampered delivery). */
  readonly body?: string;
  readonly signature?: string | null;
  readonly bot?: string;
}

/** What the Worker answered: the status and, for a 200, the interaction response. */
export interface Answer {
  readonly status: number;
  readonly type?: number;
  readonly data?: InteractionData;
}

/** The parts of a response's or message's `data` the tests read. */
interface InteractionData {
  readonly content?: string;
  readonly flags?: number;
  readonly components?: { components: { custom_id?: string; label?: string; style?: number }[] }[];
  readonly choices?: { name: string; value: string | number }[];
  readonly title?: string;
  readonly custom_id?: string;
}

/** The Worker's answer to an interaction, and the work it left in `waitUntil` (to await after reading the answer). */
export interface Started {
  readonly answer: Answer;
  readonly settled: Promise<void>;
}

/** `interaction` as Discord sends it (to the concierge by default), signed with `keys` unless `options` say otherwise. */
export async function interactionRequest(
  keys: KeyPair,
  interaction: unknown,
  options: SendOptions = {},
): Promise<Request> {
  const signed = JSON.stringify(interaction);
  const timestamp = String(options.timestamp ?? nowSeconds());
  const signature =
    options.signature === undefined
      ? await sign(options.signWith ?? keys.privateKey, timestamp, signed)
      : options.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-signature-timestamp": timestamp,
  };
  if (signature !== null) headers["x-signature-ed25519"] = signature;
  return new Request(`https://parley.test/webhooks/discord/${options.bot ?? concierge.name}`, {
    method: "POST",
    headers,
    body: options.body ?? signed,
  });
}

/**
 * A Worker around `bots` (the concierge by default) that trusts `keys`, with
 * `timer` counting out its inline budget and suggestion timeout (by default
 * they never run out, so a handler that finishes answers inline), and
 * `settings` replacing bindings of the test environment (a limiter of its own).
 */
export function discordWorker(
  keys: KeyPair,
  bots: readonly Bot[] = [concierge],
  timer: Timer = unlimited,
  settings: Readonly<Record<string, unknown>> = {},
) {
  const app = createApp({ bots: Object.fromEntries(bots.map((bot) => [bot.name, bot])), platforms }, { timer });
  const env = discordEnv(keys, bots, settings);
  /** Sends `interaction` and returns as soon as the Worker has answered. */
  async function start(interaction: unknown, options: SendOptions = {}): Promise<Started> {
    const request = await interactionRequest(keys, interaction, { bot: bots[0]?.name, ...options });
    const { response, settled } = await callThrough(app.fetch, request, env);
    if (response.status !== 200) return { answer: { status: response.status }, settled };
    const json = (await response.json()) as { type: number; data?: InteractionData };
    return { answer: { status: 200, type: json.type, ...(json.data ? { data: json.data } : {}) }, settled };
  }
  return {
    start,
    /** Sends `interaction` and waits for everything the Worker left to do. */
    async send(interaction: unknown, options: SendOptions = {}): Promise<Answer> {
      const { answer, settled } = await start(interaction, options);
      await settled;
      return answer;
    },
  };
}

let nextId = 1;
const freshId = (): string => String(1_300_000_000_000_000_000n + BigInt(nextId++));

interface Who {
  readonly userId?: string;
  /** In a server channel (the default) or a DM with the bot. */
  readonly dm?: boolean;
  /** The language of the user's Discord client (`locale`), and of the server (`guild_locale`, in a server only). */
  readonly locale?: string;
  readonly guildLocale?: string;
  /** The member's permissions in the channel, as Discord sends them (a decimal bit set; in a server only). */
  readonly permissions?: string;
}

function context(who: Who) {
  const id = freshId();
  const user = { id: who.userId ?? "700000000000000001", username: "ann", global_name: "Ann", discriminator: "0" };
  const channelId = who.dm ? `dm-${user.id}` : "300000000000000001";
  return {
    id,
    application_id: APPLICATION_ID,
    token: `interaction-token-${id}`,
    version: 1,
    channel_id: channelId,
    ...(who.locale ? { locale: who.locale } : {}),
    ...(who.guildLocale && !who.dm ? { guild_locale: who.guildLocale } : {}),
    ...(who.dm
      ? { user, channel: { id: channelId, type: 1 } }
      : {
          guild_id: GUILD_ID,
          member: { user, nick: null, roles: [], ...(who.permissions ? { permissions: who.permissions } : {}) },
          channel: { id: channelId, type: 0, name: "general" },
        }),
  };
}

type OptionValue = string | number;

/** The option being typed into, and its declared type (what is typed so far always comes as a string). */
interface Focus {
  readonly name: string;
  readonly type: number;
}

function optionsOf(values: Readonly<Record<string, OptionValue>>, focused?: Focus) {
  return Object.entries(values).map(([name, value]) =>
    name === focused?.name
      ? { name, type: focused.type, value, focused: true }
      : { name, type: typeof value === "string" ? 3 : Number.isInteger(value) ? 4 : 10, value },
  );
}

function commandData(
  name: string,
  values: Readonly<Record<string, OptionValue>>,
  subcommand?: string,
  focused?: Focus,
) {
  const options = optionsOf(values, focused);
  return {
    id: "1200000000000000001",
    name,
    type: 1,
    options: subcommand ? [{ name: subcommand, type: 1, options }] : options,
  };
}

export function ping() {
  return { id: freshId(), application_id: APPLICATION_ID, type: 1, token: "ping-token", version: 1 };
}

export function slashCommand(
  name: string,
  values: Readonly<Record<string, OptionValue>> = {},
  who: Who & { subcommand?: string } = {},
) {
  return { ...context(who), type: 2, data: commandData(name, values, who.subcommand) };
}

/** A message command (`name` in a message's Apps menu) used on the message `target` of the interaction's channel. */
export function messageCommand(name: string, target: { id: string; content: string }, who: Who = {}) {
  const base = context(who);
  const message = { ...target, channel_id: base.channel_id, author: { id: "700000000000000009", username: "bea" } };
  return {
    ...base,
    type: 2,
    data: {
      id: "1200000000000000002",
      name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: message } },
    },
  };
}

/** A user typing into option `focused` (a string option unless `focusedType` says otherwise). */
export function autocomplete(
  name: string,
  values: Readonly<Record<string, OptionValue>>,
  focused: string,
  who: Who & { subcommand?: string; focusedType?: number } = {},
) {
  const focus = { name: focused, type: who.focusedType ?? 3 };
  return { ...context(who), type: 4, data: commandData(name, values, who.subcommand, focus) };
}

/** The message a component sits on: made by an interaction of `owner`, or by the bot unprompted. */
function message(owner: string | undefined) {
  return {
    id: "1400000000000000001",
    channel_id: "300000000000000001",
    content: "…",
    ...(owner ? { interaction_metadata: { id: "1", type: 2, user: { id: owner, username: "owner" } } } : {}),
  };
}

export function buttonPress(customId: string, who: Who & { messageOwner?: string } = {}) {
  const owner = "messageOwner" in who ? who.messageOwner : (who.userId ?? "700000000000000001");
  return { ...context(who), type: 3, data: { custom_id: customId, component_type: 2 }, message: message(owner) };
}

/** A pick of `value` from the bot's select of choices on a message. */
export function selectPick(value: string, who: Who & { messageOwner?: string } = {}) {
  const owner = "messageOwner" in who ? who.messageOwner : (who.userId ?? "700000000000000001");
  return {
    ...context(who),
    type: 3,
    data: { custom_id: "choose", component_type: 3, values: [value] },
    message: message(owner),
  };
}

export function modalSubmit(value: string, who: Who & { onMessageOf?: string } = {}) {
  return {
    ...context(who),
    type: 5,
    data: {
      custom_id: "answer",
      components: [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: "answer", value } }],
    },
    ...(who.onMessageOf ? { message: message(who.onMessageOf) } : {}),
  };
}

/** A submission of the form modal `customId`, a Label with a text input per field (as Discord sends them). */
export function formSubmit(
  customId: string,
  values: Readonly<Record<string, string>>,
  who: Who & { onMessageOf?: string } = {},
) {
  const components = Object.entries(values).map(([name, value], index) => ({
    type: 18,
    id: 2 * index + 1,
    component: { type: 4, id: 2 * index + 2, custom_id: name, value },
  }));
  return {
    ...context(who),
    type: 5,
    data: { custom_id: customId, components },
    ...(who.onMessageOf ? { message: message(who.onMessageOf) } : {}),
  };
}

/** Discord's answers to message calls: every call succeeds. */
export function stubDiscordApi(outbound: Outbound): Outbound {
  return outbound.on(DISCORD_API, () =>
    Response.json({ id: "1500000000000000001", channel_id: "300000000000000001", content: "" }),
  );
}

/** The messages sent through the interaction webhook or to channels, with the method that sent them. */
export function sentToDiscord(
  outbound: Outbound,
): { method: string; path: string; data: InteractionData; call: OutboundCall }[] {
  return outbound.to(DISCORD_API).map((call) => ({
    method: call.method,
    path: call.url.pathname.replace("/api/v10", ""),
    data: call.json as InteractionData,
    call,
  }));
}

/** The button custom_ids of a message, row by row. */
export function buttonIds(data: InteractionData | undefined): (string | undefined)[][] {
  return (data?.components ?? []).map((row) => row.components.map((component) => component.custom_id));
}
