import { describe, expect, it } from "vitest";
import { bots } from "../../bots/index.ts";
import { platforms } from "../../src/platforms/index.ts";
import { resolve } from "../../src/webhook/resolve.ts";
import { TEST_SECRETS } from "../secrets.ts";
import { testEnv } from "../support/worker.ts";

const registry = { bots, platforms };

describe("resolving a webhook URL", () => {
  it("finds the bot on the platform, with the bot's own secrets", () => {
    const resolved = resolve(registry, "slack", "concierge", testEnv);
    if (resolved instanceof Response) throw new Error(`answered ${resolved.status}`);
    expect(resolved.bot.name).toBe("concierge");
    expect(resolved.adapter).toBe(platforms.slack);
    expect(resolved.env.secret("SLACK_BOT_TOKEN")).toBe(TEST_SECRETS.SLACK_BOT_TOKEN);
    expect(resolve(registry, "telegram", "echo", testEnv)).toMatchObject({ bot: { name: "echo" } });
  });

  it("answers 404 for a bot or platform the deployment does not have, prototype names included", async () => {
    for (const [platform, bot] of [
      ["telegram", "nobody"],
      ["icq", "concierge"],
      ["__proto__", "concierge"],
      ["telegram", "constructor"],
    ] as const) {
      const answer = resolve(registry, platform, bot, testEnv);
      expect(answer, `${platform}/${bot}`).toBeInstanceOf(Response);
      expect(await (answer as Response).json()).toEqual({ error: "unknown bot or platform" });
      expect((answer as Response).status).toBe(404);
    }
  });

  it("answers 404 for a bot without its secrets on that platform", () => {
    // The test environment gives neither bot Discord's secrets, and the echo bot none of Slack's.
    for (const [platform, bot] of [
      ["discord", "concierge"],
      ["slack", "echo"],
    ] as const) {
      expect((resolve(registry, platform, bot, testEnv) as Response).status, `${platform}/${bot}`).toBe(404);
    }
  });
});
