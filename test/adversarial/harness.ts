/**
 * What the adversarial suites share: a Worker serving bots on all three
 * platforms at once (Discord with a key pair made per file), raw signed
 * requests for each platform, what a delivery stored (nothing for a rejected
 * one, at most one delivery's rows for a handled one), and a few fast-check
 * arbitraries for hostile input.
 */
import fc from "fast-check";
import { beforeAll, beforeEach, type MockInstance, vi } from "vitest";
import { concierge } from "../../bots/concierge/index.ts";
import { echoBot } from "../../bots/echo/index.ts";
import { createApp } from "../../src/app.ts";
import type { Bot } from "../../src/core/intent.ts";
import type { Timer } from "../../src/core/timer.ts";
import type { Env } from "../../src/env.ts";
import { platforms } from "../../src/platforms/index.ts";
import { stubNews, stubOpenMeteo } from "../bots/concierge/apis.ts";
import { type KeyPair, newKeyPair, nowSeconds, sign as signDiscord } from "../support/discord.ts";
import { interceptFetch, type Outbound } from "../support/outbound.ts";
import { type RowCounts, rowCounts } from "../support/rows.ts";
import { sign as signSlack } from "../support/slack.ts";
import { BOT_ID } from "../support/telegram.ts";
import { unlimited } from "../support/time.ts";
import { type Call, callThrough, testEnv } from "../support/worker.ts";

export const DISCORD_APPLICATION_ID = "1100000000000000001";

export interface HarnessOptions {
  /** The bots served (the deployment's own two by default). */
  readonly bots?: readonly Bot[];
  /**
   * The per-user rate limiter of wrangler.toml. Off for tests that flood one
   * user on purpose to check state, not limits.
   */
  readonly floodControl?: boolean;
  /** A last change to the environment, e.g. a D1 binding that fails. */
  readonly env?: (env: Env) => Env;
  /** Counts out inline budgets and suggestion timeouts; by default they never run out. */
  readonly timer?: Timer;
}

export interface SignedOptions {
  readonly bot?: string;
  /** Seconds since the epoch; now by default. */
  readonly timestamp?: number | string;
  /** Sent instead of the right signature or secret; null sends none. */
  readonly signature?: string | null;
  /** Sent instead of the usual headers (the same ones spelled in other cases, say). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Harness {
  readonly env: Env;
  readonly keys: KeyPair;
  /** Calls the Worker and returns as soon as it has answered. */
  call(request: Request): Promise<Call>;
  /** Calls the Worker and waits for everything it left to do. */
  deliver(request: Request): Promise<Response>;
  /** Bodies are sent as given: a string as UTF-8, bytes as they are (not UTF-8, say). */
  telegram(body: string | Uint8Array, options?: SignedOptions): Request;
  discord(body: string | Uint8Array, options?: SignedOptions): Promise<Request>;
  slack(body: string | Uint8Array, contentType: string, options?: SignedOptions): Promise<Request>;
}

/**
 * The secrets of the `index`-th bot, under its own prefix. They replace
 * whatever the test environment holds (a developer's .dev.vars included),
 * so that requests here are signed with what the Worker checks against.
 */
