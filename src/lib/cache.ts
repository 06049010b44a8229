/**
 * KV as a cache only: values that may be stale for a minute without harm
 * (KV is eventually consistent across locations). Never dedup, locks or counters.
 */
import { describeError, log } from "../log.ts";

/** KV keeps nothing for less than a minute. */
const MIN_TTL_SECONDS = 60;

/** Returns the cached value under `key`, or loads, stores and returns it. */
export async function cached<T>(kv: KVNamespace, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await kv.get<T>(key, "json");
  if (hit !== null) return hit;
  const value = await load();
  await kv.put(key, JSON.stringify(value), { expirationTtl: Math.max(MIN_TTL_SECONDS, ttlSeconds) });
  return value;
}

/** A cache whose writes nobody waits for: `put` hands its write to `defer` (the request's `waitUntil`). */
export interface DeferredCache<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): void;
}

/** `namespace` and a hash of `key`: any key, however long, within KV's 512 bytes. */
async function hashedKey(namespace: string, key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${namespace}:${hex}`;
}

/** JSON values in KV for `ttlSeconds`, under `namespace`; a failed write is logged, never thrown. */
export function deferredCache<T>(
  kv: KVNamespace,
  namespace: string,
  ttlSeconds: number,
  defer: (write: Promise<void>) => void,
): DeferredCache<T> {
  return {
    async get(key) {
      return (await kv.get<T>(await hashedKey(namespace, key), "json")) ?? undefined;
    },
    put(key, value) {
      const write = hashedKey(namespace, key).then((hashed) =>
        kv.put(hashed, JSON.stringify(value), { expirationTtl: Math.max(MIN_TTL_SECONDS, ttlSeconds) }),
      );
      defer(
        write.catch((error: unknown) => log("error", "cache_write_failed", { namespace, error: describeError(error) })),
      );
    },
  };
}
