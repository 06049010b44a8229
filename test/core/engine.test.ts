import { env } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { describe, expect, it, vi } from "vitest";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sentTexts, stubTelegramApi } from "../support/telegram.ts";

const counter = defineIntent({
  command: "count",
  description: "Add one to a counter",
  async run(ctx) {
    const value = typeof ctx.user.data.count === "number" ? ctx.user.data.count : 0;
    // Give concurrent updates every chance to interleave.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    ctx.user.data.count = value + 1;
    ctx.reply(`count is ${value + 1}`);
  },
});

const broken = defineIntent({
  command: "broken",
  description: "Fails after changing state",
  run(ctx) {
    ctx.user.data.count = 1000;
    throw new Error("handler exploded");
  },
});

const leaky = defineIntent({
  command: "leaky",
  description: "Fails with an error that quotes a URL with the token in it",
  run() {
    throw new Error("GET https://api.telegram.org/bot777:lab-token-value/getMe failed");
  },
});

const lab = defineBot({
  name: "lab",
  intents: [counter, broken, leaky],
  messages: { en: "parley-apology = Sorry, that failed." },
});

async function storedCount(userId: number): Promise<unknown> {
  const row = await env.DB.prepare("SELECT data FROM users WHERE bot = 'lab' AND user_id = ?")
    .bind(String(userId))
    .first<{ data: string }>();
  return row ? JSON.parse(row.data).count : undefined;
}

describe("engine", () => {
  it("loses no update when many arrive at once for one user", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const worker = labWorker(lab);
    const responses = await Promise.all(Array.from({ length: 10 }, () => worker.send("/count", { userId: 201 })));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(await storedCount(201)).toBe(10);
    expect(sentTexts(outbound).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `count is ${i + 1}`).sort());
  });

  it("apologises for a throwing handler, keeps none of its changes, and logs the update id", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const worker = labWorker(lab);
    await worker.send("/count", { userId: 202 });
    const response = await worker.send("/broken", { userId: 202, updateId: 987_654 });
    expect(response.status).toBe(200);
    expect(sentTexts(outbound)).toEqual(["count is 1", "Sorry, that failed."]);
    expect(await storedCount(202)).toBe(1);
    const logged = errors.mock.calls.map((call) => String(call[0])).join("\n");
    expect(logged).toContain('"eventId":"987654"');
    expect(logged).toContain("handler exploded");
  });

  it("logs a failed send with the update id when the platform cannot be reached", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    interceptFetch().on("https://api.telegram.org", () => {
      throw new TypeError("connection refused");
    });
    const response = await labWorker(lab).send("/count", { userId: 203, updateId: 31_337 });
    expect(response.status).toBe(200);
    const logged = errors.mock.calls.map((call) => String(call[0])).join("\n");
    expect(logged).toContain('"event":"send_failed"');
    expect(logged).toContain('"eventId":"31337"');
    expect(logged).not.toContain("lab-token-value");
  });

  it("never writes a bot's secret to the log, even when an error quotes it", async () => {
    stubTelegramApi(interceptFetch());
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await labWorker(lab).send("/leaky", { userId: 205 });
    const logged = errors.mock.calls.map((call) => String(call[0])).join("\n");
    expect(logged).toContain("getMe failed");
    expect(logged).not.toContain("lab-token-value");
    expect(logged).toContain("[redacted]");
  });

  it("writes one log line per delivery with bot, platform, intent, outcome and duration", async () => {
    stubTelegramApi(interceptFetch());
    const lines = vi.spyOn(console, "info").mockImplementation(() => {});
    await labWorker(lab).send("/count", { userId: 204 });
    const deliveries = lines.mock.calls
      .map((call) => JSON.parse(String(call[0])))
      .filter((l) => l.event === "delivery");
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ bot: "lab", platform: "telegram", intent: "count", outcome: "ok" });
    expect(typeof deliveries[0].ms).toBe("number");
    expect(deliveries[0].d1).toBeGreaterThanOrEqual(1);
    expect(deliveries[0].subrequests).toBe(1);
  });
});
