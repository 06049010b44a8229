import { applyD1Migrations, env } from "cloudflare:test";
import { afterEach, beforeAll, vi } from "vitest";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      CACHE: KVNamespace;
      FILES: R2Bucket;
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});
