import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { recordUsage } from "../../src/usage/record.ts";
import { UsageReport } from "../../src/usage/report.ts";
import { testEnv } from "../support/worker.ts";

const TOKEN = "admin-test-token-0123456789";

async function get(path: string, options: { authorization?: string; token?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (options.authorization) headers.authorization = options.authorization;
  // Set either way: a developer's .dev.vars may hold an ADMIN_TOKEN of its own.
  const adminEnv = { ...testEnv, ADMIN_TOKEN: options.token === null ? undefined : (options.token ?? TOKEN) } as Env;
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://parley.test${path}`, { headers }), adminEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const bearer = `Bearer ${TOKEN}`;
const basic = (password: string) => `Basic ${btoa(`operator:${password}`)}`;

describe("the admin routes' gate", () => {
  it("hides the admin routes when ADMIN_TOKEN is unset", async () => {
    for (const path of ["/admin", "/admin/usage"]) {
      expect((await get(path, { token: null, authorization: bearer })).status, path).toBe(404);
      expect((await get(path, { token: "", authorization: "Bearer " })).status, path).toBe(404);
    }
  });

  it("answers 401 without the token or with a wrong one, and asks a browser for it", async () => {
    for (const authorization of [
      undefined,
      "Bearer",
      "Bearer wrong-token",
      `Bearer ${TOKEN}x`,
      `bearer ${TOKEN.slice(0, -1)}`,
      `Token ${TOKEN}`,
      basic("wrong"),
      "Basic not-base64!",
    ]) {
      const response = await get("/admin/usage", { ...(authorization ? { authorization } : {}) });
      expect(response.status, authorization).toBe(401);
      expect(await response.json()).toEqual({ error: "unauthorized" });
      expect(response.headers.get("www-authenticate")).toContain("Basic");
    }
    expect((await get("/admin")).status).toBe(401);
  });

  it("lets the token in as a bearer token or as a Basic password", async () => {
    expect((await get("/admin/usage", { authorization: bearer })).status).toBe(200);
    expect((await get("/admin/usage", { authorization: `bearer   ${TOKEN}` })).status).toBe(200);
    expect((await get("/admin", { authorization: basic(TOKEN) })).status).toBe(200);
  });

  it("compares the presented token with ADMIN_TOKEN in constant time, also when none is presented", async () => {
    const digest = async (text: string) =>
      new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
    const compare = vi.spyOn(crypto.subtle, "timingSafeEqual");
    await get("/admin/usage", { authorization: "Bearer wrong-token" });
    await get("/admin/usage");
    await get("/admin/usage", { authorization: bearer });
    const compared = compare.mock.calls.map(([presented, expected]) => [
      new Uint8Array(presented as ArrayBuffer),
      new Uint8Array(expected as ArrayBuffer),
    ]);
    expect(compared).toEqual([
      [await digest("wrong-token"), await digest(TOKEN)],
      [await digest(""), await digest(TOKEN)],
      [await digest(TOKEN), await digest(TOKEN)],
    ]);
  });
});

describe("GET /admin/usage", () => {
  it("answers the rollup of the range as JSON", async () => {
    const at = Date.parse("2032-05-01T10:30:00Z");
    await recordUsage(testEnv, [
      {
        source: "webhook",
        bot: "concierge",
        platform: "telegram",
        intent: "weather",
        outcome: "ok",
        ms: 80,
        at,
        userId: "1",
      },
      { source: "webhook", bot: "echo", platform: "slack", intent: "echo", outcome: "ok", ms: 20, at, userId: "U1" },
    ]);
    const response = await get("/admin/usage?from=2032-05-01&to=2032-05-02&bot=concierge", { authorization: bearer });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const report = UsageReport.parse(await response.json());
    expect(report).toMatchObject({
      from: "2032-05-01T00:00:00.000Z",
      to: "2032-05-02T00:00:00.000Z",
      bot: "concierge",
    });
    expect(report.hours).toHaveLength(24);
    expect(report.hours[10]).toMatchObject({ deliveries: { telegram: 1 }, handled: 1, activeUsers: 1 });
    expect(report.totals.deliveries).toBe(1);
    expect(report.intents.map((intent) => intent.intent)).toEqual(["weather"]);
  });

  it("answers 400 with what is wrong for a bad date, range or bot", async () => {
    const cases: [string, string][] = [
      ["from=yesterday", "from: expected an ISO 8601 date"],
      ["from=2032-05-02&to=2032-05-01", "from: from must be before to"],
      ["from=2032-01-01&to=2032-03-01", "from: at most 31 days at once"],
      ["bot=nobody", "bot: there is no bot named nobody"],
      ["bot=constructor", "bot: there is no bot named constructor"],
      ["since=1y", "since: expected hours or days"],
    ];
    for (const [query, issue] of cases) {
      const response = await get(`/admin/usage?${query}`, { authorization: bearer });
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: string; issues: string[] };
      expect(body.error).toBe("invalid query");
      expect(body.issues.join("\n"), query).toContain(issue);
    }
    const page = await get("/admin?from=nope", { authorization: bearer });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("from: expected an ISO 8601 date");
  });
});

describe("GET /admin", () => {
  it("draws the report as a self-contained page with charts", async () => {
    const response = await get("/admin?since=24h", { authorization: bearer });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await response.text();
    for (const title of [
      "Deliveries per hour, by platform",
      "Error rate per hour",
      "Active users per hour",
      "Digests sent per hour",
      "Rate limited per hour",
      "Duration per intent (p50 / p95)",
    ]) {
      expect(page).toContain(title);
    }
    expect(page.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
    expect(page).not.toContain("<script");
    expect(page).toContain('href="?since=7d"');
  });

  it("escapes what it prints", async () => {
    const at = Date.parse("2032-06-01T10:00:00Z");
    await recordUsage(testEnv, [
      { source: "webhook", bot: "concierge", platform: "telegram", intent: "<img src=x>", outcome: "ok", ms: 5, at },
    ]);
    const page = await (await get("/admin?from=2032-06-01&to=2032-06-02", { authorization: bearer })).text();
    expect(page).toContain("&lt;img src=x&gt;");
    expect(page).not.toContain("<img src=x>");
  });
});
