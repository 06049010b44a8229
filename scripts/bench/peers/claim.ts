/**
 * What every peer Worker of the benchmark shares: its bindings, the help
 * text it answers with, and the D1 claim that makes a delivery answered once.
 */

export interface PeerEnv {
  readonly DB: D1Database;
  readonly TELEGRAM_BOT_TOKEN: string;
  readonly TELEGRAM_WEBHOOK_SECRET: string;
  readonly TELEGRAM_API_BASE: string;
  readonly DISCORD_PUBLIC_KEY: string;
  readonly DISCORD_APPLICATION_ID: string;
  readonly SLACK_SIGNING_SECRET: string;
  readonly SLACK_BOT_TOKEN: string;
  readonly SLACK_API_BASE: string;
}

export const HELP = [
  "I can help with:",
  "/weather <city> – the weather now",
  "/rate <from> <to> [amount] – exchange rates",
  "/news [count] – top stories",
  "/todo add|list|done – your list",
  "/help – this message",
].join("\n");

/** Claims a delivery by its event id, as Parley does: true the first time, false for a repeat. */
export async function claim(db: D1Database, platform: string, eventId: string): Promise<boolean> {
  const result = await db
    .prepare("INSERT OR IGNORE INTO processed_events (platform, bot, event_id, received_at) VALUES (?, ?, ?, ?)")
    .bind(platform, "concierge", eventId, Date.now())
    .run();
  return result.meta.changes === 1;
}

/** Whether a request is a delivery to the bot's webhook on that platform, at the path Parley serves it. */
export function isWebhook(request: Request, platform: string): boolean {
  return request.method === "POST" && new URL(request.url).pathname === `/webhooks/${platform}/concierge`;
}

/** Any request a peer does not serve. */
export const notFound = () => new Response("Not Found", { status: 404 });

/** A repeat delivery: acknowledged, nothing sent. */
export const repeat = () => new Response(null, { status: 204 });
