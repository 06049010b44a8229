/**
 * `ctx.react`: a reaction to the user's own message where the platform has
 * reactions (Telegram's setMessageReaction, Slack's reactions.add by the
 * emoji's name, Discord's reaction route on a message an interaction names),
 * and nothing where there is no message of the user's (a pressed button, a
 * slash command).
 */
import { defineBot, defineIntent } from "parley";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { concierge } from "../../bots/concierge/index.ts";
import { newTrace } from "../../src/core/trace.ts";
import type { Update } from "../../src/core/update.ts";
import { createAdapterEnv } from "../../src/platforms/adapter.ts";
import { discord } from "../../src/platforms/discord/index.ts";
import { BOT_TOKEN, DISCORD_API, discordEnv, newKeyPair, slashCommand, stubDiscordApi } from "../support/discord.ts";
import { interceptFetch } from "../support/outbound.ts";
import {
  finished,
  type RichWorker,
  richWorker,
  SLACK_DM,
  slackCalls,
  slackCommandFields,
  telegramCalls,
  telegramMessage,
  USER,
} from "../support/rich.ts";
import { eventCallback, stubSlackApi } from "../support/slack.ts";
import { callbackUpdate, stubTelegramApi } from "../support/telegram.ts";

const cheer = defineIntent({
  command: "cheer",
  description: "Reacts with a thumbs up, and answers",
  async run(ctx) {
    await ctx.react("👍");
    ctx.reply("Cheers");
  },
});

const bot = defineBot({ name: "reacts", intents: [cheer] });

let worker: RichWorker;

beforeEach(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  worker = await richWorker(bot);
});

describe("on Telegram", () => {
  it("reacts to the user's message", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await finished(worker.telegram(telegramMessage({ text: "/cheer", messageId: 4321 })));
    expect(telegramCalls(outbound.calls, "setMessageReaction").map((call) => call.json)).toEqual([
      { chat_id: String(USER.telegram), message_id: 4321, reaction: [{ type: "emoji", emoji: "👍" }] },
    ]);
    expect(telegramCalls(outbound.calls, "sendMessage")).toHaveLength(1);
  });

  it("does nothing for a pressed button, which is no message of the user's", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await finished(worker.telegram(callbackUpdate("/cheer", { userId: USER.telegram })));
    expect(telegramCalls(outbound.calls, "setMessageReaction")).toEqual([]);
    expect(telegramCalls(outbound.calls, "sendMessage")).toHaveLength(1);
  });
});

describe("on Slack", () => {
  it("reacts to the user's message by the emoji's Slack name", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const ts = "1700000123.000100";
    await finished(worker.slackEvent(eventCallback({ text: "cheer", user: USER.slack, channel: SLACK_DM, ts })));
    expect(slackCalls(outbound.calls, "reactions.add").map((call) => call.json)).toEqual([
      { channel: SLACK_DM, timestamp: ts, name: "+1" },
    ]);
  });

  it("does nothing for a slash command, which leaves no message to react to", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const answer = await finished(worker.slackCommand(slackCommandFields("cheer")));
    expect(answer).toMatchObject({ text: "Cheers" });
    expect(slackCalls(outbound.calls, "reactions.add")).toEqual([]);
  });
});

describe("on Discord", () => {
  it("does nothing for a slash command, which leaves no message to react to", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const answer = await finished(worker.discord(slashCommand("cheer", {}, { userId: USER.discord })));
    expect(answer).toMatchObject({ data: { content: "Cheers" } });
    expect(outbound.to(DISCORD_API)).toEqual([]);
  });

  it("reacts as the bot to a message an interaction names", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const env = createAdapterEnv(discordEnv(await newKeyPair()), concierge, newTrace());
    const update: Update = {
      platform: "discord",
      bot: "concierge",
      eventId: "1300000000000000999",
      chat: { id: "300000000000000001", kind: "group" },
      user: { id: USER.discord, name: "Ann" },
      text: "",
      isButtonPress: false,
      addressed: true,
      route: { messageId: "1400000000000000042" },
    };
    await discord.react?.(update, "👍", env);
    const [call] = outbound.to(DISCORD_API);
    expect(call?.method).toBe("PUT");
    expect(call?.url.pathname).toBe(
      "/api/v10/channels/300000000000000001/messages/1400000000000000042/reactions/%F0%9F%91%8D/@me",
    );
    expect(call?.headers.get("authorization")).toBe(`Bot ${BOT_TOKEN}`);
  });
});
