/**
 * The operator's page at `GET /admin`: the usage report as tiles, charts
 * and a table, all in one self-contained HTML document (no script; the
 * range and bot pickers are plain links that keep the browser's credentials).
 */

import { MAX_BROADCAST_LENGTH } from "../jobs/broadcasts.ts";
import { escapeHtml } from "../lib/html.ts";
import type { HourUsage, UsageReport } from "../usage/report.ts";
import { columnChart, HALF, lineChart, rangeBars, type Series, WIDE } from "./charts.ts";

/** Where the page was asked for: what its links keep and change. */
export interface PageContext {
  readonly report: UsageReport;
  /** The bots and platforms an operator can pick from. */
  readonly bots: readonly string[];
  readonly platforms: readonly string[];
  /** The `since` of the request, when the range was given that way. */
  readonly since?: string;
}

const RANGES = ["6h", "24h", "7d", "30d"];
const PLATFORM_COLORS: Readonly<Record<string, string>> = {
  telegram: "#2aabee",
  discord: "#5865f2",
  slack: "#e01e5a",
};
const OTHER_COLOR = "#80868b";

const count = (value: number) => value.toLocaleString("en-US");
const percent = (value: number) => `${Number((value * 100).toFixed(1))}%`;

/** Axis labels: a few round hours for a day or two, else a few midnights (UTC). */
function axisLabels(hours: readonly HourUsage[]): string[] {
  if (hours.length <= 48) {
    const every = [1, 2, 3, 6, 12].find((step) => hours.length / step <= 12) ?? 12;
    return hours.map((hour) => (Number(hour.hour.slice(11, 13)) % every === 0 ? hour.hour.slice(11, 16) : ""));
  }
  const days = hours.length / 24;
  const every = [1, 2, 5, 7, 14].find((step) => days / step <= 8) ?? 14;
  return hours.map((hour) => {
    const day = Math.floor(Date.parse(hour.hour) / 86_400_000);
    return hour.hour.slice(11, 13) === "00" && day % every === 0 ? hour.hour.slice(5, 10) : "";
  });
}

