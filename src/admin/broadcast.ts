/**
 * `POST /admin/broadcast`: one message to every chat of a bot, through the
 * same fan-out, pacing and ledger as digests (src/jobs/broadcasts.ts).
 * Takes JSON (`{ "bot": "concierge", "text": "…", "platform": "telegram" }`,
 * platform optional) or the admin page's form, and answers 202 with the
 * broadcast's id and how many chats it goes to, or 400 with what is wrong.
 */
import type { Context } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env.ts";
import { MAX_BROADCAST_LENGTH, startBroadcast } from "../jobs/broadcasts.ts";
import { escapeHtml } from "../lib/html.ts";
import { own } from "../lib/own.ts";
import type { Registry } from "../registry.ts";
import { describeIssues } from "../usage/report.ts";

export const MAX_BROADCAST_BODY_BYTES = 64 * 1024;

const BroadcastRequest = z.object({
  bot: z.string().min(1, "name the bot"),
  text: z
    .string()
    .trim()
    .min(1, "say something")
    .max(MAX_BROADCAST_LENGTH, `at most ${MAX_BROADCAST_LENGTH} characters`),
  // The form's "all platforms" is an empty value.
  platform: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
});

const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The request's fields, from JSON or a form; undefined when it is neither. */
async function fields(c: Context<AppEnv>): Promise<{ form: boolean; body: unknown } | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (FORM.test(type)) return { form: true, body: await c.req.parseBody() };
  if (!/^application\/json\b/i.test(type)) return undefined;
  try {
    return { form: false, body: await c.req.json() };
  } catch {
    return { form: false, body: undefined };
  }
}

/** What the browser shows after the admin page's form was sent. */
function acceptedPage(broadcast: { id: number; chats: number }, bot: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Broadcast queued</title></head>
<body><main><h1>Broadcast ${broadcast.id} queued</h1>
<p>${escapeHtml(bot)} sends it to ${broadcast.chats.toLocaleString("en-US")} chats, paced to each platform's limits.</p>
<p><a href="/admin">Back to the admin page</a></p></main></body></html>`;
}

export async function receiveBroadcast(c: Context<AppEnv>, registry: Registry): Promise<Response> {
  const request = await fields(c);
  if (!request) return c.json({ error: "invalid broadcast", issues: ["send JSON or a form"] }, 400);
  const parsed = BroadcastRequest.safeParse(request.body);
  if (!parsed.success) return c.json({ error: "invalid broadcast", issues: describeIssues(parsed.error, "body") }, 400);
  const { bot, text, platform } = parsed.data;
  const unknown = [
    ...(own(registry.bots, bot) ? [] : [`bot: there is no bot named ${bot}`]),
    ...(platform === undefined || own(registry.platforms, platform)
      ? []
      : [`platform: there is no platform named ${platform}`]),
  ];
  if (unknown.length > 0) return c.json({ error: "invalid broadcast", issues: unknown }, 400);
  const broadcast = await startBroadcast(c.env, { bot, platform: platform ?? null, text });
  if (request.form) return c.html(acceptedPage(broadcast, bot), 202);
  return c.json({ broadcast: broadcast.id, chats: broadcast.chats }, 202);
}
