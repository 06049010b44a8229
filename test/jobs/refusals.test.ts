import { beforeEach, describe, expect, it } from "vitest";
import type { PlatformName } from "../../src/platforms/index.ts";
import { stubNews } from "../bots/concierge/apis.ts";
import { DISCORD_API, discordEnv, newKeyPair } from "../support/discord.ts";
import {
  clearScheduledWork,
  consume,
  dueJobs,
  insertReminder,
  insertSubscription,
  reminderStatus,
  subscriptionRow,
} from "../support/jobs.ts";
import { interceptFetch, type OutboundCall } from "../support/outbound.ts";
import { SLACK_API } from "../support/slack.ts";

beforeEach(clearScheduledWork);

interface Refusal {
  readonly platform: Exclude<PlatformName, "telegram">;
  readonly api: string;
  /** The platform's answer that means this chat cannot be written to again. */
  readonly answer: () => Response;
  /** The chat a post was addressed to. */
  readonly chatOf: (call: OutboundCall) => string | undefined;
}

const refusals: Refusal[] = [
  {
    platform: "discord",
    api: DISCORD_API,
    answer: () => Response.json({ code: 50007, message: "Cannot send messages to this user" }, { status: 403 }),
    chatOf: (call) => /\/channels\/([^/]+)\/messages$/.exec(call.url.pathname)?.[1],
  },
  {
    platform: "slack",
    api: SLACK_API,
    answer: () => Response.json({ ok: false, error: "channel_not_found" }),
    chatOf: (call) => (call.json as { channel?: string }).channel,
  },
];

/** The test environment plus a Discord bot token, which posting to a Discord channel needs. */
const withDiscordBot = async () => discordEnv(await newKeyPair());

/** The outbound calls answered: news for the digest, the refusal for the platform. */
function refusing(api: string, answer: () => Response) {
  const outbound = interceptFetch();
  stubNews(outbound);
  return outbound.on(api, answer);
}

describe.each(refusals)(
  "a $platform chat that refuses scheduled messages for good",
  ({ platform, api, answer, chatOf }) => {
    it("pauses the digest's subscription at once, without a retry", async () => {
      const outbound = refusing(api, answer);
      const subscription = await insertSubscription({ nextRunAt: "2031-01-10T07:00:00Z", platform });
      const jobs = await dueJobs("2031-01-10T07:00:00Z");
      const result = await consume(jobs, { env: await withDiscordBot() });
      expect(result.retryMessages).toEqual([]);
      expect(result.explicitAcks).toEqual([jobs[0]?.id]);
      expect(outbound.to(api).map(chatOf)).toEqual([subscription.chatId]);
      expect((await subscriptionRow(subscription.id))?.status).toBe("paused");
      expect(await dueJobs("2031-01-11T07:00:00Z")).toEqual([]);
    });

    it("marks a reminder failed at once, without a retry", async () => {
      const outbound = refusing(api, answer);
      const reminder = await insertReminder({ dueAt: "2031-01-12T07:00:00Z", platform });
      const jobs = await dueJobs("2031-01-12T07:00:00Z");
      const result = await consume(jobs, { env: await withDiscordBot() });
      expect(result.retryMessages).toEqual([]);
      expect(result.explicitAcks).toEqual([jobs[0]?.id]);
      expect(outbound.to(api).map(chatOf)).toEqual([reminder.chatId]);
      expect(await reminderStatus(reminder.id)).toBe("failed");
    });
  },
);
