/**
 * A small client for Discord's REST API: JSON over the given fetch, a request
 * timeout, rate limits honoured (a 429's `retry_after`, and an emptied bucket
 * waited out before the next call), 5xx retried, and every refusal turned
 * into a `PlatformError`.
 */

import * as z from "zod";
import { sleep } from "../../lib/sleep.ts";
import { PlatformError } from "../errors.ts";
import { canWait, isTransient, MAX_RETRY_AFTER_MS, retryDelayMs } from "../retry.ts";
import { API_BASE, RESTJSONErrorCodes } from "./wire.ts";

export const APPLICATION_ID = "DISCORD_APPLICATION_ID";
export const PUBLIC_KEY = "DISCORD_PUBLIC_KEY";
export const BOT_TOKEN = "DISCORD_BOT_TOKEN";

/** `DISCORD_API_BASE`'s default, for the command-line scripts. */
export const DEFAULT_API_BASE = API_BASE;

const TIMEOUT_MS = 10_000;
/** Discord asks every bot for a User-Agent of this form. */
const USER_AGENT = "DiscordBot (parley, 0.1.0)";

/**
 * Refusals that will not change by trying again: the channel or user is
 * gone, or the bot may no longer post there (a user who closed their DMs,
 * a bot removed from the server or stripped of its permissions).
 */
const PERMANENT_CODES: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

/** Discord's error body; a 429 from Cloudflare in front of it may have none. */
const ErrorBody = z.object({
  code: z.number().optional(),
  message: z.string().optional(),
  retry_after: z.number().optional(),
});

/** A file sent with a message: multipart, as `files[0]` beside the message's `payload_json`. */
export interface DiscordUpload {
  readonly name: string;
  readonly mime: string;
  readonly data: Uint8Array;
}

export interface DiscordApiOptions {
  /** `DISCORD_API_BASE`, e.g. https://discord.com/api/v10. */
  readonly base: string;
  readonly fetch: typeof fetch;
  /** For bot routes (channel messages, commands); interaction webhooks are authorised by their token. */
  readonly botToken?: string;
  /** Epoch ms past which no rate limit is waited out (see `AdapterEnv.deadline`). */
  readonly deadline?: number;
}

function multipart(body: unknown, file: DiscordUpload): FormData {
  const form = new FormData();
  form.append("payload_json", JSON.stringify(body));
  form.append("files[0]", new Blob([file.data], { type: file.mime }), file.name);
  return form;
}

function seconds(value: string | null): number | undefined {
  const number = value === null ? Number.NaN : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

async function errorBody(response: Response): Promise<z.infer<typeof ErrorBody>> {
  try {
    const parsed = ErrorBody.safeParse(await response.json());
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The bucket of the last call is empty for longer than the deadline allows: the call is not made. */
function bucketEmpty(waitMs: number): PlatformError {
  return new PlatformError({
    platform: "discord",
    code: 429,
    description: "rate limit bucket empty",
    permanent: false,
    transient: true,
    retryAfterMs: waitMs,
  });
}

export class DiscordApi {
  private readonly options: DiscordApiOptions;
  /** Epoch ms before which the last call's bucket (or the global limit) is empty. */
  private notBefore = 0;

  constructor(options: DiscordApiOptions) {
    this.options = options;
  }

  /**
   * Sends one request, retrying 429s and 5xx within the shared policy, and
   * returns Discord's JSON answer (undefined for none); a refusal throws
   * `PlatformError`. With `file`, the body goes as multipart: `payload_json`
   * and `files[0]`, which `body.attachments` names.
   */
  async request(
    method: "POST" | "PATCH" | "PUT" | "DELETE",
    path: string,
    body?: unknown,
    file?: DiscordUpload,
  ): Promise<unknown> {
    const headers: Record<string, string> = { "user-agent": USER_AGENT };
    if (!file) headers["content-type"] = "application/json";
    if (this.options.botToken) headers.authorization = `Bot ${this.options.botToken}`;
    const payload = file ? multipart(body, file) : body === undefined ? undefined : JSON.stringify(body);
    const { deadline } = this.options;
    for (let attempt = 1; ; attempt++) {
      const wait = this.notBefore - Date.now();
      if (wait > 0 && deadline !== undefined && !canWait(wait, deadline)) throw bucketEmpty(wait);
      if (wait > 0) await sleep(Math.min(wait, MAX_RETRY_AFTER_MS));
      const response = await this.options.fetch(`${this.options.base}${path}`, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      this.noteBucket(response.headers);
      if (response.ok) return response.status === 204 ? undefined : response.json().catch(() => undefined);
      const error = await errorBody(response);
      // The body's retry_after is exact (fractions of a second); the headers cover a body-less 429.
      const retryAfter =
        error.retry_after ?? seconds(response.headers.get("retry-after")) ?? this.resetAfter(response.headers);
      const delay = retryDelayMs(response.status, retryAfter, attempt, deadline);
      if (delay === undefined) {
        throw new PlatformError({
          platform: "discord",
          // A global rate limit may say code 0 ("general error"): the status says more.
          code: error.code || response.status,
          description: error.message ?? (response.statusText || `HTTP ${response.status}`),
          permanent: error.code !== undefined && PERMANENT_CODES.has(error.code),
          transient: isTransient(response.status),
          ...(response.status === 429 && retryAfter !== undefined ? { retryAfterMs: retryAfter * 1000 } : {}),
        });
      }
      await sleep(delay);
    }
  }

  private resetAfter(headers: Headers): number | undefined {
    return seconds(headers.get("x-ratelimit-reset-after"));
  }

  /** A bucket with no requests left is waited out before the next call, instead of earning a 429. */
  private noteBucket(headers: Headers): void {
    const resetAfter = this.resetAfter(headers);
    if (headers.get("x-ratelimit-remaining") === "0" && resetAfter !== undefined) {
      this.notBefore = Date.now() + resetAfter * 1000;
    }
  }
}