function secretsFor(bot: Bot, index: number, keys: KeyPair): Record<string, string> {
  const values = {
    // The first bot's Telegram id is the one test/support/telegram.ts replies as.
    TELEGRAM_BOT_TOKEN: `${BOT_ID + index}:${bot.name}-telegram-token`,
    TELEGRAM_WEBHOOK_SECRET: `${bot.name}-webhook-secret`,
    DISCORD_APPLICATION_ID,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_BOT_TOKEN: `${bot.name}-discord-token`,
    SLACK_SIGNING_SECRET: `${bot.name}-slack-signing-secret`,
    SLACK_BOT_TOKEN: `xoxb-${bot.name}-token`,
  };
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`${bot.secretPrefix}${name}`, value]));
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const bots = options.bots ?? [concierge, echoBot];
  const keys = await newKeyPair();
  const registry = { bots: Object.fromEntries(bots.map((bot) => [bot.name, bot])), platforms };
  const app = createApp(registry, { timer: options.timer ?? unlimited });
  const secrets: Record<string, string> = Object.assign({}, ...bots.map((bot, index) => secretsFor(bot, index, keys)));
  const base: Record<string, unknown> = { ...testEnv, ...secrets };
  if (options.floodControl === false) delete base.RATE_LIMITER;
  const env = options.env ? options.env(base as Env) : (base as Env);
  const botNamed = (name: string | undefined): Bot => {
    const bot = name === undefined ? bots[0] : bots.find((candidate) => candidate.name === name);
    if (!bot) throw new Error(`No bot ${name} in this harness`);
    return bot;
  };
  const secret = (bot: Bot, name: string): string => secrets[`${bot.secretPrefix}${name}`] ?? "";
  const url = (platform: string, bot: Bot) => `https://parley.test/webhooks/${platform}/${bot.name}`;

  const call = (request: Request): Promise<Call> => callThrough(app.fetch, request, env);

  return {
    env,
    keys,
    call,
    async deliver(request) {
      const { response, settled } = await call(request);
      await settled;
      return response;
    },
    telegram(body, signed = {}) {
      const bot = botNamed(signed.bot);
      const headers: Record<string, string> = { "content-type": "application/json" };
      const token = signed.signature === undefined ? secret(bot, "TELEGRAM_WEBHOOK_SECRET") : signed.signature;
      if (token !== null) headers["x-telegram-bot-api-secret-token"] = token;
      return new Request(url("telegram", bot), {
        method: "POST",
        headers: signed.headers ?? headers,
        body,
      });
    },
    async discord(body, signed = {}) {
      const bot = botNamed(signed.bot);
      const timestamp = String(signed.timestamp ?? nowSeconds());
      const signature =
        signed.signature === undefined ? await signDiscord(keys.privateKey, timestamp, body) : signed.signature;
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-signature-timestamp": timestamp,
      };
      if (signature !== null) headers["x-signature-ed25519"] = signature;
      return new Request(url("discord", bot), {
        method: "POST",
        headers: signed.headers ?? headers,
        body,
      });
    },
    async slack(body, contentType, signed = {}) {
      const bot = botNamed(signed.bot);
      const timestamp = String(signed.timestamp ?? nowSeconds());
      const signature =
        signed.signature === undefined
          ? await signSlack(body, timestamp, secret(bot, "SLACK_SIGNING_SECRET"))
          : signed.signature;
      const headers: Record<string, string> = { "content-type": contentType, "x-slack-request-timestamp": timestamp };
      if (signature !== null) headers["x-slack-signature"] = signature;
      return new Request(url("slack", bot), {
        method: "POST",
        headers: signed.headers ?? headers,
        body,
      });
    },
  };
}

/** `name` with each letter's case flipped at random ("X-sIGNATURE-eD25519"). */
export function shuffleCase(name: string, random: () => number = Math.random): string {
  return [...name].map((char) => (random() < 0.5 ? char.toUpperCase() : char.toLowerCase())).join("");
}

/** Runs `tasks` at most `width` at a time, in order; returns their results in order. */
export async function inWaves<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    const wave = Array.from({ length: Math.min(width, count - start) }, (_, offset) => task(start + offset));
    results.push(...(await Promise.all(wave)));
  }
  return results;
}

// Hostile input

const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((code) => String.fromCharCode(code));

/** Printable ASCII: what a header value can carry. */
export const headerValue = (maxLength = 200) => fc.string({ unit: char(0x21, 0x7e), maxLength });

/** Unpaired UTF-16 surrogates: valid in a JSON string, not in UTF-8. */
const loneSurrogates = fc.string({ unit: char(0xd800, 0xdfff), minLength: 1, maxLength: 8 });

/** Values where a field's value should be: wrong types, odd numbers, and strings of every kind. */
const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ unit: "grapheme", maxLength: 64 }),
  loneSurrogates,
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.constantFrom(null, "", " ", "0", -1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308, true, [], {}, "/", "@", "\u0000"),
);

/** Text of every kind: any code point, whole graphemes, broken UTF-16, long. */
const strangeText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  loneSurrogates,
  fc.string({ minLength: 1_000, maxLength: 5_000 }),
);

/** What a user might write: strange text, alone or as the argument of one of the example bot's commands. */
export const userText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      "",
      "/start ",
      "/help ",
      "/todo add ",
      "/todo done ",
      "/weather ",
      "/remind in 5m ",
      "/news ",
      "help ",
    ),
    strangeText,
  )
  .map(([command, text]) => command + text)
  .filter((text) => text.trim() !== "");

/** Bodies that are not what any platform sends: any text, any JSON, truncated JSON. */
export const strangeBody: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value).slice(0, -1)),
  fc.constantFrom("", "{}", "[]", "null", "0", '""', "{", "\ufeff{}", "%7B%7D", "payload=", "payload=%7B"),
);

type Path = readonly (string | number)[];

