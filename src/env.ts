/**
 * The Worker's bindings and settings (wrangler.toml), plus per-bot secrets:
 * what the jobs runtime reads (src/jobs/env.ts), and what only the HTTP
 * routes need.
 */
import type { WorkersAi } from "./ai/workers-ai.ts";
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
  /** Where Slack's OAuth pages are: `${SLACK_OAUTH_BASE}/authorize` (src/installs/slack.ts). */
  readonly SLACK_OAUTH_BASE: string;
  readonly GEOCODING_API_BASE: string;
  readonly WEATHER_API_BASE: string;
  readonly FX_API_BASE: string;
  readonly NEWS_API_BASE: string;
  /** Workers AI, for tier 2 (src/ai/); optional, and absent locally. */
  readonly AI?: WorkersAi;
  /** An OpenAI-compatible endpoint for tier 2 where there is no `AI` binding (a local model server), and its key. */
  readonly AI_BASE_URL?: string;
  readonly AI_API_KEY?: string;
  /** Tier 2's model and calls per user and day (src/ai/settings.ts reads them, and the bots' own). */
  readonly AI_MODEL?: string;
  readonly AI_DAILY_BUDGET?: string;
  /** Scheduled messages per second per bot on each platform (each adapter's `pace` has the default). */
  readonly TELEGRAM_SEND_RATE?: string;
  readonly DISCORD_SEND_RATE?: string;
  readonly SLACK_SEND_RATE?: string;
  /** The most bytes of one file received or sent (10 MB by default). */
  readonly FILE_MAX_BYTES?: string;
  /** What one user keeps with a bot on a platform: files (50 by default) and their bytes (50 MB by default). */
  readonly FILES_PER_USER?: string;
  readonly FILE_BYTES_PER_USER?: string;
}

/** The Hono app's environment: its bindings are the Worker's. */
export type AppEnv = { Bindings: Env };
