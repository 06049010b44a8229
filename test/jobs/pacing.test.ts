import { beforeEach, describe, expect, it, vi } from "vitest";
import { SlotBucket } from "../../src/jobs/bucket.ts";
import { reserveSlots } from "../../src/jobs/pacing.ts";
import { platforms } from "../../src/platforms/index.ts";
import { stubNews } from "../bots/concierge/apis.ts";
import { withoutWaiting } from "../support/clock.ts";
import { DISCORD_API, discordEnv, newKeyPair } from "../support/discord.ts";
import { clearScheduledWork, consume, dueJobs, insertSubscription } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import { TELEGRAM_API } from "../support/telegram.ts";
import { testEnv } from "../support/worker.ts";

beforeEach(clearScheduledWork);

const chat = (id: string, spacingMs = 1000) => ({ chat: id, spacingMs });

/** Gaps between consecutive slots, in order of time. */
function gaps(slots: readonly number[]): number[] {
  const sorted = [...slots].sort((a, b) => a - b);
  return sorted.slice(1).map((slot, index) => slot - (sorted[index] ?? 0));
}

describe("the slot bucket", () => {
  it("hands out slots at the rate, and a second reservation continues where the first ended", () => {
    const bucket = new SlotBucket();
    expect(bucket.reserve(1000, 10, [chat("a"), chat("b"), chat("c")])).toEqual([1000, 1100, 1200]);
    expect(bucket.reserve(1000, 10, [chat("d"), chat("e")])).toEqual([1300, 1400]);
  });

  it("keeps a chat's own spacing, and gives the other chats the slots meanwhile", () => {
    const bucket = new SlotBucket();
    expect(bucket.reserve(0, 10, [chat("group", 3000)])).toEqual([0]);
    expect(bucket.reserve(0, 10, [chat("group", 3000), chat("a"), chat("b")])).toEqual([3000, 100, 200]);
  });

  it("gives nobody a slot while the platform asked everyone to wait", () => {
    const bucket = new SlotBucket();
    bucket.pause(1000, 7000);
    expect(bucket.reserve(2000, 10, [chat("a"), chat("b")])).toEqual([8000, 8100]);
  });
});

describe("a bot's pacer", () => {
  it("gives concurrent consumers disjoint slots, spaced at the bot's rate across all of them", async () => {
    const chats = (prefix: string) => Array.from({ length: 20 }, (_, index) => `${prefix}${index}`);
    const paced = { ...testEnv, TELEGRAM_SEND_RATE: "50" };
    const [first, second] = await Promise.all([
      reserveSlots(paced, platforms.telegram, "concierge", chats("a")),
      reserveSlots(paced, platforms.telegram, "concierge", chats("b")),
    ]);
    const all = [...(first ?? []), ...(second ?? [])];
    expect(new Set(all).size).toBe(40);
    expect(Math.min(...gaps(all))).toBeGreaterThanOrEqual(20);
  });

  it("pauses every consumer's slots for the time a 429 asked for", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const outbound = interceptFetch();
    stubNews(outbound);
    outbound.on(TELEGRAM_API, () =>
      Response.json(
        { ok: false, error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } },
        { status: 429 },
      ),
    );
    await insertSubscription({ nextRunAt: "2033-02-10T07:00:00Z" });
    const jobs = await dueJobs("2033-02-10T07:00:00Z");
    const before = Date.now();
    await withoutWaiting(() => consume(jobs));
    const [slot] = await reserveSlots(testEnv, platforms.telegram, "concierge", ["another-chat"]);
    expect(slot).toBeGreaterThanOrEqual(before + 7000);
  });

  it("holds a Discord channel whose bucket the headers report empty, and not the others", async () => {
    const outbound = interceptFetch();
    stubNews(outbound);
    outbound.on(DISCORD_API, () =>
      Response.json(
        { id: "1" },
        { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "2.5", "x-ratelimit-bucket": "b" } },
      ),
    );
    const subscription = await insertSubscription({ nextRunAt: "2033-02-11T07:00:00Z", platform: "discord" });
    const jobs = await dueJobs("2033-02-11T07:00:00Z");
    const discord = discordEnv(await newKeyPair());
    const before = Date.now();
    await consume(jobs, { env: discord });
    const [held, other] = await reserveSlots(discord, platforms.discord, "concierge", [
      subscription.chatId,
      "other-channel",
    ]);
    expect(held).toBeGreaterThanOrEqual(before + 2500);
    expect(other).toBeLessThan(held ?? 0);
  });
});
