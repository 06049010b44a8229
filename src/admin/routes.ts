/**
 * The operator's routes, all behind `ADMIN_TOKEN` (src/admin/auth.ts):
 * `GET /admin/usage` (the usage report as JSON), `GET /admin` (the same
 * report as a page with charts, and a broadcast form), both read from the
 * hourly rollup in D1, and `POST /admin/broadcast` (src/admin/broadcast.ts).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../env.ts";
import { own } from "../lib/own.ts";
import type { Registry } from "../registry.ts";
import { readUsage } from "../usage/query.ts";
import { describeIssues, UsageQuery } from "../usage/report.ts";
import { requireAdminToken } from "./auth.ts";
import { MAX_BROADCAST_BODY_BYTES, receiveBroadcast } from "./broadcast.ts";
import { usagePage } from "./page.ts";

/** The page has no script and loads nothing from elsewhere, and its one form posts to this Worker; this keeps it that way. */
const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The request's query, or what is wrong with it (a 400). */
function parseQuery(params: Record<string, string>, registry: Registry): { query: UsageQuery } | { issues: string[] } {
  const parsed = UsageQuery.safeParse(params);
  if (!parsed.success) return { issues: describeIssues(parsed.error) };
  const { bot } = parsed.data;
  if (bot !== null && !own(registry.bots, bot)) return { issues: [`bot: there is no bot named ${bot}`] };
  return { query: parsed.data };
}

export function adminRoutes(registry: Registry): Hono<AppEnv> {
  const admin = new Hono<AppEnv>();
  admin.use("*", requireAdminToken);

  admin.get("/usage", async (c) => {
    const parsed = parseQuery(c.req.query(), registry);
    if ("issues" in parsed) return c.json({ error: "invalid query", issues: parsed.issues }, 400);
    return c.json(await readUsage(c.env.DB, parsed.query));
  });

  admin.post(
    "/broadcast",
    bodyLimit({
      maxSize: MAX_BROADCAST_BODY_BYTES,
      onError: (c) => c.json({ error: "payload too large" }, 413),
    }),
    // The browser sends its saved Basic credentials with any form posted here, also
    // from another site's page: a form is taken only from this origin.
    csrf(),
    async (c) => {
      c.header("Content-Security-Policy", PAGE_POLICY);
      return receiveBroadcast(c, registry);
    },
  );

  admin.get("/", async (c) => {
    c.header("Content-Security-Policy", PAGE_POLICY);
    // Same-origin, not no-referrer: a form posted with no-referrer carries `Origin: null`.
    c.header("Referrer-Policy", "same-origin");
    const params = c.req.query();
    const parsed = parseQuery(params, registry);
    if ("issues" in parsed) return c.text(`Invalid query\n${parsed.issues.join("\n")}\n`, 400);
    const report = await readUsage(c.env.DB, parsed.query);
    // Without a range the page shows the last day, and says so by marking that link.
    const since = params.since ?? (params.from === undefined && params.to === undefined ? "24h" : undefined);
    const names = { bots: Object.keys(registry.bots), platforms: Object.keys(registry.platforms) };
    return c.html(usagePage({ report, ...names, ...(since ? { since } : {}) }));
  });

  return admin;
}
