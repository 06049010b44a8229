import { applyD1Migrations, env } from "cloudflare:test";
import { afterEach, beforeAll, vi } from "vitest";
import { echoBot } from "../bots/echo/index.ts";
import { understand } from "../src/core/understanding.ts";

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
  // Plain words load the matcher's module on first use. Loaded first inside a test that fakes
  // setTimeout (test/support/clock.ts), the test runner's module fetch would wait on a faked timer.
  await understand(echoBot, "hello", "en");
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});
