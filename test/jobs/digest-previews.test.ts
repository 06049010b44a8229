/** Digests arrive with a preview of their first link where the platform makes one; other messages show none. */
import { beforeEach, describe, expect, it } from "vitest";
import { stubNews } from "../bots/concierge/apis.ts";
import { DISCORD_API, discordEnv, newKeyPair, stubDiscordApi } from "../support/discord.ts";
import { clearScheduledWork, consume, dueJobs, insertReminder, insertSubscription } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import { postedMessages, stubSlackApi } from "../support/slack.ts";
import { sentMessages, stubTelegramApi } from "../support/telegram.ts";

beforeEach(clearScheduledWork);

const SUPPRESS_EMBEDS = 4;

describe("a digest's link preview", () => {
  it("on Telegram previews the top story, and a reminder still shows none", async () => {
    const outbound = stubTelegramApi(stubNews(interceptFetch()));
    const digest = await insertSubscription({ nextRunAt: "2031-03-01T07:00:00Z" });
    const reminder = await insertReminder({ dueAt: "2031-03-01T07:00:00Z" });
    await consume(await dueJobs("2031-03-01T07:00:00Z"));
    const [digestMessage] = sentMessages(outbound).filter((message) => message.chat_id === digest.chatId);
    expect(digestMessage?.call.json).toMatchObject({ link_preview_options: { url: "https://example.net/1" } });
    const [reminderMessage] = sentMessages(outbound).filter((message) => message.chat_id === reminder.chatId);
    expect(reminderMessage?.call.json).toMatchObject({ link_preview_options: { is_disabled: true } });
  });

  it("on Slack unfurls the digest's links", async () => {
    const outbound = stubSlackApi(stubNews(interceptFetch()));
    await insertSubscription({ nextRunAt: "2031-03-02T07:00:00Z", platform: "slack", chatId: "C0DIGEST" });
    await consume(await dueJobs("2031-03-02T07:00:00Z"));
    const [posted] = postedMessages(outbound).filter((message) => message.channel === "C0DIGEST");
    expect(posted?.call.json).toMatchObject({ unfurl_links: true, unfurl_media: true });
  });

  it("on Discord lets the digest's links show embeds", async () => {
    const outbound = stubDiscordApi(stubNews(interceptFetch()));
    await insertSubscription({ nextRunAt: "2031-03-03T07:00:00Z", platform: "discord", chatId: "310000000000000001" });
    await consume(await dueJobs("2031-03-03T07:00:00Z"), { env: discordEnv(await newKeyPair()) });
    const posted = outbound.to(`${DISCORD_API}/channels/310000000000000001/messages`);
    expect(posted).toHaveLength(1);
    const flags = (posted[0]?.json as { flags?: number } | undefined)?.flags ?? 0;
    expect(flags & SUPPRESS_EMBEDS).toBe(0);
  });
});