/** `2030-01-31 07:00` from an ISO instant. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
const hourTitle = (hour: HourUsage) => `${utc(hour.hour)} UTC`;

function link(context: PageContext, change: { since?: string; bot?: string | null }): string {
  const params = new URLSearchParams();
  const since = change.since ?? context.since;
  if (since) params.set("since", since);
  else {
    params.set("from", context.report.from);
    params.set("to", context.report.to);
  }
  const bot = change.bot === undefined ? context.report.bot : change.bot;
  if (bot) params.set("bot", bot);
  return `?${params.toString()}`;
}

function pills(items: readonly { label: string; href: string; active: boolean }[]): string {
  return items
    .map(
      (item) =>
        `<a class="pill${item.active ? " active" : ""}" href="${escapeHtml(item.href)}">${escapeHtml(item.label)}</a>`,
    )
    .join("");
}

function tile(label: string, value: string, note = ""): string {
  return `<div class="tile"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${
    note ? `<div class="note">${escapeHtml(note)}</div>` : ""
  }</div>`;
}

function card(title: string, body: string, options: { wide?: boolean; legend?: readonly Series[] } = {}): string {
  const legend = options.legend
    ? `<div class="legend">${options.legend
        .map((one) => `<span><i style="background:${one.color}"></i>${escapeHtml(one.name)}</span>`)
        .join("")}</div>`
    : "";
  return `<section class="card${options.wide ? " wide" : ""}"><h2>${escapeHtml(title)}</h2>${legend}${body}</section>`;
}

function charts(report: UsageReport): string {
  const { hours } = report;
  const labels = axisLabels(hours);
  const titles = hours.map(hourTitle);
  const platforms: Series[] = report.platforms.map((platform) => ({
    name: platform,
    color: PLATFORM_COLORS[platform] ?? OTHER_COLOR,
    values: hours.map((hour) => hour.deliveries[platform] ?? 0),
  }));
  const deliveryTitles = hours.map(
    (hour, index) =>
      `${titles[index]}: ${report.platforms.map((platform) => `${platform} ${hour.deliveries[platform] ?? 0}`).join(", ")}`,
  );
  const single = (name: string, color: string, pick: (hour: HourUsage) => number): string =>
    columnChart({
      size: HALF,
      labels,
      titles: hours.map((hour, index) => `${titles[index]}: ${pick(hour)} ${name}`),
      series: [{ name, color, values: hours.map(pick) }],
    });
  const intents = report.intents.filter((intent) => intent.source === "webhook");
  return [
    card(
      "Deliveries per hour, by platform",
      columnChart({ size: WIDE, labels, titles: deliveryTitles, series: platforms }),
      {
        wide: true,
        legend: platforms,
      },
    ),
    card(
      "Error rate per hour",
      lineChart({
        size: HALF,
        labels,
        titles: hours.map(
          (hour, index) => `${titles[index]}: ${hour.errors} of ${hour.handled} failed (handler errors)`,
        ),
        values: hours.map((hour) => (hour.handled > 0 ? hour.errors / hour.handled : null)),
        color: "#d93025",
        format: percent,
      }),
    ),
    card(
      "Active users per hour",
      single("users", "#188038", (hour) => hour.activeUsers),
    ),
    card(
      "Digests sent per hour",
      single("digests", "#f29900", (hour) => hour.digestsSent),
    ),
    card(
      "Rate limited per hour",
      single("dropped", "#a142f4", (hour) => hour.rateLimited),
    ),
    card(
      "Duration per intent (p50 / p95)",
      intents.length > 0
        ? rangeBars(
            WIDE,
            intents.map((intent) => ({ label: intent.intent, low: intent.p50Ms, high: intent.p95Ms })),
            { low: "#1a73e8", high: "#aecbfa" },
          )
        : `<p class="empty">No deliveries handled in this range.</p>`,
      {
        wide: true,
        legend: [
          { name: "p50", color: "#1a73e8", values: [] },
          { name: "p95", color: "#aecbfa", values: [] },
        ],
      },
    ),
  ].join("\n");
}

function intentTable(report: UsageReport): string {
  if (report.intents.length === 0) return "";
  const rows = report.intents
    .map(
      (intent) => `<tr><td>${escapeHtml(intent.intent)}</td><td>${escapeHtml(intent.source)}</td>
<td class="n">${count(intent.count)}</td><td class="n">${count(intent.userErrors)}</td><td class="n">${count(intent.errors)}</td>
<td class="n">${intent.p50Ms}</td><td class="n">${intent.p95Ms}</td><td class="n">${intent.meanMs}</td></tr>`,
    )
    .join("\n");
  return card(
    "Intents",
    `<table><thead><tr><th>intent</th><th>source</th><th class="n">runs</th><th class="n">user errors</th>
<th class="n">errors</th><th class="n">p50 ms</th><th class="n">p95 ms</th><th class="n">mean ms</th></tr></thead>
<tbody>${rows}</tbody></table>`,
    { wide: true },
  );
}

/**
 * Tier 2 per day: model calls, tokens in and out, and the messages it
 * answered, as a share of all handled that day.
 */
function aiTable(report: UsageReport): string {
  const { ai } = report;
  const share = (answered: number, handled: number) => (handled > 0 ? percent(answered / handled) : "–");
  const rows = ai.days
    .map(
      (day) => `<tr><td>${escapeHtml(day.day)}</td><td class="n">${count(day.calls)}</td>
<td class="n">${count(day.tokensIn)}</td><td class="n">${count(day.tokensOut)}</td><td class="n">${count(day.answered)}</td>
<td class="n">${share(day.answered, day.handled)}</td><td class="n">${count(day.overBudget)}</td></tr>`,
    )
    .join("\n");
  const note =
    ai.calls + ai.overBudget === 0
      ? "No messages went to the model in this range: tier 2 is off, or tier 1 placed them all."
      : `${count(ai.failed)} ${ai.failed === 1 ? "call" : "calls"} timed out or failed; a call took ${count(ai.meanMs)} ms on average.`;
  return card(
    "Tier 2: model calls per day",
    `<table class="ai"><thead><tr><th>day (UTC)</th><th class="n">calls</th><th class="n">tokens in</th>
<th class="n">tokens out</th><th class="n">answered</th><th class="n">share of messages</th>
<th class="n">over budget</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="note">${escapeHtml(note)}</p>`,
    { wide: true },
  );
}

/**
 * The operator's broadcast: a plain form posted to `POST /admin/broadcast`
 * (the page's policy allows posting to itself only, and the route takes
 * forms from this origin only).
 */
