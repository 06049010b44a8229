import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";
import { TEST_SECRETS, TEST_SETTINGS } from "./test/secrets.ts";

/**
 * Every name a developer's .dev.vars may set (the plugin loads that file), set
 * to "" so that local development values never change what the tests see.
 */
function blankDevVars(): Record<string, string> {
  const names = readFileSync(".dev.vars.example", "utf8").match(/^[A-Z][A-Z0-9_]*(?==)/gm) ?? [];
  return Object.fromEntries(names.map((name) => [name, ""]));
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { ...blankDevVars(), ...TEST_SETTINGS, ...TEST_SECRETS, TEST_MIGRATIONS: migrations },
          // Suites send many messages as one user within a minute; flood control and the
          // autocomplete budget are tested with limiters of their own, so the real ones are generous here.
          ratelimits: {
            RATE_LIMITER: { namespace_id: "1001", simple: { limit: 10_000, period: 60 } },
            SUGGEST_LIMITER: { namespace_id: "1002", simple: { limit: 10_000, period: 60 } },
          },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/setup.ts"],
      // Browser tests (against `wrangler dev`) and command-line tests run under Node (node --test), not inside workerd.
      exclude: [...configDefaults.exclude, "test/browser/**", "test/scripts/**"],
      silent: "passed-only" as const,
      // Time limits catch a hang, not slowness: a loaded 2-core machine takes several times longer
      // for the property tests' hundreds of deliveries, and that must not change an outcome.
      testTimeout: 60_000,
      // Files spend much of their time waiting on workerd, so even two cores run two at once well
      // (vitest's default leaves one core idle).
      maxWorkers: Math.max(2, availableParallelism()),
      hookTimeout: 60_000,
      // discord-api-types' ESM entry re-exports a CommonJS file, which the workers pool cannot
      // import as is (workers-sdk#7323); pre-bundled, it loads as it does under wrangler.
      deps: { optimizer: { ssr: { enabled: true, include: ["discord-api-types/v10"] } } },
    },
  };
});
