/**
 * Slack's Web API and response URLs, with plain `fetch`.
 *
 * Why not `slack-web-api-client`: Parley calls a handful of Web API methods
 * (posting, editing, reacting, uploading) and posts to response URLs; a
 * typed client for the whole API would add bundle weight on Workers (the
 * project keeps the Worker under 100 KB gzip) for those, and would bring its own retry policy
 * where Parley's (`../retry.ts`) must apply. Going through `env.fetch` also
 * counts every call into the delivery's trace.
 */
import * as z from "zod";
import { importSealKey } from "../../lib/seal.ts";
import { sleep } from "../../lib/sleep.ts";
import type { AdapterEnv } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { isTransient, retryDelayMs } from "../retry.ts";

export const SIGNING_SECRET = "SLACK_SIGNING_SECRET";
export const TOKEN = "SLACK_BOT_TOKEN";
/** Optional: the user who installed the single-workspace app (`SLACK_BOT_TOKEN`); OAuth installs record theirs. */
export const INSTALLER_ID = "SLACK_INSTALLER_ID";
/** The Slack app's OAuth credentials, for installs into many workspaces (`src/installs/slack.ts`). */
export const CLIENT_ID = "SLACK_CLIENT_ID";
export const CLIENT_SECRET = "SLACK_CLIENT_SECRET";
/** 32 bytes in base64: the AES-GCM key installations' bot tokens are sealed with. */
export const TOKEN_KEY = "INSTALL_ENCRYPTION_KEY";

const TIMEOUT_MS = 10_000;

/** `SLACK_API_BASE`'s default. */
const API_BASE = "https://slack.com/api";
/** Where Slack's own response URLs live. */
const RESPONSE_URL_ORIGIN = "https://hooks.slack.com";
/** Where Slack serves shared files (to the bot token). */
const FILES_ORIGIN = "https://files.slack.com";

/**
 * Slack's answers that mean this conversation cannot be written to again
 * without someone acting: it is gone, archived, the bot was removed, the
 * user left. Any other refusal may pass.
 */
const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "user_not_found",
]);

/** Slack answers HTTP 200 for most failures and says so in the body. */
const ApiResult = z.object({ ok: z.boolean(), error: z.string().optional() });

/** `Retry-After` is whole seconds on Slack. */
function retryAfterSeconds(response: Response): number | undefined {
  const seconds = Number(response.headers.get("retry-after") ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** A request body: JSON, or form fields (the methods of Slack's file uploads take only those). */
type Body = { readonly json: unknown } | { readonly form: Readonly<Record<string, string>> };

function encoded(body: Body): { contentType: string; text: string } {
  return "json" in body
    ? { contentType: "application/json; charset=utf-8", text: JSON.stringify(body.json) }
    : { contentType: "application/x-www-form-urlencoded", text: new URLSearchParams(body.form).toString() };
}

/** POSTs `body`, waiting out 429s (`Retry-After`) and backing off 5xx, as `retry.ts` decides within `env.deadline`. */
async function post(env: AdapterEnv, url: string, body: Body, headers: HeadersInit): Promise<Response> {
  const { contentType, text } = encoded(body);
  for (let attempt = 1; ; attempt++) {
    const response = await env.fetch(url, {
      method: "POST",
      headers: { "content-type": contentType, ...headers },
      body: text,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const delay = response.ok
      ? undefined
      : retryDelayMs(response.status, retryAfterSeconds(response), attempt, env.deadline);
    if (delay === undefined) return response;
    await response.body?.cancel();
    await sleep(delay);
  }
}

function refusal(code: number | string, description: string, response: Response): PlatformError {
  const seconds = response.status === 429 ? (retryAfterSeconds(response) ?? 1) : undefined;
  return new PlatformError({
    platform: "slack",
    code,
    description,
    permanent: typeof code === "string" && PERMANENT_ERRORS.has(code),
    transient: isTransient(response.status),
    ...(seconds === undefined ? {} : { retryAfterMs: seconds * 1000 }),
  });
}

/** Reads an answer that is either Slack's `{ok, error}` JSON or, from response URLs, plain text; returns the JSON. */
async function check(response: Response): Promise<unknown> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const result = ApiResult.safeParse(body);
  if (result.success && !result.data.ok) {
    const error = result.data.error ?? "unknown_error";
    throw refusal(error, error, response);
  }
  if (!response.ok) throw refusal(response.status, text.slice(0, 200) || response.statusText, response);
  return body;
}

/** The bot token, as Slack's Web API and its private file URLs take it. */
export function authorization(env: AdapterEnv): { authorization: string } {
  return { authorization: `Bearer ${env.secret(TOKEN) ?? ""}` };
}

/** Calls a Web API method with the bot token and returns Slack's answer; throws `PlatformError` when Slack refuses. */
export async function callApi(
  env: AdapterEnv,
  method: string,
  payload: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  const url = `${env.setting("SLACK_API_BASE")}/${method}`;
  return check(await post(env, url, { json: payload }, authorization(env)));
}

/** `callApi` with form fields, for the methods that take nothing else. */
export async function callApiForm(
  env: AdapterEnv,
  method: string,
  fields: Readonly<Record<string, string>>,
): Promise<unknown> {
  const url = `${env.setting("SLACK_API_BASE")}/${method}`;
  return check(await post(env, url, { form: fields }, authorization(env)));
}

/** Whether `url` is on `origin`, Slack's own, or on the origin of `SLACK_API_BASE` when that is not Slack's (a local stand-in). */
function onSlack(url: string, origin: string, apiBase: string): boolean {
  if (!URL.canParse(url)) return false;
  const given = new URL(url).origin;
  if (given === origin) return true;
  const apiOrigin = new URL(apiBase).origin;
  return apiOrigin !== new URL(API_BASE).origin && given === apiOrigin;
}

/**
 * Whether a response URL taken from a payload may be posted to: one on
 * Slack's own host, or on the origin of `SLACK_API_BASE` when that is not
 * Slack's (the local emulator hands out response URLs there). Any other URL
 * would let a signed request send the Worker's answer wherever it names.
 */
export function isSlackResponseUrl(url: string, apiBase: string): boolean {
  return onSlack(url, RESPONSE_URL_ORIGIN, apiBase);
}

/** Whether a shared file's URL may be fetched with the bot token: Slack's file host (or the stand-in's), nowhere else. */
export function isSlackFileUrl(url: string, apiBase: string): boolean {
  return onSlack(url, FILES_ORIGIN, apiBase);
}

/**
 * Posts to the `response_url` of a slash command or a button press. It needs
 * no token and works in channels the bot has not joined, for 30 minutes.
 */
export async function postToResponseUrl(
  env: AdapterEnv,
  url: string,
  payload: Readonly<Record<string, unknown>>,
): Promise<void> {
  await check(await post(env, url, { json: payload }, {}));
}

/** The key installations' tokens are sealed with; throws `SealKeyError` when `INSTALL_ENCRYPTION_KEY` is missing or not 32 bytes. */
export function tokenKey(env: AdapterEnv): Promise<CryptoKey> {
  return importSealKey(env.secret(TOKEN_KEY), TOKEN_KEY);
}
