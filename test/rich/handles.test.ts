/**
 * Handles on sent messages: awaiting `ctx.reply` sends what is queued at
 * once and gives the message, which the handler edits or deletes through
 * the platform's own calls. A message deleted meanwhile is a
 * `MessageGoneError` the handler may catch; unhandled, the user gets a
 * short note and what the handler changed is kept. A handler that awaits
 * nothing is answered as before, inline where the platform takes that.
 */
import { defineBot, defineIntent, MessageGoneError } from "parley";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DEFERRED_MESSAGE, DISCORD_API, MESSAGE, slashCommand, stubDiscordApi } from "../support/discord.ts";
import { interceptFetch, type Outbound, type OutboundCall } from "../support/outbound.ts";
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
import { eventCallback, SLACK_API, stubSlackApi } from "../support/slack.ts";
import { stubTelegramApi, TELEGRAM_API } from "../support/telegram.ts";
import { testEnv } from "../support/worker.ts";

const progress = defineIntent({
  command: "progress",
  description: "Says it is working, then that it is done",
  async run(ctx) {
    const sent = await ctx.reply("Working…");
    await sent.edit("Done");
  },
});

const tidy = defineIntent({
  command: "tidy",
  description: "Sends a message, deletes it, and answers",
  async run(ctx) {
    const sent = await ctx.reply("Temporary");
    await sent.delete();
    ctx.reply("Final");
  },
});

const careful = defineIntent({
  command: "careful",
  description: "Edits a draft, and says so when it is gone",
  async run(ctx) {
    const sent = await ctx.reply("Draft");
    try {
      await sent.edit("Edited");
    } catch (error) {
      if (!(error instanceof MessageGoneError)) throw error;
      ctx.reply("The draft was deleted");
    }
  },
});

const counted = defineIntent({
  command: "counted",
  description: "Counts its runs, then edits a draft without looking",
  async run(ctx) {
    ctx.user.data.runs = Number(ctx.user.data.runs ?? 0) + 1;
    const sent = await ctx.reply("Draft");
    await sent.edit("Edited");
  },
});

const quick = defineIntent({
  command: "quick",
  description: "Answers without waiting for anything",
  run(ctx) {
    ctx.reply("Hi");
  },
});

const bot = defineBot({ name: "handles", intents: [progress, tidy, careful, counted, quick] });

const GONE_NOTE = "That message is gone, so I could not change it.";

async function storedRuns(platform: string, userId: string): Promise<unknown> {
  const row = await testEnv.DB.prepare("SELECT data FROM users WHERE bot = 'handles' AND platform = ? AND user_id = ?")
    .bind(platform, userId)
    .first<{ data: string }>();
  return row ? JSON.parse(row.data).runs : undefined;
}

const json = (call: OutboundCall | undefined) => call?.json as Record<string, unknown> | undefined;

let worker: RichWorker;

beforeEach(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  worker = await richWorker(bot);
});

