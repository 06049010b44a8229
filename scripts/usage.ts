/**
 * Prints the usage report of a Worker, local or deployed, as tables: the
 * same numbers as the `/admin` page.
 *
 *   ADMIN_TOKEN=… npm run usage -- --since 24h [--url http://localhost:8787] [--bot concierge]
 */
import * as z from "zod";
import { describeIssues, type HourUsage, UsageReport } from "../src/usage/report.ts";
import { fail, parseArgs } from "./cli.ts";

const { values } = parseArgs({
  options: {
    since: { type: "string", default: "24h" },
    url: { type: "string", default: "http://localhost:8787" },
    bot: { type: "string" },
  },
});

/** How the Worker refuses a query it cannot read: each reason on a line. */
const Refusal = z.object({ issues: z.array(z.string()) });

const token = process.env.ADMIN_TOKEN;
if (!token) fail("Set ADMIN_TOKEN in the environment (the Worker's ADMIN_TOKEN).");

const url = new URL("/admin/usage", values.url);
url.searchParams.set("since", values.since);
if (values.bot) url.searchParams.set("bot", values.bot);

let response: Response;
try {
  response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
} catch (error) {
  fail(`Could not reach ${url.origin}: ${error instanceof Error ? error.message : String(error)}`);
}
if (response.status === 401) fail("The Worker refused ADMIN_TOKEN: it is not the Worker's token.");
if (response.status === 404) fail(`No admin routes at ${url.origin}: set ADMIN_TOKEN on the Worker.`);
if (response.status === 400) {
  const refusal = Refusal.safeParse(await response.json().catch(() => undefined));
  if (refusal.success) fail(`The Worker refused the query:\n${refusal.data.issues.join("\n")}`);
}
if (!response.ok) fail(`${url.href} answered ${response.status}.`);
const parsed = UsageReport.safeParse(await response.json().catch(() => undefined));
if (!parsed.success) fail(`Unexpected answer from ${url.href}:\n${describeIssues(parsed.error).join("\n")}`);
const report = parsed.data;

/** Columns right-aligned except the first, under a header. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
const percent = (rate: number | null) => (rate === null ? "-" : `${(rate * 100).toFixed(1)}%`);
const busy = (hour: HourUsage) =>
  Object.values(hour.deliveries).some((count) => count > 0) || hour.rejected + hour.digestsSent > 0;

const { totals } = report;
console.log(`Parley usage, ${utc(report.from)} to ${utc(report.to)} UTC, ${report.bot ?? "all bots"}\n`);
const hours = report.hours.filter(busy);
const platformCells = (hour: HourUsage) => report.platforms.map((platform) => String(hour.deliveries[platform] ?? 0));
console.log(
  table(
    ["hour (UTC)", ...report.platforms, "errors", "limited", "rejected", "users", "digests"],
    [
      ...hours.map((hour) => [
        utc(hour.hour),
        ...platformCells(hour),
        `${hour.errors}/${hour.handled}`,
        String(hour.rateLimited),
        String(hour.rejected),
        String(hour.activeUsers),
        String(hour.digestsSent),
      ]),
      [
        "total",
        ...report.platforms.map((platform) =>
          String(report.hours.reduce((sum, hour) => sum + (hour.deliveries[platform] ?? 0), 0)),
        ),
        `${totals.errors}/${totals.handled}`,
        String(totals.rateLimited),
        String(totals.rejected),
        String(totals.activeUsers),
        String(totals.digestsSent),
      ],
    ],
  ),
);
console.log(
  `\n(${report.hours.length - hours.length} quiet hours not shown; users in "total" are distinct over the range)`,
);
console.log(
  `error rate ${percent(totals.errorRate)}, ${totals.userErrors} user errors, ${totals.duplicates} retries ignored\n`,
);
console.log(
  table(
    ["intent", "source", "runs", "user errors", "errors", "p50 ms", "p95 ms", "mean ms"],
    report.intents.map((intent) => [
      intent.intent,
      intent.source,
      String(intent.count),
      String(intent.userErrors),
      String(intent.errors),
      String(intent.p50Ms),
      String(intent.p95Ms),
      String(intent.meanMs),
    ]),
  ),
);
const { ai } = report;
console.log(
  `\ntier 2: ${ai.calls} model calls, ${ai.tokensIn} + ${ai.tokensOut} tokens, ${ai.answered} messages answered (${percent(ai.share)} of those handled), ${ai.overBudget} over budget`,
);