/** Every path into `value`, the root included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [at];
  const children = Array.isArray(value) ? value.map((child, index) => [index, child] as const) : Object.entries(value);
  return [at, ...children.flatMap(([key, child]) => pathsOf(child, [...at, key]))];
}

interface Edit {
  readonly path: Path;
  readonly remove: boolean;
  readonly value: unknown;
}

function applyEdit(root: unknown, edit: Edit): unknown {
  if (edit.path.length === 0) return edit.value;
  let parent = root;
  for (const key of edit.path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return root;
    parent = (parent as Record<string | number, unknown>)[key];
  }
  if (parent === null || typeof parent !== "object") return root;
  const last = edit.path.at(-1) as string | number;
  // An earlier edit may have put an array where an object was: its `length` is no field to replace.
  if (Array.isArray(parent) && typeof last !== "number") return root;
  if (!edit.remove) (parent as Record<string | number, unknown>)[last] = edit.value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string | number, unknown>)[last];
  return root;
}

/**
 * A delivery made by one of `makers` with one to three fields removed or
 * replaced by a strange value: missing fields, wrong types, huge and odd
 * strings. The maker runs per sample, so ids stay fresh.
 */
export function mutated(makers: readonly (() => unknown)[]): fc.Arbitrary<unknown> {
  return fc.constantFrom(...makers).chain((make) => {
    const base = make();
    const edit = fc.record({ path: fc.constantFrom(...pathsOf(base)), remove: fc.boolean(), value: strangeValue });
    return fc
      .array(edit, { minLength: 1, maxLength: 3 })
      .map((edits) => edits.reduce(applyEdit, structuredClone(base)));
  });
}

/** What one delivery did, as the platform and an operator would see it. */
export interface Effect {
  readonly status: number;
  /** Whether any row of the bots' state appeared (a claim, a user, a chat, a reminder…). */
  readonly stored: boolean;
  readonly rows: { readonly before: RowCounts; readonly after: RowCounts };
  /** Outbound calls made while handling it (platform APIs, outside services). */
  readonly calls: number;
}

/** Delivers `request` and reports its effect; `calls` counts the intercepted fetches. */
export async function effectOf(
  harness: Harness,
  calls: { readonly length: number },
  request: Request,
): Promise<Effect> {
  const before = await rowCounts();
  const callsBefore = calls.length;
  const response = await harness.deliver(request);
  await response.body?.cancel();
  const after = await rowCounts();
  const stored = (Object.keys(before) as (keyof RowCounts)[]).some((table) => after[table] !== before[table]);
  return { status: response.status, stored, rows: { before, after }, calls: calls.length - callsBefore };
}

/** The most rows of each table one handled delivery of these suites adds: its claim, its user, conversation and chat. */
const ONE_DELIVERY: RowCounts = {
  events: 1,
  users: 1,
  conversations: 1,
  chats: 1,
  subscriptions: 0,
  reminders: 0,
  notices: 0,
};

/**
 * The tables where a delivery stored more than one valid delivery does
 * ("users +2"): at most its claim and the rows of its user, conversation and
 * chat, and without a claim nothing at all (an ignored update keeps nothing).
 */
export function excessRows(effect: Effect): string[] {
  const { before, after } = effect.rows;
  const claimed = after.events - before.events === 1;
  return (Object.keys(ONE_DELIVERY) as (keyof RowCounts)[])
    .filter((table) => after[table] - before[table] > (claimed ? ONE_DELIVERY[table] : 0))
    .map((table) => `${table} +${after[table] - before[table]}`);
}

/**
 * Every outside API answering as the real one would (the platform's through
 * `platformApi`), so nothing has a reason to log an error, and the logs muted
 * with the error log kept for assertions.
 */
export function quietStubs(platformApi: (outbound: Outbound) => Outbound): {
  outbound: Outbound;
  errors: MockInstance;
} {
  const outbound = stubNews(stubOpenMeteo(platformApi(interceptFetch())));
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "info").mockImplementation(() => {});
  return { outbound, errors };
}

/** Runs per property: enough to meet odd input, few enough for a busy machine. */
export const RUNS = { numRuns: 150 };

/** What a platform's property suite works with; read inside tests, once the hooks have run. */
export interface PropertySuite {
  readonly harness: Harness;
  readonly outbound: Outbound;
  readonly errors: MockInstance;
}

/**
 * The setup every platform's property suite shares: one harness for the
 * file, and before each test quiet stubs of every outside API (the
 * platform's through `platformApi`), with a fresh record of calls and errors.
 */
export function propertySuite(platformApi: (outbound: Outbound) => Outbound): PropertySuite {
  let harness: Harness | undefined;
  let stubs: { outbound: Outbound; errors: MockInstance } | undefined;
  beforeAll(async () => {
    harness = await createHarness();
  });
  beforeEach(() => {
    stubs = quietStubs(platformApi);
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The property suite is read before its hooks ran");
    return value;
  };
  return {
    get harness() {
      return ready(harness);
    },
    get outbound() {
      return ready(stubs).outbound;
    },
    get errors() {
      return ready(stubs).errors;
    },
  };
}
