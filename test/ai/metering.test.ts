/**
 * Tier 2 is metered like everything else: each model call (and each
 * message refused for the budget) in the hourly `ai_usage` rollup in D1 and
 * as an Analytics Engine data point, in the delivery's log line, and on the
 * admin page as calls and tokens per day and the share of messages tier 2
 * answered.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { recordAiCall } from "../../src/usage/ai.ts";
import { pseudonym, recordUsage } from "../../src/usage/record.ts";
import { UsageReport } from "../../src/usage/report.ts";
import { recordingAi } from "../support/ai.ts";
import { capturingDataset } from "../support/analytics.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { stubTelegramApi } from "../support/telegram.ts";
import { expired, unlimited } from "../support/time.ts";
import { testEnv } from "../support/worker.ts";
import { workersAiAnswer, workersAiToolCall } from "./fixtures.ts";

const MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

const greet = defineIntent({
  command: "greet",
  description: "Greet someone",
  args: [{ name: "name", type: "string", rest: true, description: "Whom to greet" }],
  run(ctx) {
    ctx.reply(`Hello, ${ctx.args.name}!`);
  },
});
const counter = defineBot({ name: "counter", intents: [greet] });

interface AiUsageRow {
  outcome: string;
  count: number;
  tokens_in: number;
  tokens_out: number;
}

async function aiUsage(bot: string): Promise<AiUsageRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT outcome, SUM(count) AS count, SUM(tokens_in) AS tokens_in, SUM(tokens_out) AS tokens_out
     FROM ai_usage WHERE bot = ? AND model = ? GROUP BY outcome ORDER BY outcome`,
  )
    .bind(bot, MODEL)
    .all<AiUsageRow>();
  return results;
}

describe("metering tier 2", () => {
  it("counts calls, tokens and outcomes in D1, and each call in Analytics Engine under a pseudonym", async () => {
    stubTelegramApi(interceptFetch());
    const { points, dataset } = capturingDataset();
    const ai = recordingAi().answer(
      { body: workersAiAnswer("Fine, thanks.", { prompt: 600, completion: 4 }) },
      { body: workersAiToolCall("greet", { name: "Ann" }, { prompt: 700, completion: 20 }) },
      { body: workersAiAnswer("Again.", { prompt: 610, completion: 2 }) },
    );
    const settings = { COUNTER_AI_ENABLED: "true", COUNTER_AI_DAILY_BUDGET: "3", AI: ai, USAGE: dataset };
    const worker = labWorker(counter, settings, { modelTimer: unlimited });
    for (const text of ["how are you?", "say hi to Ann", "how are you now?", "and now?"]) {
      await worker.send(text, { userId: 6101 });
    }
    expect(await aiUsage("counter")).toEqual([
      { outcome: "answered", count: 2, tokens_in: 1210, tokens_out: 6 },
      { outcome: "over_budget", count: 1, tokens_in: 0, tokens_out: 0 },
      { outcome: "tool_call", count: 1, tokens_in: 700, tokens_out: 20 },
    ]);
    const hash = await pseudonym("telegram", "6101");
    const aiPoints = points.filter((point) => point.blobs?.[0] === "ai");
    expect(aiPoints).toHaveLength(4);
    expect(aiPoints[1]).toEqual({
      indexes: ["counter"],
      blobs: ["ai", "counter", "telegram", MODEL, "tool_call", hash],
      doubles: [expect.any(Number), 700, 20],
    });
    expect(JSON.stringify(points)).not.toContain("6101");
  });

  it("counts a timeout with the time it took and no tokens", async () => {
    stubTelegramApi(interceptFetch());
    const ai = recordingAi().answer("hang");
    const worker = labWorker(counter, { COUNTER_AI_ENABLED: "true", AI: ai }, { modelTimer: expired });
    await worker.send("anyone home?", { userId: 6102 });
    const row = await env.DB.prepare(
      "SELECT count, tokens_in, tokens_out FROM ai_usage WHERE bot = 'counter' AND outcome = 'timeout'",
    ).first();
    expect(row).toEqual({ count: 1, tokens_in: 0, tokens_out: 0 });
  });

  it("says in the delivery's log line that tier 2 answered, with the model, tokens and milliseconds", async () => {
    stubTelegramApi(interceptFetch());
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const ai = recordingAi().answer({ body: workersAiAnswer("Yes.", { prompt: 321, completion: 1 }) });
    await labWorker(counter, { COUNTER_AI_ENABLED: "true", AI: ai }, { modelTimer: unlimited }).send("really?", {
      userId: 6103,
      updateId: 610_301,
    });
    const lines = info.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
    const delivery = lines.find((line) => line.event === "delivery" && line.eventId === "610301");
    expect(delivery).toMatchObject({
      intent: "ai",
      outcome: "ok",
      tier: 2,
      model: MODEL,
      aiOutcome: "answered",
      tokensIn: 321,
      tokensOut: 1,
      aiMs: expect.any(Number),
    });
  });
});

const TOKEN = "admin-test-token-0123456789";

async function adminGet(path: string): Promise<Response> {
  const adminEnv = { ...testEnv, ADMIN_TOKEN: TOKEN } as Env;
  const ctx = createExecutionContext();
  const request = new Request(`https://parley.test${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const response = await worker.fetch(request, adminEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe("the admin page", () => {
  it("shows model calls and tokens per day, and the share of messages tier 2 answered", async () => {
    const day = Date.parse("2033-02-10T09:00:00Z");
    const call = { bot: "concierge", platform: "telegram", model: MODEL, userId: "1", at: day };
    await recordAiCall(testEnv, { ...call, outcome: "answered", tokensIn: 1000, tokensOut: 50, ms: 900 });
    await recordAiCall(testEnv, { ...call, outcome: "tool_call", tokensIn: 1200, tokensOut: 30, ms: 700 });
    await recordAiCall(testEnv, { ...call, outcome: "timeout", tokensIn: 0, tokensOut: 0, ms: 10_000 });
    await recordAiCall(testEnv, { ...call, outcome: "over_budget", tokensIn: 0, tokensOut: 0, ms: 0 });
    const delivery = { source: "webhook", bot: "concierge", platform: "telegram", intent: "weather" } as const;
    await recordUsage(
      testEnv,
      Array.from({ length: 8 }, () => ({ ...delivery, outcome: "ok" as const, ms: 40, at: day })),
    );

    const report = UsageReport.parse(await (await adminGet("/admin/usage?from=2033-02-10&to=2033-02-11")).json());
    expect(report.ai).toEqual({
      calls: 3,
      tokensIn: 2200,
      tokensOut: 80,
      answered: 2,
      overBudget: 1,
      failed: 1,
      share: 0.25,
      meanMs: 3867,
      days: [{ day: "2033-02-10", calls: 3, tokensIn: 2200, tokensOut: 80, answered: 2, overBudget: 1, handled: 8 }],
    });

    const page = await (await adminGet("/admin?from=2033-02-10&to=2033-02-11")).text();
    expect(page).toContain("Tier 2: model calls per day");
    const row = /<tr><td>2033-02-10<\/td>([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? "";
    expect([...row.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((cell) => cell[1])).toEqual([
      "3",
      "2,200",
      "80",
      "2",
      "25%",
      "1",
    ]);
    expect(page).toContain("Answered by tier 2");
    expect(page).toContain("1 call timed out or failed; a call took 3,867 ms on average.");
  });
});
