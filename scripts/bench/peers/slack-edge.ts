/**
 * A Slack mention with slack-edge: it verifies, a middleware claims in D1
 * before the acknowledgement, the `app_mention` listener posts after it.
 * slack-edge has no API base option of its own; the Web API client it is
 * built on has (`baseUrl`), so the listener posts with such a client.
 */
import { SlackAPIClient, SlackApp } from "slack-edge";
import { claim, HELP, isWebhook, notFound, type PeerEnv } from "./claim.ts";

function appFor(env: PeerEnv): SlackApp<PeerEnv & { SLACK_SIGNING_SECRET: string }> {
  const client = new SlackAPIClient(env.SLACK_BOT_TOKEN, { baseUrl: `${env.SLACK_API_BASE}/` });
  const app = new SlackApp({
    env,
    // One workspace with a known bot user: its default authorize would call auth.test on every request.
    authorize: async () => ({
      botToken: env.SLACK_BOT_TOKEN,
      teamId: "T0BENCH",
      botId: "B0BENCH",
      botUserId: "U0BOT",
      botScopes: ["app_mentions:read", "chat:write"],
    }),
  });
  app.use(async (req) => {
    const eventId = (req.body as { event_id?: string }).event_id;
    if (eventId !== undefined && !(await claim(env.DB, "slack", eventId))) return { status: 204 };
  });
  app.event("app_mention", async ({ payload }) => {
    await client.chat.postMessage({ channel: payload.channel, text: HELP });
  });
  return app;
}

/** One app per isolate: the env, which it needs, is first seen with a request. */
let app: SlackApp<PeerEnv & { SLACK_SIGNING_SECRET: string }> | undefined;

export default {
  fetch(request, env, ctx) {
    if (!isWebhook(request, "slack")) return notFound();
    app ??= appFor(env);
    return app.run(request, ctx);
  },
} satisfies ExportedHandler<PeerEnv>;
