import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import { capturingQueue, clearScheduledWork, consume, type QueuedMessage } from "../support/jobs.ts";
import { interceptFetch, type Outbound } from "../support/outbound.ts";
import { postedMessages, stubSlackApi } from "../support/slack.ts";
import { sentMessages, stubTelegramApi } from "../support/telegram.ts";
import { deliver, testEnv } from "../support/worker.ts";

const TOKEN = "admin-test-token-0123456789";
const ORIGIN = "https://parley.test";

beforeEach(clearScheduledWork);

/** The chats the bots have seen: three on Telegram and one on Slack for the concierge, one for echo. */
async function seedChats(): Promise<void> {
  const chats: [string, string, string][] = [
    ["concierge", "telegram", "701"],
    ["concierge", "telegram", "702"],
    ["concierge", "telegram", "-703"],
    ["concierge", "slack", "C0NEWS"],
    ["echo", "telegram", "704"],
  ];
  await env.DB.batch(
    chats.map(([bot, platform, chatId]) =>
      env.DB.prepare(
        "INSERT INTO chats (bot, platform, chat_id, kind, updated_at) VALUES (?, ?, ?, 'private', ?)",
      ).bind(bot, platform, chatId, Date.now()),
    ),
  );
}

interface Posted {
  readonly response: Response;
  /** What the route put on the queue. */
  readonly queued: QueuedMessage[];
}

/** `token` null: the Worker has no ADMIN_TOKEN. */
async function post(body: string, headers: Record<string, string>, token: string | null = TOKEN): Promise<Posted> {
  const { sent, queue } = capturingQueue();
  const adminEnv = { ...testEnv, ADMIN_TOKEN: token ?? undefined, JOBS: queue } as Env;
  const request = new Request(`${ORIGIN}/admin/broadcast`, { method: "POST", headers, body });
  const response = await deliver(request, adminEnv);
  return { response, queued: sent.map((job) => ({ id: crypto.randomUUID(), body: job })) };
}

const json = (value: unknown, authorization = `Bearer ${TOKEN}`) =>
  post(JSON.stringify(value), { "content-type": "application/json", authorization });

/** Runs jobs through the consumer until nothing more is queued; returns every message it was given. */
async function drain(jobs: readonly QueuedMessage[]): Promise<QueuedMessage[]> {
  const seen: QueuedMessage[] = [];
  let next = [...jobs];
  while (next.length > 0) {
    seen.push(...next);
    next = (await consume(next)).queued;
  }
  return seen;
}

function stubs(): Outbound {
  return stubSlackApi(stubTelegramApi(interceptFetch()));
}

/** Messages each chat got, by chat id. */
function received(outbound: Outbound): Record<string, number> {
  const chats = [
    ...sentMessages(outbound).map((message) => String(message.chat_id)),
    ...postedMessages(outbound).map((message) => message.channel ?? ""),
  ];
  const counts: Record<string, number> = {};
  for (const chat of chats) counts[chat] = (counts[chat] ?? 0) + 1;
  return counts;
}

