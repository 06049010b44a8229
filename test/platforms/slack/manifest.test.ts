import { describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { slackManifest } from "../../../src/platforms/slack/manifest.ts";

describe("the Slack app manifest", () => {
  const manifest = slackManifest(concierge, "https://parley.example.workers.dev");
  const url = "https://parley.example.workers.dev/webhooks/slack/concierge";

  it("sends events, the slash command and button presses to the one Slack URL", () => {
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.features.slash_commands).toMatchObject([{ command: "/concierge", url }]);
  });

  it("names every command of the bot in the slash command's usage hint", () => {
    const hint = manifest.features.slash_commands[0]?.usage_hint ?? "";
    const entries = hint.split(", ");
    expect(entries.map((entry) => entry.split(" ")[0])).toEqual(concierge.intents.map((intent) => intent.command));
    expect(entries).toContain("weather <city>");
    expect(entries).toContain("todo add|list|done");
  });

  it("subscribes to mentions, direct messages and channel messages, with the scopes they need", () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      "app_mention",
      "message.im",
      "message.channels",
      "message.groups",
      "app_uninstalled",
      "tokens_revoked",
    ]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["app_mentions:read", "chat:write", "commands", "im:history", "channels:history"]),
    );
    // Files users share are downloaded, files the bot sends uploaded, and the bot reacts to messages.
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["files:read", "files:write", "reactions:write"]),
    );
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it("sends installs back to the bot's OAuth callback", () => {
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://parley.example.workers.dev/slack/oauth/callback"]);
  });
});
