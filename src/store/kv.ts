/**
 * KV as a cache only: values that may be stale for a minute without harm
 * (KV is eventually consistent across locations). Never dedup, locks or counters.
 */

/** Returns the cached value under `key`, or loads, stores and returns it. */
export async function cached<T>(kv: KVNamespace, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await kv.get<T>(key, "json");
  if (hit !== null) return hit;
  const value = await load();
  await kv.put(key, JSON.stringify(value), { expirationTtl: Math.max(60, ttlSeconds) });
  return value;
}