function broadcastForm(bots: readonly string[], platforms: readonly string[]): string {
  const options = (values: readonly [string, string][]) =>
    values.map(([value, label]) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`).join("");
  return card(
    "Broadcast to every chat of a bot",
    `<form class="broadcast" method="post" action="/admin/broadcast">
<label>Bot <select name="bot">${options(bots.map((bot) => [bot, bot]))}</select></label>
<label>Platform <select name="platform">${options([
      ["", "all platforms"],
      ...platforms.map((name): [string, string] => [name, name.charAt(0).toUpperCase() + name.slice(1)]),
    ])}</select></label>
<label class="text">Message <textarea name="text" rows="3" maxlength="${MAX_BROADCAST_LENGTH}" required></textarea></label>
<button type="submit">Send to every chat</button>
</form>
<p class="note">Sent once to each chat the bot has seen, paced to each platform's limits.</p>`,
    { wide: true },
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#202124;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 24px;margin-bottom:16px}
h1{font-size:20px;margin:0}
.range{color:#5f6368}
nav{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}
.pill{padding:3px 10px;border:1px solid #dadce0;border-radius:999px;color:#1a73e8;text-decoration:none;background:#fff}
.pill.active{background:#1a73e8;border-color:#1a73e8;color:#fff}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
.tile,.card{background:#fff;border:1px solid #e0e3e7;border-radius:8px}
.tile{padding:12px 14px}
.tile .label{color:#5f6368;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.tile .value{font-size:26px;font-weight:600;margin-top:2px}
.tile .note{color:#5f6368;font-size:12px}
.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px}
.card{padding:12px 16px}
.card.wide{grid-column:1/-1}
.card h2{font-size:14px;margin:0 0 6px}
.legend{display:flex;gap:14px;font-size:12px;color:#5f6368;margin-bottom:4px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
svg{width:100%;height:auto;display:block}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:5px 8px;border-bottom:1px solid #eef0f2;text-align:left}
th{color:#5f6368;font-weight:500}
.n{text-align:right}
.empty{color:#5f6368}
.broadcast{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end}
.broadcast label{display:flex;flex-direction:column;gap:2px;color:#5f6368;font-size:12px}
.broadcast label.text{flex:1 1 320px}
.broadcast textarea,.broadcast select{font:inherit;padding:4px 6px;border:1px solid #dadce0;border-radius:4px}
.broadcast button{font:inherit;padding:6px 14px;border:0;border-radius:4px;background:#1a73e8;color:#fff;cursor:pointer}
.card .note{color:#5f6368;font-size:12px;margin:6px 0 0}
@media (max-width:760px){.grid{grid-template-columns:1fr}}
`;

export function usagePage(context: PageContext): string {
  const { report } = context;
  const { totals } = report;
  const range = `${utc(report.from)} – ${utc(report.to)} UTC`;
  const ranges = pills(
    RANGES.map((since) => ({ label: since, href: link(context, { since }), active: context.since === since })),
  );
  const bots = pills([
    { label: "all bots", href: link(context, { bot: null }), active: report.bot === null },
    ...context.bots.map((bot) => ({ label: bot, href: link(context, { bot }), active: report.bot === bot })),
  ]);
  const tiles = [
    tile("Deliveries", count(totals.deliveries), `${count(totals.handled)} handled`),
    tile("Active users", count(totals.activeUsers)),
    tile(
      "Error rate",
      totals.errorRate === null ? "–" : percent(totals.errorRate),
      `${count(totals.errors)} errors, ${count(totals.userErrors)} user errors`,
    ),
    tile("Digests sent", count(totals.digestsSent)),
    tile("Rate limited", count(totals.rateLimited)),
    tile("Rejected", count(totals.rejected), `${count(totals.duplicates)} retries ignored`),
    tile(
      "Answered by tier 2",
      report.ai.share === null ? "–" : percent(report.ai.share),
      `${count(report.ai.calls)} model calls, ${count(report.ai.tokensIn + report.ai.tokensOut)} tokens`,
    ),
  ].join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Parley usage</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>Parley usage</h1><span class="range">${escapeHtml(range)} · ${escapeHtml(report.bot ?? "all bots")}</span></header>
<nav>${ranges}</nav>
<nav>${bots}</nav>
<div class="tiles">${tiles}</div>
<div class="grid">
${charts(report)}
${intentTable(report)}
${aiTable(report)}
${broadcastForm(context.bots, context.platforms)}
</div>
</main>
</body>
</html>`;
}
