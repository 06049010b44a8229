/** "Remind me" in a Discord message's Apps menu: an ephemeral choice of when, then a reminder linking the message. */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { concierge } from "../../bots/concierge/index.ts";
import { MAX_PENDING_REMINDERS } from "../../src/core/schedule.ts";
import { applicationCommands } from "../../src/platforms/discord/commands.ts";
import {
  buttonIds,
  buttonPress,
  DISCORD_API,
  discordEnv,
  discordWorker,
  EPHEMERAL,
  type KeyPair,
  MESSAGE,
  messageCommand,
  newKeyPair,
  sentToDiscord,
  slashCommand,
  stubDiscordApi,
  UPDATE_MESSAGE,
} from "../support/discord.ts";
import { clearScheduledWork, fireReminders } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";

const CHANNEL = "300000000000000001";
const GUILD = "200000000000000001";

let keys: KeyPair;
beforeEach(async () => {
  await clearScheduledWork();
  keys = await newKeyPair();
});

/** Runs the tick `minutes` from now and sends the reminders it queued as the bot. */
const reminderCount = async (userId: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM reminders WHERE user_id = ?").bind(userId).first<{ n: number }>())
    ?.n;

describe("Remind me, a Discord message command", () => {
  it("is registered with the slash commands, for server and user installs, in servers and DMs", () => {
    expect(applicationCommands(concierge)).toContainEqual({
      type: 3,
      name: "Remind me",
      contexts: [0, 1, 2],
      integration_types: [0, 1],
    });
  });

  it("offers when, to the user alone, and reminds of the message with its link", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const worker = discordWorker(keys);
    const userId = "700000000000000101";
    const target = { id: "1600000000000000001", content: "Ship the **release** notes\nbefore Friday" };
    const offered = await worker.send(messageCommand("Remind me", target, { userId }));
    expect(offered.type).toBe(MESSAGE);
    expect(offered.data?.content).toBe("When should I remind you of this message?");
    expect((offered.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const labels = offered.data?.components?.flatMap((row) => row.components.map((button) => button.label));
    expect(labels).toEqual(["20 min", "1 hour", "3 hours", "at 09:00"]);
    const [first] = buttonIds(offered.data)[0] ?? [];
    const chosen = await worker.send(buttonPress(first ?? "", { userId }));
    expect(chosen.type).toBe(UPDATE_MESSAGE);
    expect(chosen.data?.content).toBe(
      "I will remind you in **20 min**: Ship the \\*\\*release\\*\\* notes before Friday",
    );
    expect(await fireReminders(19, { env: discordEnv(keys) })).toBe(0);
    expect(await fireReminders(21, { env: discordEnv(keys) })).toBe(1);
    const posted = sentToDiscord(outbound).filter((sent) => sent.path === `/channels/${CHANNEL}/messages`);
    expect(posted.map((sent) => sent.data.content)).toEqual([
      "**Reminder**\n*“Ship the \\*\\*release\\*\\* notes before Friday”*\n" +
        `[Open the message](https://discord.com/channels/${GUILD}/${CHANNEL}/${target.id})`,
    ]);
  });

  it("in a DM links the message under @me, and a deleted message is still quoted", async () => {
    const outbound = interceptFetch();
    // The message is gone: Discord would answer any look-up of it with Unknown Message.
    outbound.on(`${DISCORD_API}/channels/`, (call) =>
      call.method === "GET"
        ? Response.json({ message: "Unknown Message", code: 10008 }, { status: 404 })
        : Response.json({ id: "1500000000000000001", channel_id: call.url.pathname.split("/")[4] }),
    );
    stubDiscordApi(outbound);
    const worker = discordWorker(keys);
    const userId = "700000000000000102";
    const target = { id: "1600000000000000002", content: "Water the plants" };
    const offered = await worker.send(messageCommand("Remind me", target, { userId, dm: true }));
    expect((offered.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const [, hour] = buttonIds(offered.data)[0] ?? [];
    await worker.send(buttonPress(hour ?? "", { userId, dm: true }));
    expect(await fireReminders(61, { env: discordEnv(keys) })).toBe(1);
    const posted = sentToDiscord(outbound).filter((sent) => sent.path === `/channels/dm-${userId}/messages`);
    expect(posted.map((sent) => sent.data.content)).toEqual([
      `**Reminder**\n*“Water the plants”*\n[Open the message](https://discord.com/channels/@me/dm-${userId}/${target.id})`,
    ]);
  });

  it("a typed /remind after the menu does not take the message: it asks what to remind of", async () => {
    stubDiscordApi(interceptFetch());
    const worker = discordWorker(keys);
    const userId = "700000000000000103";
    await worker.send(messageCommand("Remind me", { id: "1600000000000000003", content: "Not this" }, { userId }));
    const typed = await worker.send(slashCommand("remind", { delay: "20m" }, { userId, subcommand: "in" }));
    expect(typed.data?.content ?? typed.data?.title).toContain("What should I remind you of?");
    expect(await reminderCount(userId)).toBe(0);
  });

  it("counts towards the cap on pending reminders, and past it stores nothing", async () => {
    stubDiscordApi(interceptFetch());
    const worker = discordWorker(keys);
    const userId = "700000000000000104";
    for (let n = 0; n < MAX_PENDING_REMINDERS; n += 1) {
      await env.DB.prepare(
        `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, created_at)
         VALUES ('concierge', 'discord', ?, ?, ?, 'earlier', ?, 0)`,
      )
        .bind(CHANNEL, userId, JSON.stringify({ chatId: CHANNEL }), Date.now() + 3_600_000)
        .run();
    }
    const offered = await worker.send(
      messageCommand("Remind me", { id: "1600000000000000004", content: "x" }, { userId }),
    );
    const [first] = buttonIds(offered.data)[0] ?? [];
    const chosen = await worker.send(buttonPress(first ?? "", { userId }));
    expect(chosen.data?.content).toContain(`You already have ${MAX_PENDING_REMINDERS} reminders waiting`);
    expect(await reminderCount(userId)).toBe(MAX_PENDING_REMINDERS);
  });

  it("refuses a command on a message it was not given, or one the bot does not offer, and stores nothing", async () => {
    stubDiscordApi(interceptFetch());
    const worker = discordWorker(keys);
    const userId = "700000000000000105";
    const interaction = messageCommand("Remind me", { id: "1600000000000000005", content: "x" }, { userId });
    const elsewhere = { ...interaction, data: { ...interaction.data, target_id: "1600000000000000006" } };
    expect((await worker.send(elsewhere)).status).toBe(400);
    const unknown = messageCommand("Forget me", { id: "1600000000000000007", content: "x" }, { userId });
    expect((await worker.send(unknown)).status).toBe(400);
    const badId = messageCommand("Remind me", { id: "../../x", content: "x" }, { userId });
    expect((await worker.send(badId)).status).toBe(400);
    const unsigned = messageCommand("Remind me", { id: "1600000000000000008", content: "x" }, { userId });
    expect((await worker.send(unsigned, { signWith: (await newKeyPair()).privateKey })).status).toBe(401);
    const conversations = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE user_id = ?")
      .bind(userId)
      .first<{ n: number }>();
    expect(conversations?.n ?? 0).toBe(0);
    expect(await reminderCount(userId)).toBe(0);
  });
});
