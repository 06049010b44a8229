/** HTTP routes: the webhooks, health, and the contract's error codes. */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { PatternRouter } from "hono/router/pattern-router";
import { adminRoutes } from "./admin/routes.ts";
import type { AppEnv } from "./env.ts";
import { slackInstallRoutes } from "./installs/slack.ts";
import { describeError, log, redactSecretsOf } from "./log.ts";
import type { Registry } from "./registry.ts";
import { receiveWebhook, type WebhookOptions } from "./webhook/index.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(registry: Registry, options: WebhookOptions = {}): Hono<AppEnv> {
  // Hono's fastest router refuses `/slack/install` beside `/slack/:bot/install`, and its
  // fallback walks a trie per request; a dozen routes are matched faster as patterns.
  const app = new Hono<AppEnv>({ router: new PatternRouter() });
  app.use(async (c, next) => {
    redactSecretsOf(c.env);
    await next();
  });
  app.get("/healthz", (c) => c.text("ok"));
  app.post(
    "/webhooks/:platform/:bot",
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: "payload too large" }, 413) }),
    (c) => receiveWebhook(c, registry, options),
  );
  app.route("/admin", adminRoutes(registry));
  app.route("/slack", slackInstallRoutes(registry));
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    // A middleware's own refusal (a cross-site form: 403) is its answer, not a failure.
    if (error instanceof HTTPException) return error.getResponse();
    log("error", "request_failed", { path: c.req.path, error: describeError(error) });
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
