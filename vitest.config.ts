import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_SECRETS, TEST_SETTINGS } from "./test/secrets.ts";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: { bindings: { ...TEST_SETTINGS, ...TEST_SECRETS, TEST_MIGRATIONS: migrations } },
      }),
    ],
    test: {
      setupFiles: ["./test/setup.ts"],
      silent: "passed-only" as const,
      // discord-api-types' ESM entry re-exports a CommonJS file, which the workers pool cannot
      // import as is (workers-sdk#7323); pre-bundled, it loads as it does under wrangler.
      deps: { optimizer: { ssr: { enabled: true, include: ["discord-api-types/v10"] } } },
    },
  };
});