async function broadcastCount(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM broadcasts").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("POST /admin/broadcast", () => {
  it("answers 404 while ADMIN_TOKEN is unset and 401 without the token, and queues nothing", async () => {
    await seedChats();
    const body = JSON.stringify({ bot: "concierge", text: "hello" });
    const unset = await post(body, { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, null);
    expect(unset.response.status).toBe(404);
    for (const authorization of ["", "Bearer wrong-token"]) {
      const refused = await post(body, { "content-type": "application/json", authorization });
      expect(refused.response.status).toBe(401);
      expect(refused.queued).toEqual([]);
    }
    expect(await broadcastCount()).toBe(0);
  });

  it("answers 400 with the reasons for a bad request, and stores and queues nothing", async () => {
    await seedChats();
    const cases: [unknown, string][] = [
      [{ text: "hello" }, "bot:"],
      [{ bot: "concierge" }, "text:"],
      [{ bot: "concierge", text: "   " }, "text: say something"],
      [{ bot: "concierge", text: "x".repeat(4001) }, "text: at most 4000 characters"],
      [{ bot: "concierge", text: "hello", platform: "icq" }, "platform: there is no platform named icq"],
      [{ bot: "concierge", text: "hello", platform: "__proto__" }, "platform: there is no platform named __proto__"],
      [{ bot: "nobody", text: "hello" }, "bot: there is no bot named nobody"],
      [{ bot: "constructor", text: "hello" }, "bot: there is no bot named constructor"],
      [["concierge", "hello"], "body:"],
    ];
    for (const [body, reason] of cases) {
      const { response, queued } = await json(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = (await response.json()) as { error: string; issues: string[] };
      expect(answer.issues.join("\n"), JSON.stringify(body)).toContain(reason);
      expect(queued).toEqual([]);
    }
    const notJson = await post("<bot/>", { "content-type": "application/xml", authorization: `Bearer ${TOKEN}` });
    expect(notJson.response.status).toBe(400);
    expect(await broadcastCount()).toBe(0);
  });

  it("sends the message once to every chat of the bot, and a re-run of any of its jobs sends nothing twice", async () => {
    await seedChats();
    const outbound = stubs();
    const { response, queued } = await json({ bot: "concierge", text: "Maintenance at 22:00 UTC" });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { broadcast: number; chats: number };
    expect(answer.chats).toBe(4);
    const jobs = await drain(queued);
    expect(received(outbound)).toEqual({ "701": 1, "702": 1, "-703": 1, C0NEWS: 1 });
    expect(sentMessages(outbound)[0]?.text).toBe("Maintenance at 22:00 UTC");

    // Every job again, as redelivered messages and as copies from another page run.
    await consume(jobs, { attempts: 2 });
    await consume(jobs.map((job) => ({ ...job, id: crypto.randomUUID() })));
    expect(received(outbound)).toEqual({ "701": 1, "702": 1, "-703": 1, C0NEWS: 1 });
  });

  it("sends to one platform's chats when asked, and walks the chats a page at a time", async () => {
    await seedChats();
    const outbound = stubs();
    const { response, queued } = await json({ bot: "concierge", text: "Telegram only", platform: "telegram" });
    expect(await response.json()).toMatchObject({ chats: 3 });
    const [first] = queued;
    if (first?.body.kind !== "broadcast-page") throw new Error("no page job was queued");
    const small = { ...first, body: { ...first.body, pageSize: 2 } };
    const pages = (await drain([small])).filter((job) => job.body.kind === "broadcast-page");
    expect(pages).toHaveLength(2);
    expect(received(outbound)).toEqual({ "701": 1, "702": 1, "-703": 1 });
    // The first page again, after the walk has moved past it: nothing is queued.
    expect((await consume([small])).queued).toEqual([]);
  });

  it("takes the admin page's form from the page's own origin, and refuses it from another site", async () => {
    await seedChats();
    const form = new URLSearchParams({ bot: "concierge", platform: "", text: "From the form" }).toString();
    const basic = `Basic ${btoa(`operator:${TOKEN}`)}`;
    const headers = { "content-type": "application/x-www-form-urlencoded", authorization: basic };
    const forged = await post(form, { ...headers, origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(forged.response.status).toBe(403);
    expect(forged.queued).toEqual([]);
    expect(await broadcastCount()).toBe(0);

    const sent = await post(form, { ...headers, origin: ORIGIN, "sec-fetch-site": "same-origin" });
    expect(sent.response.status).toBe(202);
    expect(await sent.response.text()).toContain("to 4 chats");
    expect(sent.queued).toHaveLength(1);
  });
});

describe("the admin page's broadcast form", () => {
  it("posts to the broadcast route, which the page's policy allows and nothing else", async () => {
    const adminEnv = { ...testEnv, ADMIN_TOKEN: TOKEN } as Env;
    const response = await deliver(
      new Request(`${ORIGIN}/admin`, { headers: { authorization: `Bearer ${TOKEN}` } }),
      adminEnv,
    );
    expect(response.headers.get("content-security-policy")).toContain("form-action 'self'");
    const page = await response.text();
    expect(page).toContain('<form class="broadcast" method="post" action="/admin/broadcast">');
    expect(page).toContain('<option value="concierge">');
    // Every platform of the deployment's table, and only those.
    const platforms = [...page.matchAll(/<select name="platform">(.*?)<\/select>/gs)].map((match) => match[1]);
    expect(platforms).toEqual([
      '<option value="">all platforms</option><option value="telegram">Telegram</option>' +
        '<option value="discord">Discord</option><option value="slack">Slack</option>',
    ]);
  });
});
