/**
 * The operator's page in a real browser: `wrangler dev` on a free port with
 * its own state, a day of usage seeded into the D1 rollup plus a few live
 * deliveries through the webhook, then /admin in headless Chromium, checked.
 * With PARLEY_ADMIN_SCREENSHOT=<file> it saves the page (the README's
 * docs/admin.png: `npm run screenshot`). The seeded day is a fixed date, so
 * the screenshot only changes when the page does.
 *
 *   npx node --test test/browser/admin.test.ts      (Node 22; the browser is found as test/browser/chromium.ts says)
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type RunningWorker, startWorker } from "../../scripts/local/worker.ts";
import type { UsageEvent } from "../../src/usage/event.ts";
import { pseudonym } from "../../src/usage/record.ts";
import { UsageReport } from "../../src/usage/report.ts";
import { rollUp } from "../../src/usage/writer.ts";
import { launchChromium } from "./chromium.ts";

const ADMIN_TOKEN = "browser-test-admin-token";
const WEBHOOK_SECRET = "browser-test-webhook-secret";
const HOUR = 60 * 60 * 1000;

const state = mkdtempSync(join(tmpdir(), "parley-admin-"));
const servers: Server[] = [];
let worker: RunningWorker | undefined;
let base = "";

function wrangler(args: readonly string[]): void {
  const result = spawnSync("npx", ["wrangler", ...args, "--persist-to", join(state, "wrangler")], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    timeout: 60_000,
  });
  assert.equal(result.status, 0, `wrangler ${args.join(" ")}\n${result.stdout}\n${result.stderr}`);
}

/** A Bot API that accepts every call, so that live deliveries end as they would against Telegram. */
async function startTelegramStub(): Promise<string> {
  const server = createServer((request, response) => {
    request.resume().on("end", () => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A repeatable stream of numbers in [0, 1), so that the screenshot shows the same day every run. */
function random(seed: number): () => number {
  let value = seed;
  return () => {
    value = (value * 1_103_515_245 + 12_345) % 2 ** 31;
    return value / 2 ** 31;
  };
}

const INTENTS = [
  { intent: "weather", share: 0.3, ms: 320 },
  { intent: "help", share: 0.2, ms: 25 },
  { intent: "rate", share: 0.15, ms: 260 },
  { intent: "news", share: 0.12, ms: 640 },
  { intent: "todo", share: 0.13, ms: 45 },
  { intent: "subscribe", share: 0.05, ms: 60 },
  { intent: "fallback", share: 0.05, ms: 15 },
];
const PLATFORMS = [
  { platform: "telegram", share: 0.55 },
  { platform: "slack", share: 0.3 },
  { platform: "discord", share: 0.15 },
];

function pick<T extends { share: number }>(items: readonly T[], roll: number): T {
  let left = roll;
  for (const item of items) {
    left -= item.share;
    if (left < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** The day the screenshot shows. */
const DAY = { from: "2030-01-01", to: "2030-01-02" };

/** A day of traffic, busier by day (UTC), with a flood, digests and a few failures. */
function seededDay(): UsageEvent[] {
  const next = random(42);
  const events: UsageEvent[] = [];
  for (let utcHour = 0; utcHour < 24; utcHour++) {
    const hour = Date.parse(DAY.from) + utcHour * HOUR;
    const deliveries = Math.round(20 + 90 * Math.max(0, Math.sin(((utcHour - 5) / 24) * 2 * Math.PI)) + next() * 15);
    for (let i = 0; i < deliveries; i++) {
      const { intent, ms } = pick(INTENTS, next());
      const { platform } = pick(PLATFORMS, next());
      const roll = next();
      const outcome =
        intent === "fallback" ? "user_error" : roll < 0.02 ? "handler_error" : roll < 0.06 ? "user_error" : "ok";
      const duration = ms * (0.4 + next() * next() * 3);
      const userId = String(Math.floor(next() * 60));
      events.push({
        source: "webhook",
        bot: "concierge",
        platform,
        intent,
        outcome,
        ms: duration,
        at: hour + i,
        userId,
      });
    }
    if (utcHour === 3) {
      for (let i = 0; i < 6; i++) {
        events.push({
          source: "webhook",
          bot: "concierge",
          platform: "slack",
          intent: "-",
          outcome: "rejected",
          ms: 1,
          at: hour,
        });
      }
    }
    if (utcHour === 17) {
      for (let i = 0; i < 40; i++) {
        events.push({
          source: "webhook",
          bot: "concierge",
          platform: "telegram",
          intent: "-",
          outcome: "rate_limited",
          ms: 3,
          at: hour,
          userId: "flooder",
        });
      }
    }
    if (utcHour === 7 || utcHour === 18) {
      for (let i = 0; i < 12; i++) {
        events.push({
          source: "queue",
          bot: "concierge",
          platform: "telegram",
          intent: "digest:news",
          outcome: "ok",
          ms: 180,
          at: hour,
        });
      }
    }
  }
  return events;
}

/** The rows recordUsage would have written for `events`, as SQL for `wrangler d1 execute`. */
async function seedSql(events: readonly UsageEvent[]): Promise<string> {
  const hashes = await Promise.all(
    events.map((event) => (event.userId === undefined ? undefined : pseudonym(event.platform, event.userId))),
  );
  const { rows, users } = rollUp(events, hashes);
  const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
  return [
    ...rows.map(
      (row) =>
        `INSERT INTO usage_rollup VALUES (${row.hour}, ${text(row.bot)}, ${text(row.platform)}, ${text(row.source)}, ${text(row.intent)}, ${text(row.outcome)}, ${row.bucket}, ${row.count}, ${row.totalMs});`,
    ),
    ...users.map(
      (user) =>
        `INSERT INTO usage_users VALUES (${user.hour}, ${text(user.bot)}, ${text(user.platform)}, ${text(user.userHash)});`,
    ),
  ].join("\n");
}

let nextUpdateId = 1;
function telegram(text: string, options: { userId?: number; secret?: string } = {}): Promise<Response> {
  const userId = options.userId ?? 5;
  return fetch(`${base}/webhooks/telegram/concierge`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-telegram-bot-api-secret-token": options.secret ?? WEBHOOK_SECRET,
    },
    body: JSON.stringify({
      update_id: nextUpdateId++,
      message: {
        message_id: nextUpdateId,
        date: 0,
        chat: { id: userId, type: "private" },
        from: { id: userId, is_bot: false, first_name: "Ada" },
        text,
        ...(text.startsWith("/")
          ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length }] }
          : {}),
      },
    }),
  });
}

async function usage(): Promise<UsageReport> {
  const response = await fetch(`${base}/admin/usage?since=24h`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assert.equal(response.status, 200);
  return UsageReport.parse(await response.json());
}

before(async () => {
  wrangler(["d1", "migrations", "apply", "DB", "--local"]);
  const seed = join(state, "seed.sql");
  writeFileSync(seed, await seedSql(seededDay()));
  wrangler(["d1", "execute", "DB", "--local", "--file", seed]);
  const telegramApi = await startTelegramStub();
  worker = await startWorker({
    port: 0,
    envFile: ".dev.vars.example",
    persistTo: join(state, "wrangler"),
    vars: {
      ADMIN_TOKEN,
      TELEGRAM_BOT_TOKEN: "1000:browser-test-token",
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_BASE: `${telegramApi}/telegram`,
    },
    onLine(line) {
      if (process.env.PARLEY_VERBOSE) console.error(line);
    },
  });
  base = worker.url;
});

after(async () => {
  await worker?.stop();
  for (const server of servers) server.close();
  rmSync(state, { recursive: true, force: true });
});

test("the admin routes want the token", { timeout: 30_000 }, async () => {
  assert.equal((await fetch(`${base}/admin`)).status, 401);
  assert.equal((await fetch(`${base}/admin/usage`, { headers: { authorization: "Bearer wrong" } })).status, 401);
});

test("live deliveries show up in the usage report", { timeout: 60_000 }, async () => {
  const earlier = (await usage()).totals;
  for (const text of ["/help", "/todo add tea", "/todo list", "frobnicate the flux capacitor"]) {
    assert.equal((await telegram(text, { userId: 77 })).status, 200);
  }
  // A forged request is kept out of D1 (anyone can send those); a signed but malformed one is counted.
  assert.equal((await telegram("/help", { secret: "wrong" })).status, 401);
  const malformed = await fetch(`${base}/webhooks/telegram/concierge`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
    body: "{ not json",
  });
  assert.equal(malformed.status, 400);
  // Usage is written after the answer: wait for it, briefly.
  const deadline = Date.now() + 15_000;
  let later = (await usage()).totals;
  while ((later.handled - earlier.handled < 4 || later.rejected === earlier.rejected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    later = (await usage()).totals;
  }
  assert.equal(later.handled - earlier.handled, 4);
  assert.equal(later.userErrors - earlier.userErrors, 1);
  assert.equal(later.rejected - earlier.rejected, 1);
});

test("the admin page draws the day", { timeout: 90_000 }, async () => {
  const profile = mkdtempSync(join(state, "chromium-"));
  const context = await launchChromium(profile, {
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` },
    timeout: 30_000,
  });
  try {
    const page = await context.newPage();
    const response = await page.goto(`${base}/admin?from=${DAY.from}&to=${DAY.to}`, { timeout: 30_000 });
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), "Parley usage");
    assert.ok((await page.locator("svg").count()) >= 6, "a chart per figure");
    assert.ok((await page.locator("svg rect").count()) > 50, "the seeded day is drawn");
    const tiles = await page.locator(".tile .value").allTextContents();
    assert.ok(Number((tiles[0] ?? "0").replaceAll(",", "")) > 1000, `deliveries tile: ${tiles[0]}`);
    assert.ok(await page.getByText("Rate limited per hour").isVisible());
    const screenshot = process.env.PARLEY_ADMIN_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await context.close();
  }
});
