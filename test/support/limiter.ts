/** A stand-in for a Rate Limiting binding: `limit` calls per key, counted exactly, with no window to straddle. */
export function countingLimiter(limit: number) {
  const counts = new Map<string, number>();
  const limiter: RateLimit = {
    async limit({ key }) {
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { success: count <= limit };
    },
  };
  return { limiter, counts };
}
