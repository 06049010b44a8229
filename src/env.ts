import type { Job } from "./schedule/jobs.ts";
import type { SendPacer } from "./schedule/pacer.ts";

/** The Worker's bindings and settings (wrangler.toml), plus per-bot secrets. */
export interface Env {
  readonly DB: D1Database;
  readonly CACHE: KVNamespace;
  /** Scheduled work: digests and reminders, produced by the Cron tick and consumed by this Worker. */
  readonly JOBS: Queue<Job>;
  /** One send pacer per bot and platform (src/schedule/pacer.ts). */
  readonly PACER: DurableObjectNamespace<SendPacer>;
  /** Usage events in Workers Analytics Engine (src/usage/analytics.ts); absent where not bound. */
  readonly USAGE?: AnalyticsEngineDataset;
  /** Per-user flood control (src/ratelimit.ts); without it nobody is limited. */
  readonly RATE_LIMITER?: RateLimit;
  /** Per-user budget of autocomplete look-ups (src/ratelimit.ts); without it nobody is limited. */
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
  /** Scheduled messages per second per bot on each platform (src/schedule/pacing.ts has the defaults). */
  readonly TELEGRAM_SEND_RATE?: string;
  readonly DISCORD_SEND_RATE?: string;
  readonly SLACK_SEND_RATE?: string;
  /** Bot secrets, named per bot: `TELEGRAM_BOT_TOKEN`, `ECHO_TELEGRAM_BOT_TOKEN`, … */
  readonly [secret: string]: unknown;
}
