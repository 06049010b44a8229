/** "Remind me" as a Slack message shortcut: an ephemeral choice of when, then a reminder with the message's permalink. */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { concierge } from "../../bots/concierge/index.ts";
import { MAX_PENDING_REMINDERS } from "../../src/core/schedule.ts";
import { slackManifest } from "../../src/platforms/slack/manifest.ts";
import { clearScheduledWork, fireReminders } from "../support/jobs.ts";
import { interceptFetch } from "../support/outbound.ts";
import {
  buttonPress,
  formRequest,
  messageShortcut,
  postedMessages,
  postedTexts,
  stubSlackApi,
} from "../support/slack.ts";
import { deliver } from "../support/worker.ts";

beforeEach(clearScheduledWork);

/** Runs the tick `minutes` from now and sends the reminders it queued. */
const reminderCount = async (userId: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM reminders WHERE user_id = ?").bind(userId).first<{ n: number }>())
    ?.n;

/** The values of the buttons of a posted message, in order. */
function buttonValues(message: { blocks: readonly { type: string; elements?: readonly Record<string, unknown>[] }[] }) {
  return message.blocks
    .flatMap((block) => (block.type === "actions" ? (block.elements ?? []) : []))
    .map((e) => e.value);
}

describe("Remind me, a Slack message shortcut", () => {
  it("is declared in the app manifest, with the bot's command as its callback id", () => {
    const manifest = slackManifest(concierge, "https://parley.example");
    expect(manifest.features.shortcuts).toEqual([
      {
        name: "Remind me",
        type: "message",
        callback_id: "remind",
        description: "Remind you of a message (reply with /remind in 20m, or use the message menu)",
      },
    ]);
  });

  it("offers when through the response URL, to the user alone, and reminds with the permalink", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const user = "U0SHORTCUT1";
    const message = { ts: "1700000100.000200", text: "Deploy <https://example.com|the fix> &amp; tell <@U0BEA>" };
    const shortcut = messageShortcut({ callbackId: "remind", message, user });
    await deliver(await formRequest(shortcut.fields));
    const [offer] = postedMessages(outbound);
    expect(offer?.call.url.href).toBe(shortcut.responseUrl);
    expect(offer).toMatchObject({ response_type: "ephemeral", text: "When should I remind you of this message?" });
    const values = buttonValues(offer ?? { blocks: [] });
    expect(values).toEqual(["/remind in 20m", "/remind in 1h", "/remind in 3h", "/remind at 09:00"]);
    await deliver(await formRequest(buttonPress({ value: values[2] as string, user }).fields));
    expect(await fireReminders(179)).toBe(0);
    expect(await fireReminders(181)).toBe(1);
    const reminder = postedMessages(outbound).at(-1);
    expect(reminder?.call.url.pathname).toBe("/api/chat.postMessage");
    expect(reminder?.channel).toBe("C0GENERAL");
    // Slack mrkdwn: "&" is written "&amp;", in the link's address too.
    expect(postedTexts(outbound).at(-1)).toBe(
      "*Reminder*\n_“Deploy the fix &amp; tell @U0BEA”_\n" +
        "<https://parley-test.slack.com/archives/C0GENERAL/p1700000100000200|Open the message>",
    );
  });

  it("links a reply in a thread with its thread", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const user = "U0SHORTCUT2";
    const message = { ts: "1700000200.000300", thread_ts: "1700000100.000100", text: "Thread reply" };
    await deliver(await formRequest(messageShortcut({ callbackId: "remind", message, user }).fields));
    await deliver(await formRequest(buttonPress({ value: "/remind in 20m", user }).fields));
    expect(await fireReminders(21)).toBe(1);
    expect(postedTexts(outbound).at(-1)).toContain(
      "<https://parley-test.slack.com/archives/C0GENERAL/p1700000200000300?thread_ts=1700000100.000100&amp;cid=C0GENERAL|Open the message>",
    );
  });

  it("counts towards the cap on pending reminders, and past it stores nothing", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const user = "U0SHORTCUT3";
    for (let n = 0; n < MAX_PENDING_REMINDERS; n += 1) {
      await env.DB.prepare(
        `INSERT INTO reminders (bot, platform, chat_id, user_id, address, text, due_at, created_at)
         VALUES ('concierge', 'slack', 'C0GENERAL', ?, '{"chatId":"C0GENERAL"}', 'earlier', ?, 0)`,
      )
        .bind(user, Date.now() + 3_600_000)
        .run();
    }
    const message = { ts: "1700000300.000100", text: "One too many" };
    await deliver(await formRequest(messageShortcut({ callbackId: "remind", message, user }).fields));
    await deliver(await formRequest(buttonPress({ value: "/remind in 20m", user }).fields));
    expect(postedMessages(outbound).at(-1)?.text).toContain(
      `You already have ${MAX_PENDING_REMINDERS} reminders waiting`,
    );
    expect(await reminderCount(user)).toBe(MAX_PENDING_REMINDERS);
  });

  it("refuses a shortcut the bot does not offer or a malformed one, after the signature, and stores nothing", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const user = "U0SHORTCUT4";
    const message = { ts: "1700000400.000100", text: "x" };
    const unknown = messageShortcut({ callbackId: "forget", message, user });
    expect((await deliver(await formRequest(unknown.fields))).status).toBe(400);
    const badTs = messageShortcut({ callbackId: "remind", message: { ts: "../x", text: "x" }, user });
    expect((await deliver(await formRequest(badTs.fields))).status).toBe(400);
    const good = messageShortcut({ callbackId: "remind", message, user });
    const forged = await formRequest(good.fields, { signature: "v0=00" });
    expect((await deliver(forged)).status).toBe(401);
    expect(postedMessages(outbound)).toEqual([]);
    const users = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE user_id = ?")
      .bind(user)
      .first<{ n: number }>();
    expect(users?.n).toBe(0);
    expect(await reminderCount(user)).toBe(0);
  });
});
