/**
 * Charts as inline SVG strings, drawn on the server: the admin page needs
 * no script, no stylesheet from elsewhere and no chart library. Each bar or
 * point carries a <title>, which browsers show on hover. A chart's view box
 * is about as wide as the space the page gives it, so that its text is drawn
 * at the page's own size.
 */
import { escapeHtml } from "../lib/html.ts";

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

/** Width and height of a chart's view box. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

export const HALF: Size = { width: 530, height: 180 };
export const WIDE: Size = { width: 1100, height: 220 };

const PAD = { top: 12, right: 12, bottom: 26, left: 44 };
const AXIS = "#9aa0a6";
const GRID = "#e8eaed";
const TEXT = "#5f6368";

/** Tops an axis may have, times a power of ten: round, and close enough that no chart is mostly empty. */
const ROUND_TOPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest round top at or above `value` (1 for nothing). */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = ROUND_TOPS.find((factor) => factor * magnitude >= value - 1e-9) ?? 10;
  // toPrecision drops the float noise of 1.2 × 10 = 12.000000000000002.
  return Number((step * magnitude).toPrecision(12));
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Where things go in a chart of `size` with `count` columns, scaled to `top`. */
function layout(size: Size, count: number, top: number) {
  const plotWidth = size.width - PAD.left - PAD.right;
  const plotHeight = size.height - PAD.top - PAD.bottom;
  const step = plotWidth / Math.max(1, count);
  return {
    step,
    /** The x of column `index`'s centre. */
    x: (index: number) => round(PAD.left + step * (index + 0.5)),
    /** The y of `value`. */
    y: (value: number) => round(PAD.top + plotHeight * (1 - value / top)),
  };
}

function svg(size: Size, body: string, fontSize = 11): string {
  return `<svg viewBox="0 0 ${size.width} ${size.height}" role="img" font-size="${fontSize}" fill="${TEXT}" xmlns="http://www.w3.org/2000/svg">
${body}
</svg>`;
}

/** Gridlines at 0, half and `top` with their values, and the non-empty x labels. */
function axes(size: Size, labels: readonly string[], top: number, format: (value: number) => string): string {
  const { x, y } = layout(size, labels.length, top);
  const grid = [0, 0.5, 1].map((fraction) => {
    const at = y(top * fraction);
    return `<line x1="${PAD.left}" x2="${size.width - PAD.right}" y1="${at}" y2="${at}" stroke="${fraction === 0 ? AXIS : GRID}"/>
<text x="${PAD.left - 6}" y="${at + 4}" text-anchor="end">${escapeHtml(format(top * fraction))}</text>`;
  });
  const xLabels = labels.map((label, index) =>
    label ? `<text x="${x(index)}" y="${size.height - 8}" text-anchor="middle">${escapeHtml(label)}</text>` : "",
  );
  return `${grid.join("\n")}\n${xLabels.join("")}`;
}

/**
 * Stacked columns, one per label (an hour; an empty label is not printed),
 * one segment per series. `titles[i]` is the hover text of column `i`.
 */
export function columnChart(options: {
  readonly size: Size;
  readonly labels: readonly string[];
  readonly titles: readonly string[];
  readonly series: readonly Series[];
}): string {
  const { size, labels, titles, series } = options;
  const totals = labels.map((_, index) => series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0));
  const top = niceCeiling(Math.max(0, ...totals));
  const { step, x, y } = layout(size, labels.length, top);
  const width = round(Math.max(1, step * 0.72));
  const columns = labels.map((_, index) => {
    let base = 0;
    const segments = series.map((one) => {
      const value = one.values[index] ?? 0;
      if (value <= 0) return "";
      const bottom = y(base);
      base += value;
      return `<rect x="${round(x(index) - width / 2)}" y="${y(base)}" width="${width}" height="${round(bottom - y(base))}" fill="${one.color}"/>`;
    });
    const drawn = segments.join("");
    return drawn ? `<g><title>${escapeHtml(titles[index] ?? "")}</title>${drawn}</g>` : "";
  });
  return svg(size, `${axes(size, labels, top, (value) => String(Number(value.toFixed(1))))}\n${columns.join("\n")}`);
}

/** A line over the labels; a null value (nothing to measure that hour) breaks it. */
export function lineChart(options: {
  readonly size: Size;
  readonly labels: readonly string[];
  readonly titles: readonly string[];
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly format: (value: number) => string;
}): string {
  const { size, labels, titles, values, color } = options;
  const top = niceCeiling(Math.max(0, ...values.map((value) => value ?? 0)));
  const { x, y } = layout(size, labels.length, top);
  let path = "";
  let drawing = false;
  const dots = values.map((value, index) => {
    if (value === null) {
      drawing = false;
      return "";
    }
    path += `${drawing ? "L" : "M"}${x(index)} ${y(value)}`;
    drawing = true;
    const radius = labels.length > 60 ? 1.5 : 2.5;
    return `<circle cx="${x(index)}" cy="${y(value)}" r="${radius}" fill="${color}"><title>${escapeHtml(titles[index] ?? "")}</title></circle>`;
  });
  const line = path ? `<path d="${path}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"/>` : "";
  return svg(size, `${axes(size, labels, top, options.format)}\n${line}\n${dots.join("")}`);
}

export interface RangeRow {
  readonly label: string;
  /** The typical value (p50), drawn dark. */
  readonly low: number;
  /** The high value (p95), drawn light behind it. */
  readonly high: number;
}

/** One horizontal bar per row: `high` light, `low` dark over it, both values printed at the end (in ms). */
export function rangeBars(size: Size, rows: readonly RangeRow[], colors: { low: string; high: string }): string {
  const rowHeight = 24;
  const labelWidth = 130;
  const valueWidth = 130;
  const plot = size.width - labelWidth - valueWidth;
  const top = niceCeiling(Math.max(1, ...rows.map((row) => row.high)));
  const scale = (value: number) => Math.max(1, round((plot * Math.min(value, top)) / top));
  const bars = rows.map((row, index) => {
    const y = 4 + index * rowHeight;
    return `<g><title>${escapeHtml(`${row.label}: p50 ${row.low} ms, p95 ${row.high} ms`)}</title>
<text x="${labelWidth - 10}" y="${y + 15}" text-anchor="end" fill="#202124">${escapeHtml(row.label)}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${scale(row.high)}" height="14" rx="2" fill="${colors.high}"/>
<rect x="${labelWidth}" y="${y + 4}" width="${scale(row.low)}" height="14" rx="2" fill="${colors.low}"/>
<text x="${labelWidth + scale(row.high) + 8}" y="${y + 15}">${row.low} / ${row.high} ms</text></g>`;
  });
  return svg({ width: size.width, height: rows.length * rowHeight + 8 }, bars.join("\n"), 12);
}