describe("on Telegram", () => {
  let messageId = 500;
  /** Every message sent gets the next id; edits answer as `edited` says. */
  function telegram(edited: () => Response = () => Response.json({ ok: true, result: true })): Outbound {
    return stubTelegramApi(
      interceptFetch().on(`${TELEGRAM_API}/bot`, (call) => {
        if (call.url.pathname.endsWith("/sendMessage")) {
          messageId += 1;
          const chat = { id: USER.telegram, type: "private" };
          return Response.json({ ok: true, result: { message_id: messageId, date: 0, chat, text: "" } });
        }
        if (call.url.pathname.endsWith("/editMessageText")) return edited();
        return Response.json({ ok: true, result: true });
      }),
    );
  }
  const gone = () =>
    Response.json(
      { ok: false, error_code: 400, description: "Bad Request: message to edit not found" },
      { status: 400 },
    );

  it("sends the reply when it is awaited, then edits that message", async () => {
    const outbound = telegram();
    await finished(worker.telegram(telegramMessage({ text: "/progress" })));
    const [sent] = telegramCalls(outbound.calls, "sendMessage");
    expect(json(sent)).toMatchObject({ chat_id: String(USER.telegram), text: "Working…" });
    expect(telegramCalls(outbound.calls, "editMessageText").map(json)).toEqual([
      {
        chat_id: String(USER.telegram),
        message_id: messageId,
        text: "Done",
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
    ]);
    expect(outbound.calls.indexOf(sent as OutboundCall)).toBeLessThan(
      outbound.calls.findIndex((call) => call.url.pathname.endsWith("/editMessageText")),
    );
  });

  it("deletes a sent message", async () => {
    const outbound = telegram();
    await finished(worker.telegram(telegramMessage({ text: "/tidy" })));
    const deleted = telegramCalls(outbound.calls, "deleteMessage").map(json);
    expect(deleted).toEqual([{ chat_id: String(USER.telegram), message_id: messageId - 1 }]);
    expect(telegramCalls(outbound.calls, "sendMessage").map((call) => json(call)?.text)).toEqual([
      "Temporary",
      "Final",
    ]);
  });

  it("lets the handler catch an edit of a message deleted meanwhile", async () => {
    const outbound = telegram(gone);
    await finished(worker.telegram(telegramMessage({ text: "/careful" })));
    expect(telegramCalls(outbound.calls, "sendMessage").map((call) => json(call)?.text)).toEqual([
      "Draft",
      "The draft was deleted",
    ]);
  });

  it("tells the user when the handler does not catch it, and keeps what the handler changed", async () => {
    const outbound = telegram(gone);
    await finished(worker.telegram(telegramMessage({ text: "/counted" })));
    expect(telegramCalls(outbound.calls, "sendMessage").map((call) => json(call)?.text)).toEqual(["Draft", GONE_NOTE]);
    expect(await storedRuns("telegram", String(USER.telegram))).toBe(1);
  });
});

describe("on Discord", () => {
  const command = (name: string) => slashCommand(name, {}, { userId: USER.discord });
  const gone = () => Response.json({ code: 10008, message: "Unknown Message" }, { status: 404 });
  /** Messages get the stub's id; edits by id answer as `edited` says. */
  function discord(edited?: () => Response): Outbound {
    const outbound = interceptFetch();
    if (edited) {
      outbound.on(DISCORD_API, (call) =>
        call.method === "PATCH" && !call.url.pathname.endsWith("/@original")
          ? edited()
          : Response.json({ id: "1500000000000000001", channel_id: "300000000000000001" }),
      );
    }
    return stubDiscordApi(outbound);
  }
  const paths = (outbound: Outbound) =>
    outbound.to(DISCORD_API).map((call) => `${call.method} ${call.url.pathname.replace(/^\/api\/v10/, "")}`);

  it("defers, fills in the deferred message when the reply is awaited, then edits it by its id", async () => {
    const outbound = discord();
    const interaction = command("progress");
    const hook = `/webhooks/${interaction.application_id}/${interaction.token}`;
    expect(await finished(worker.discord(interaction))).toEqual({ type: DEFERRED_MESSAGE });
    expect(paths(outbound)).toEqual([`PATCH ${hook}/messages/@original`, `PATCH ${hook}/messages/1500000000000000001`]);
    const [filled, edited] = outbound.to(DISCORD_API).map(json);
    expect(filled).toMatchObject({ content: "Working…" });
    expect(edited).toEqual({ content: "Done", components: [], allowed_mentions: { parse: [] } });
  });

  it("deletes a sent message, and sends the next reply as a follow-up", async () => {
    const outbound = discord();
    const interaction = command("tidy");
    const hook = `/webhooks/${interaction.application_id}/${interaction.token}`;
    await finished(worker.discord(interaction));
    expect(paths(outbound)).toEqual([
      `PATCH ${hook}/messages/@original`,
      `DELETE ${hook}/messages/1500000000000000001`,
      `POST ${hook}`,
    ]);
    expect(json(outbound.to(DISCORD_API)[2])).toMatchObject({ content: "Final" });
  });

  it("lets the handler catch an edit of a message deleted meanwhile", async () => {
    const outbound = discord(gone);
    await finished(worker.discord(command("careful")));
    const contents = outbound.to(DISCORD_API).map((call) => json(call)?.content);
    expect(contents).toEqual(["Draft", "Edited", "The draft was deleted"]);
  });

  it("tells the user when the handler does not catch it, and keeps what the handler changed", async () => {
    const outbound = discord(gone);
    await finished(worker.discord(command("counted")));
    const note = outbound.to(DISCORD_API).at(-1);
    expect(json(note)).toMatchObject({ content: GONE_NOTE, flags: 4 | 64 });
    expect(await storedRuns("discord", USER.discord)).toBe(1);
  });

  it("answers a handler that awaits nothing inline, as before", async () => {
    const outbound = discord();
    const answer = await finished(worker.discord(command("quick")));
    expect(answer).toMatchObject({ type: MESSAGE, data: { content: "Hi" } });
    expect(outbound.to(DISCORD_API)).toEqual([]);
  });
});

describe("on Slack", () => {
  const POSTED_TS = "1700000000.999999";
  /** The Web API answers as the stub does, except `method`, which answers as `answer` says. */
  function slack(method?: string, answer?: () => Response): Outbound {
    const outbound = interceptFetch();
    if (method && answer) outbound.on(`${SLACK_API}/${method}`, answer);
    outbound.on(`${SLACK_API}/chat.postMessage`, (call) =>
      Response.json({ ok: true, channel: json(call)?.channel, ts: POSTED_TS }),
    );
    return stubSlackApi(outbound);
  }
  const refusal = (error: string) => () => Response.json({ ok: false, error });
  const message = (text: string) => eventCallback({ text, user: USER.slack, channel: SLACK_DM, channelType: "im" });

  it("posts the reply when it is awaited, then updates it by its ts", async () => {
    const outbound = slack();
    await finished(worker.slackEvent(message("progress")));
    expect(slackCalls(outbound.calls, "chat.postMessage").map(json)).toMatchObject([
      { channel: SLACK_DM, text: "Working…" },
    ]);
    expect(slackCalls(outbound.calls, "chat.update").map(json)).toEqual([
      {
        channel: SLACK_DM,
        ts: POSTED_TS,
        text: "Done",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "Done", verbatim: true } }],
      },
    ]);
  });

  it("answers a slash command that awaits a reply with an empty 200, then posts as the bot so that it can edit", async () => {
    const outbound = slack();
    expect(await finished(worker.slackCommand(slackCommandFields("progress")))).toBeUndefined();
    expect(slackCalls(outbound.calls, "chat.postMessage").map(json)).toMatchObject([
      { channel: "C0GENERAL", text: "Working…" },
    ]);
    expect(slackCalls(outbound.calls, "chat.update").map(json)).toMatchObject([{ ts: POSTED_TS, text: "Done" }]);
    expect(outbound.to("hooks.slack.com")).toEqual([]);
  });

  it("posts through the response URL where the bot may not post, and cannot edit that message", async () => {
    const outbound = slack("chat.postMessage", refusal("not_in_channel"));
    await finished(worker.slackCommand(slackCommandFields("careful", "C0ELSEWHERE")));
    expect(outbound.to("hooks.slack.com").map((call) => json(call)?.text)).toEqual(["Draft", "The draft was deleted"]);
    expect(slackCalls(outbound.calls, "chat.update")).toEqual([]);
  });

  it("deletes a posted message", async () => {
    const outbound = slack();
    await finished(worker.slackEvent(message("tidy")));
    expect(slackCalls(outbound.calls, "chat.delete").map(json)).toEqual([{ channel: SLACK_DM, ts: POSTED_TS }]);
    expect(slackCalls(outbound.calls, "chat.postMessage").map((call) => json(call)?.text)).toEqual([
      "Temporary",
      "Final",
    ]);
  });

  it("lets the handler catch an edit of a message deleted meanwhile", async () => {
    const outbound = slack("chat.update", refusal("message_not_found"));
    await finished(worker.slackEvent(message("careful")));
    expect(slackCalls(outbound.calls, "chat.postMessage").map((call) => json(call)?.text)).toEqual([
      "Draft",
      "The draft was deleted",
    ]);
  });

  it("tells the user when the handler does not catch it, and keeps what the handler changed", async () => {
    const outbound = slack("chat.update", refusal("message_not_found"));
    await finished(worker.slackEvent(message("counted")));
    expect(slackCalls(outbound.calls, "chat.postMessage").map((call) => json(call)?.text)).toEqual([
      "Draft",
      GONE_NOTE,
    ]);
    expect(await storedRuns("slack", USER.slack)).toBe(1);
  });

  it("answers a slash command that awaits nothing in the webhook's answer, as before", async () => {
    const outbound = slack();
    const answer = await finished(worker.slackCommand(slackCommandFields("quick")));
    expect(answer).toMatchObject({ response_type: "in_channel", text: "Hi" });
    expect(slackCalls(outbound.calls, "chat.postMessage")).toEqual([]);
  });
});
