import { defineBot, defineIntent } from "parley";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Update } from "../../src/core/update.ts";
import { readUsage } from "../../src/usage/query.ts";
import { labWorker } from "../support/lab.ts";
import { countingLimiter } from "../support/limiter.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sentTexts, stubTelegramApi } from "../support/telegram.ts";
import { testEnv } from "../support/worker.ts";

const HOUR = 60 * 60 * 1000;
const LIMIT = 5;

const ping = defineIntent({
  command: "ping",
  description: "Answers pong",
  run(ctx) {
    ctx.reply("pong");
  },
});
const flood = defineBot({ name: "flood", intents: [ping], messages: { en: "parley-slow-down = Slow down, please." } });

// Every test runs in the middle of a rate-limit window, so none of them straddles two.
const WINDOW_MIDDLE = Date.parse("2033-01-01T10:00:30Z");
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(WINDOW_MIDDLE);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("per-user rate limiting", () => {
  it("handles the first N, says slow down once, and drops the rest silently, each acknowledged", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const worker = labWorker(flood, { RATE_LIMITER: countingLimiter(LIMIT).limiter });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 4; i++) statuses.push((await worker.send("/ping", { userId: 901 })).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(sentTexts(outbound)).toEqual([...Array<string>(LIMIT).fill("pong"), "Slow down, please."]);
    // Dropped messages cost no call to the platform at all.
    expect(outbound.calls).toHaveLength(LIMIT + 1);
  });

  it("says slow down once even when the flood arrives all at once", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { limiter } = countingLimiter(LIMIT);
    const worker = labWorker(flood, { RATE_LIMITER: limiter });
    for (let i = 0; i < LIMIT; i++) await worker.send("/ping", { userId: 902 });
    const responses = await Promise.all(Array.from({ length: 10 }, () => worker.send("/ping", { userId: 902 })));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(sentTexts(outbound).filter((text) => text === "Slow down, please.")).toHaveLength(1);
  });

  it("limits each user on their own, and says slow down again in the next window", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { limiter, counts } = countingLimiter(LIMIT);
    const worker = labWorker(flood, { RATE_LIMITER: limiter });
    for (let i = 0; i < LIMIT + 1; i++) await worker.send("/ping", { userId: 903 });
    await worker.send("/ping", { userId: 904 });
    expect(sentTexts(outbound).filter((text) => text === "pong")).toHaveLength(LIMIT + 1);
    vi.setSystemTime(WINDOW_MIDDLE + 60_000);
    counts.clear();
    for (let i = 0; i < LIMIT + 2; i++) await worker.send("/ping", { userId: 903 });
    expect(sentTexts(outbound).filter((text) => text === "Slow down, please.")).toHaveLength(2);
  });

  it("does not count group chatter that is not meant for the bot", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { limiter, counts } = countingLimiter(LIMIT);
    const worker = labWorker(flood, { RATE_LIMITER: limiter });
    for (let i = 0; i < LIMIT + 3; i++) await worker.send("just chatting", { userId: 905, group: true });
    expect(counts.size).toBe(0);
    expect(outbound.calls).toHaveLength(0);
  });

  it("lets everything through when the limiter fails", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    vi.spyOn(console, "error").mockImplementation(() => {});
    const broken: RateLimit = {
      limit: () => Promise.reject(new Error("rate limiter unavailable")),
    };
    const worker = labWorker(flood, { RATE_LIMITER: broken });
    for (let i = 0; i < LIMIT + 2; i++) await worker.send("/ping", { userId: 906 });
    expect(sentTexts(outbound)).toEqual(Array<string>(LIMIT + 2).fill("pong"));
  });

  it("shows the flood in the usage report", async () => {
    stubTelegramApi(interceptFetch());
    const worker = labWorker(flood, { RATE_LIMITER: countingLimiter(LIMIT).limiter });
    const from = WINDOW_MIDDLE - (WINDOW_MIDDLE % HOUR);
    const before = await readUsage(testEnv.DB, { from, to: from + HOUR, bot: "flood" });
    for (let i = 0; i < LIMIT + 4; i++) await worker.send("/ping", { userId: 907 });
    const after = await readUsage(testEnv.DB, { from, to: from + HOUR, bot: "flood" });
    expect(after.totals.rateLimited - before.totals.rateLimited).toBe(4);
    expect(after.totals.handled - before.totals.handled).toBe(LIMIT);
    expect(after.hours[0]?.rateLimited).toBe(after.totals.rateLimited);
  });
});

describe("the slow-down notice across isolates", () => {
  /** The rate limiter as a fresh isolate loads it: its own memory of who was told. */
  async function isolate() {
    vi.resetModules();
    return import("../../src/webhook/limit.ts");
  }

  const flooder: Update = {
    platform: "telegram",
    bot: "flood",
    eventId: "1",
    chat: { id: "908", kind: "private" },
    user: { id: "908", name: "Ann" },
    text: "/ping",
    isButtonPress: false,
    addressed: true,
    route: {},
  };

  it("is sent by exactly one of two isolates flooded at once, and stored once", async () => {
    const [first, second] = [await isolate(), await isolate()];
    expect(first.shouldNotify).not.toBe(second.shouldNotify);
    const answers = await Promise.all(
      [first, second, first, second].map((limiter) => limiter.shouldNotify(testEnv.DB, flooder, WINDOW_MIDDLE)),
    );
    expect(answers.filter((answer) => answer)).toHaveLength(1);
    const stored = await testEnv.DB.prepare(
      "SELECT window_start FROM rate_limit_notices WHERE bot = ? AND platform = ? AND user_id = ?",
    )
      .bind(flooder.bot, flooder.platform, flooder.user.id)
      .all();
    expect(stored.results).toEqual([{ window_start: WINDOW_MIDDLE - (WINDOW_MIDDLE % 60_000) }]);
  });
});
