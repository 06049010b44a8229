/**
 * The local chat page and its emulators stay out of what is deployed: the
 * bundle `wrangler deploy` would upload is built (dry run) and its inputs,
 * from esbuild's metafile, hold nothing of scripts/. (That the deployed
 * Worker answers 404 at /dev is test/dev-page.test.ts, inside workerd.)
 *
 *   npx node --test test/browser/dev-only.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

test("the deployed bundle holds no module of scripts/", { timeout: 60_000 }, () => {
  const outdir = mkdtempSync(join(tmpdir(), "parley-bundle-"));
  try {
    const meta = join(outdir, "meta.json");
    const build = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir, "--metafile", meta], {
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
      timeout: 60_000,
    });
    assert.equal(build.status, 0, `${build.stdout}\n${build.stderr}`);
    const inputs = Object.keys((JSON.parse(readFileSync(meta, "utf8")) as { inputs: object }).inputs);
    assert.ok(inputs.includes("src/index.ts"), "the metafile lists the bundle's modules");
    assert.deepEqual(
      inputs.filter((input) => input.startsWith("scripts/")),
      [],
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
