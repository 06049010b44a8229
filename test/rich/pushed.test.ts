/**
 * Messages posted unprompted (digests, reminders, late replies) keep the
 * ids the platform gave them, so that later work can edit or delete them:
 * Telegram by chat and message id, Discord in the channel as the bot, Slack
 * by channel and ts (a file by its id).
 */
import { describe, expect, it } from "vitest";
import { concierge } from "../../bots/concierge/index.ts";
import { newTrace } from "../../src/core/trace.ts";
import { createAdapterEnv } from "../../src/platforms/adapter.ts";
import { discord } from "../../src/platforms/discord/index.ts";
import { slack } from "../../src/platforms/slack/index.ts";
import { telegram } from "../../src/platforms/telegram/index.ts";
import { BOT_TOKEN, DISCORD_API, discordEnv, newKeyPair } from "../support/discord.ts";
import { interceptFetch } from "../support/outbound.ts";
import { SLACK_API } from "../support/slack.ts";
import { TELEGRAM_API } from "../support/telegram.ts";
import { testEnv } from "../support/worker.ts";

const env = () => createAdapterEnv(testEnv, concierge, newTrace());

describe("a message posted unprompted", () => {
  it("is edited and deleted on Telegram by its chat and message id", async () => {
    const outbound = interceptFetch().on(TELEGRAM_API, () =>
      Response.json({ ok: true, result: { message_id: 314, date: 0, chat: { id: -100, type: "supergroup" } } }),
    );
    const [sent] = await telegram.push({ chatId: "-100" }, [{ text: "Reminder" }], env());
    expect(sent?.id).toBe("314");
    if (!sent) throw new Error("nothing sent");
    await telegram.edit(sent, { text: "Reminder (done)" }, env());
    await telegram.delete(sent, env());
    expect(outbound.to("/editMessageText")[0]?.json).toMatchObject({
      chat_id: "-100",
      message_id: 314,
      text: "Reminder (done)",
    });
    expect(outbound.to("/deleteMessage")[0]?.json).toEqual({ chat_id: "-100", message_id: 314 });
  });

  it("is edited and deleted on Discord in its channel, as the bot", async () => {
    const outbound = interceptFetch().on(DISCORD_API, () => Response.json({ id: "1500000000000000777" }));
    const discordAdapterEnv = createAdapterEnv(discordEnv(await newKeyPair()), concierge, newTrace());
    const [sent] = await discord.push({ chatId: "300" }, [{ text: "Reminder" }], discordAdapterEnv);
    if (!sent) throw new Error("nothing sent");
    expect(sent.id).toBe("1500000000000000777");
    await discord.edit(sent, { text: "Reminder (done)" }, discordAdapterEnv);
    await discord.delete(sent, discordAdapterEnv);
    const calls = outbound
      .to(DISCORD_API)
      .map((call) => [call.method, call.url.pathname, call.headers.get("authorization")]);
    expect(calls).toEqual([
      ["POST", "/api/v10/channels/300/messages", `Bot ${BOT_TOKEN}`],
      ["PATCH", "/api/v10/channels/300/messages/1500000000000000777", `Bot ${BOT_TOKEN}`],
      ["DELETE", "/api/v10/channels/300/messages/1500000000000000777", `Bot ${BOT_TOKEN}`],
    ]);
  });

  it("is edited on Slack by channel and ts, and a file is deleted by its id", async () => {
    const uploadUrl = "https://files.slack.com/upload/v1/PUSH";
    const outbound = interceptFetch()
      .on(uploadUrl, () => new Response("OK"))
      .on(`${SLACK_API}/files.getUploadURLExternal`, () =>
        Response.json({ ok: true, upload_url: uploadUrl, file_id: "F0PUSH" }),
      )
      .on(SLACK_API, () => Response.json({ ok: true, channel: "C0NEWS", ts: "1700000001.000100" }));
    const data = new TextEncoder().encode("digest");
    const file = { name: "digest.txt", mime: "text/plain", data };
    const [message, upload] = await slack.push({ chatId: "C0NEWS" }, [{ text: "News" }, { text: "", file }], env());
    if (!message || !upload) throw new Error("nothing sent");
    await slack.edit(message, { text: "News (old)" }, env());
    await slack.delete(upload, env());
    expect(outbound.to("/chat.update")[0]?.json).toMatchObject({ channel: "C0NEWS", ts: "1700000001.000100" });
    expect(outbound.to("/files.delete")[0]?.json).toEqual({ file: "F0PUSH" });
  });
});
