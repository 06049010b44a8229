/** Secrets the test Worker runs with: made up, and only ever sent to intercepted fetches. */
export const TEST_SECRETS = {
  TELEGRAM_BOT_TOKEN: "4242:concierge-test-token",
  TELEGRAM_WEBHOOK_SECRET: "concierge-webhook-secret",
  ECHO_TELEGRAM_BOT_TOKEN: "5151:echo-test-token",
  ECHO_TELEGRAM_WEBHOOK_SECRET: "echo-webhook-secret",
} as const;
