/**
 * The Worker's bindings and settings (wrangler.toml), plus per-bot secrets:
 * what the jobs runtime reads (src/jobs/env.ts), and what only the HTTP
 * routes need.
 */
import type { JobsEnv } from "./jobs/env.ts";

export interface Env extends JobsEnv {
  /** Per-user flood control (src/webhook/limit.ts); without it nobody is limited. */
  readonly RATE_LIMITER?: RateLimit;
  /** Per-user budget of autocomplete look-ups (src/webhook/limit.ts); without it nobody is limited. */
  readonly SUGGEST_LIMITER?: RateLimit;
  /** Bearer token of the admin routes (src/admin/); unset, they answer 404. */
  readonly ADMIN_TOKEN?: string;
  readonly TELEGRAM_API_BASE: string;
  readonly DISCORD_API_BASE: string;
  readonly SLACK_API_BASE: string;
  readonly GEOCODING_API_BASE: string;
  readonly WEATHER_API_BASE: string;
  readonly FX_API_BASE: string;
  readonly NEWS_API_BASE: string;
  /** Scheduled messages per second per bot on each platform (each adapter's `pace` has the default). */
  readonly TELEGRAM_SEND_RATE?: string;
  readonly DISCORD_SEND_RATE?: string;
  readonly SLACK_SEND_RATE?: string;
}

/** The Hono app's environment: its bindings are the Worker's. */
export type AppEnv = { Bindings: Env };
