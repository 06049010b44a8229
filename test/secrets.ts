/** Secrets the test Worker runs with: made up, and only ever sent to intercepted fetches. */
export const TEST_SECRETS = {
  TELEGRAM_BOT_TOKEN: "4242:concierge-test-token",
  TELEGRAM_WEBHOOK_SECRET: "concierge-webhook-secret",
  ECHO_TELEGRAM_BOT_TOKEN: "5151:echo-test-token",
  ECHO_TELEGRAM_WEBHOOK_SECRET: "echo-webhook-secret",
  SLACK_SIGNING_SECRET: "concierge-slack-signing-secret",
  SLACK_BOT_TOKEN: "xoxb-concierge-test-token",
} as const;

/**
 * The API base URLs, pinned to wrangler.toml's defaults so that a developer's
 * .dev.vars (which points them at the local stand-ins) cannot change what the
 * tests intercept.
 */
export const TEST_SETTINGS = {
  TELEGRAM_API_BASE: "https://api.telegram.org",
  DISCORD_API_BASE: "https://discord.com/api/v10",
  SLACK_API_BASE: "https://slack.com/api",
  SLACK_OAUTH_BASE: "https://slack.com/oauth/v2",
  GEOCODING_API_BASE: "https://geocoding-api.open-meteo.com/v1",
  WEATHER_API_BASE: "https://api.open-meteo.com/v1",
  FX_API_BASE: "https://api.frankfurter.dev/v1",
  NEWS_API_BASE: "https://hacker-news.firebaseio.com/v0",
} as const;
