/**
 * Durations kept as bucket counts instead of one value per delivery, so that
 * an hour of traffic is a handful of rows and p50/p95 can still be read off
 * it. Bucket `i` holds durations in (BOUNDS[i - 1], BOUNDS[i]] milliseconds;
 * the last one everything slower than the last bound. The bounds grow by
 * about half each step, so an estimate is off by at most a step's width.
 * Changing them reinterprets rows already stored: add a new table instead.
 */
export const BOUNDS_MS: readonly number[] = [
  5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 30_000,
];

/** The index of the bucket that counts a duration of `ms`. */
export function bucketOf(ms: number): number {
  const index = BOUNDS_MS.findIndex((bound) => ms <= bound);
  return index === -1 ? BOUNDS_MS.length : index;
}

/**
 * The `q` quantile (0.5 for the median) of the durations counted in
 * `counts` (indexed by bucket), interpolated linearly inside the bucket it
 * falls in. Durations past the last bound are reported as that bound: at
 * least this slow. Undefined when nothing was counted.
 */
export function quantile(counts: readonly number[], q: number): number | undefined {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const target = q * total;
  let before = 0;
  for (const [index, count] of counts.entries()) {
    if (count > 0 && before + count >= target) {
      const lower = index === 0 ? 0 : (BOUNDS_MS[index - 1] ?? 0);
      const upper = BOUNDS_MS[index];
      if (upper === undefined) return lower;
      return lower + ((upper - lower) * Math.max(0, target - before)) / count;
    }
    before += count;
  }
  return BOUNDS_MS.at(-1);
}
