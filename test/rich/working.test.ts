/**
 * "Working…": a handler that has not answered after a second shows the
 * platform's sign that the bot is on it until it answers, with no code in
 * the bot. Telegram's "typing…" is renewed every 4 s, as it fades after
 * about 5; a Slack assistant thread shows a status once (it lasts until the
 * answer); elsewhere on Slack there is nothing to show, and on Discord the
 * deferral's "thinking…" is the sign. Time is the test's: a manual timer.
 */
import { defineBot, defineIntent } from "parley";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DEFERRED_MESSAGE, DISCORD_API, slashCommand, stubDiscordApi } from "../support/discord.ts";
import { interceptFetch } from "../support/outbound.ts";
import { richWorker, SLACK_DM, slackCalls, telegramCalls, telegramMessage, USER } from "../support/rich.ts";
import { eventCallback, stubSlackApi } from "../support/slack.ts";
import { stubTelegramApi } from "../support/telegram.ts";
import { type Gate, gate, type ManualTimer, manualTimer } from "../support/time.ts";

let held: Gate;

const slow = defineIntent({
  command: "slow",
  description: "Answers once the test lets it",
  async run(ctx) {
    await held.opened;
    ctx.reply("Done");
  },
});

const fast = defineIntent({
  command: "fast",
  description: "Answers at once",
  run(ctx) {
    ctx.reply("Done");
  },
});

const bot = defineBot({ name: "working", intents: [slow, fast] });

let clock: ManualTimer;

beforeEach(() => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  held = gate();
  clock = manualTimer();
});

describe("on Telegram", () => {
  it("shows typing after a second, renews it every four, and stops once the handler answers", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const worker = await richWorker(bot, { timer: clock.timer });
    const { settled } = await worker.telegram(telegramMessage({ text: "/slow" }));
    const typing = () => telegramCalls(outbound.calls, "sendChatAction");

    // Asked for before the webhook answered.
    expect(clock.lengths).toEqual([1000]);
    clock.advance(999);
    expect(typing()).toEqual([]);
    clock.advance(1);
    await clock.asked(2);
    expect(typing().map((call) => call.json)).toEqual([{ chat_id: String(USER.telegram), action: "typing" }]);
    expect(clock.lengths).toEqual([1000, 4000]);

    clock.advance(4000);
    await clock.asked(3);
    expect(typing()).toHaveLength(2);

    held.open();
    await settled;
    clock.advance(60_000);
    expect(typing()).toHaveLength(2);
    expect(telegramCalls(outbound.calls, "sendMessage")).toHaveLength(1);
  });

  it("shows nothing for a handler that answers within the second", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const worker = await richWorker(bot, { timer: clock.timer });
    const { settled } = await worker.telegram(telegramMessage({ text: "/fast" }));
    await settled;
    clock.advance(60_000);
    expect(telegramCalls(outbound.calls, "sendChatAction")).toEqual([]);
    expect(telegramCalls(outbound.calls, "sendMessage")).toHaveLength(1);
  });
});

describe("on Slack", () => {
  it("sets the status of an assistant thread once, after a second", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const worker = await richWorker(bot, { timer: clock.timer });
    const threadTs = "1700000000.000500";
    const event = eventCallback({ text: "slow", user: USER.slack, channel: SLACK_DM, threadTs });
    const { settled } = await worker.slackEvent(event);

    expect(clock.lengths).toEqual([1000]);
    clock.advance(1000);
    await vi.waitFor(() => expect(slackCalls(outbound.calls, "assistant.threads.setStatus")).toHaveLength(1), {
      timeout: 10_000,
    });
    expect(slackCalls(outbound.calls, "assistant.threads.setStatus").map((call) => call.json)).toEqual([
      { channel_id: SLACK_DM, thread_ts: threadTs, status: "is typing…" },
    ]);

    clock.advance(60_000);
    held.open();
    await settled;
    expect(slackCalls(outbound.calls, "assistant.threads.setStatus")).toHaveLength(1);
    expect(clock.lengths).toEqual([1000]);
  });

  it("shows nothing in a conversation that is not an assistant thread", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const worker = await richWorker(bot, { timer: clock.timer });
    const { settled } = await worker.slackEvent(
      eventCallback({ text: "slow", user: USER.slack, channel: SLACK_DM, channelType: "im" }),
    );
    held.open();
    await settled;
    expect(clock.lengths).toEqual([]);
    expect(slackCalls(outbound.calls, "assistant.threads.setStatus")).toEqual([]);
  });
});

describe("on Discord", () => {
  it("lets the deferral's thinking… show it, and calls nothing more", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const worker = await richWorker(bot, { timer: clock.timer });
    const started = worker.discord(slashCommand("slow", {}, { userId: USER.discord }));
    await clock.asked(1);
    clock.advance(1500);
    const { response, settled } = await started;
    expect(await response.json()).toEqual({ type: DEFERRED_MESSAGE });
    clock.advance(60_000);
    expect(outbound.to(DISCORD_API)).toEqual([]);
    held.open();
    await settled;
    expect(outbound.to(DISCORD_API).map((call) => call.method)).toEqual(["PATCH"]);
    expect(clock.lengths).toEqual([1500]);
  });
});
