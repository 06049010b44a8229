/**
 * `npm run usage` against a loopback Worker: one GET of /admin/usage with
 * the range, the bot and the token as a bearer, printed as tables; nothing
 * sent without a token; a refused token ends it with a clear message that
 * does not hold the token.
 *
 *   npx node --test test/scripts/usage.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import type { UsageReport } from "../../src/usage/report.ts";
import { runScript } from "./run-script.ts";
import { type Answer, type StandIn, startStandIn } from "./stand-in.ts";

const TOKEN = "script-test-admin-token";

const quiet = { telegram: 0, slack: 0 };
const REPORT: UsageReport = {
  from: "2030-01-01T00:00:00.000Z",
  to: "2030-01-01T03:00:00.000Z",
  bot: "concierge",
  platforms: ["telegram", "slack"],
  totals: {
    deliveries: 14,
    handled: 10,
    errors: 1,
    userErrors: 2,
    errorRate: 0.1,
    rateLimited: 2,
    rejected: 3,
    duplicates: 4,
    activeUsers: 5,
    digestsSent: 6,
  },
  hours: [
    {
      hour: "2030-01-01T00:00:00.000Z",
      deliveries: { telegram: 9, slack: 3 },
      handled: 10,
      errors: 1,
      rateLimited: 2,
      rejected: 3,
      activeUsers: 5,
      digestsSent: 0,
    },
    {
      hour: "2030-01-01T01:00:00.000Z",
      deliveries: quiet,
      handled: 0,
      errors: 0,
      rateLimited: 0,
      rejected: 0,
      activeUsers: 0,
      digestsSent: 0,
    },
    {
      hour: "2030-01-01T02:00:00.000Z",
      deliveries: quiet,
      handled: 0,
      errors: 0,
      rateLimited: 0,
      rejected: 0,
      activeUsers: 0,
      digestsSent: 6,
    },
  ],
  intents: [
    { source: "webhook", intent: "weather", count: 7, errors: 1, userErrors: 2, p50Ms: 120, p95Ms: 480, meanMs: 150 },
    { source: "queue", intent: "digest:news", count: 6, errors: 0, userErrors: 0, p50Ms: 90, p95Ms: 210, meanMs: 101 },
  ],
  ai: {
    calls: 4,
    tokensIn: 3200,
    tokensOut: 90,
    answered: 3,
    overBudget: 1,
    failed: 1,
    share: 0.3,
    meanMs: 850,
    days: [{ day: "2030-01-01", calls: 4, tokensIn: 3200, tokensOut: 90, answered: 3, overBudget: 1, handled: 10 }],
  },
};

/** What the script prints for REPORT: every column but the first right-aligned, quiet hours left out. */
const PRINTED = `Parley usage, 2030-01-01 00:00 to 2030-01-01 03:00 UTC, concierge

hour (UTC)        telegram  slack  errors  limited  rejected  users  digests
2030-01-01 00:00         9      3    1/10        2         3      5        0
2030-01-01 02:00         0      0     0/0        0         0      0        6
total                    9      3    1/10        2         3      5        6

(1 quiet hours not shown; users in "total" are distinct over the range)
error rate 10.0%, 2 user errors, 4 retries ignored

intent        source  runs  user errors  errors  p50 ms  p95 ms  mean ms
weather      webhook     7            2       1     120     480      150
digest:news    queue     6            0       0      90     210      101

tier 2: 4 model calls, 3200 + 90 tokens, 3 messages answered (30.0% of those handled), 1 over budget
`;

let answer: Answer;
let worker: StandIn;

before(async () => {
  worker = await startStandIn(() => answer);
});
beforeEach(() => {
  answer = { status: 200, body: REPORT };
  worker.reset();
});
after(() => worker.close());

test("asks for the range and bot with the token as a bearer, and prints the report as tables", async () => {
  const run = await runScript("usage.ts", ["--url", worker.url, "--since", "7d", "--bot", "concierge"], {
    ADMIN_TOKEN: TOKEN,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    worker.calls.map((call) => ({ method: call.method, url: call.url, authorization: call.headers.authorization })),
    [{ method: "GET", url: "/admin/usage?since=7d&bot=concierge", authorization: `Bearer ${TOKEN}` }],
  );
  assert.equal(run.stdout, PRINTED);
});

test("a refused token stops it with a clear message that does not hold the token", async () => {
  answer = { status: 401, body: "Unauthorized" };
  const run = await runScript("usage.ts", ["--url", worker.url], { ADMIN_TOKEN: TOKEN });
  assert.equal(run.code, 1);
  assert.deepEqual(
    worker.calls.map((call) => call.url),
    ["/admin/usage?since=24h"],
  );
  assert.equal(run.stderr, "The Worker refused ADMIN_TOKEN: it is not the Worker's token.\n");
  assert.ok(!`${run.stdout}${run.stderr}`.includes(TOKEN), "the token stays out of the output");
});

test("without a token it says which variable to set and calls nothing", async () => {
  const run = await runScript("usage.ts", ["--url", worker.url], {});
  assert.equal(run.code, 1);
  assert.equal(run.stderr, "Set ADMIN_TOKEN in the environment (the Worker's ADMIN_TOKEN).\n");
  assert.deepEqual(worker.calls, []);
});

test("an answer that is not a usage report is refused, not printed", async () => {
  answer = { status: 200, body: { ...REPORT, totals: undefined } };
  const run = await runScript("usage.ts", ["--url", worker.url], { ADMIN_TOKEN: TOKEN });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^Unexpected answer from http:\/\/127\.0\.0\.1:\d+\/admin\/usage\?since=24h:\ntotals: /);
  assert.equal(run.stdout, "");
});

test("a refused query prints the Worker's reasons", async () => {
  answer = { status: 400, body: { error: "Bad query", issues: ["since: use a number and h or d, such as 24h"] } };
  const run = await runScript("usage.ts", ["--url", worker.url, "--since", "soon"], { ADMIN_TOKEN: TOKEN });
  assert.equal(run.code, 1);
  assert.equal(run.stderr, "The Worker refused the query:\nsince: use a number and h or d, such as 24h\n");
});

test("an answer that is not JSON stops it with the status, not a stack trace", async () => {
  answer = { status: 400, body: "<html>Bad Request</html>" };
  const run = await runScript("usage.ts", ["--url", worker.url], { ADMIN_TOKEN: TOKEN });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^http:\/\/127\.0\.0\.1:\d+\/admin\/usage\?since=24h answered 400\.\n$/);
});

test("a page that is not JSON in place of the report is refused, not a stack trace", async () => {
  answer = { status: 200, body: "<html>Another server</html>" };
  const run = await runScript("usage.ts", ["--url", worker.url], { ADMIN_TOKEN: TOKEN });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^Unexpected answer from http:\/\/127\.0\.0\.1:\d+\/admin\/usage\?since=24h:\n/);
  assert.equal(run.stdout, "");
});
