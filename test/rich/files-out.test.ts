/**
 * Files out: `ctx.reply({ file, caption })` with bytes the bot made or a
 * URL. Telegram gets sendDocument with the bytes as multipart, or sendPhoto
 * with the URL for it to fetch; Discord a multipart attachment (`payload_json`
 * and `files[0]`), a URL's file fetched first; Slack its three-step upload
 * into the conversation. A file reply that has to wait on the queue keeps
 * its bytes in the FILES bucket meanwhile, and they go when it is sent.
 */
import { env } from "cloudflare:test";
import { bold, defineBot, defineIntent } from "parley";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Job } from "../../src/jobs/job.ts";
import { platforms } from "../../src/platforms/index.ts";
import { DEFERRED_MESSAGE, DISCORD_API, slashCommand, stubDiscordApi } from "../support/discord.ts";
import { capturingQueue, consume } from "../support/jobs.ts";
import { interceptFetch, type OutboundCall } from "../support/outbound.ts";
import {
  finished,
  type RichWorker,
  richWorker,
  SLACK_DM,
  slackCalls,
  telegramCalls,
  telegramMessage,
  USER,
} from "../support/rich.ts";
import { eventCallback, SLACK_API, stubSlackApi } from "../support/slack.ts";
import { stubTelegramApi, TELEGRAM_API } from "../support/telegram.ts";

const REPORT = "total: 3 items";
const CHART_URL = "https://charts.example.com/week.png";

const report = defineIntent({
  command: "report",
  description: "Sends a text file it made",
  run(ctx) {
    const data = new TextEncoder().encode(REPORT);
    ctx.reply({ file: { name: "report.txt", mime: "text/plain", data }, caption: [bold("Report")] });
  },
});

const chart = defineIntent({
  command: "chart",
  description: "Sends a picture from a URL",
  run(ctx) {
    ctx.reply({ file: { name: "week.png", mime: "image/png", url: CHART_URL }, caption: "This week" });
  },
});

const bot = defineBot({ name: "sender", intents: [report, chart] });

let worker: RichWorker;

beforeEach(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  worker = await richWorker(bot);
});

describe("on Telegram", () => {
  it("uploads bytes with sendDocument as multipart", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await finished(worker.telegram(telegramMessage({ text: "/report" })));
    const [upload] = telegramCalls(outbound.calls, "sendDocument");
    const form = upload?.form;
    expect(form?.get("chat_id")).toBe(String(USER.telegram));
    expect(form?.get("caption")).toBe("<b>Report</b>");
    expect(form?.get("parse_mode")).toBe("HTML");
    const id = String(form?.get("document")).replace("attach://", "");
    expect(form?.get(id)).toBe(REPORT);
    expect(upload?.body).toContain(`name="${id}";filename=report.txt`);
  });

  it("hands Telegram a URL to fetch a picture from, with sendPhoto", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await finished(worker.telegram(telegramMessage({ text: "/chart" })));
    expect(telegramCalls(outbound.calls, "sendPhoto").map((call) => call.json)).toEqual([
      { chat_id: String(USER.telegram), photo: CHART_URL, caption: "This week", parse_mode: "HTML" },
    ]);
    expect(outbound.to(CHART_URL)).toEqual([]);
  });

  it("keeps a file reply's bytes in the bucket while it waits on the queue, and sends them from there", async () => {
    const { sent, queue } = capturingQueue();
    const queued = await richWorker(bot, { settings: { JOBS: queue } });
    const limited = () =>
      Response.json(
        { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 20 } },
        { status: 429 },
      );
    interceptFetch().on(`${TELEGRAM_API}/bot`, limited);
    await finished(queued.telegram(telegramMessage({ text: "/report" })));
    const [job] = sent as Job[];
    if (job?.kind !== "reply") throw new Error("no reply job was queued");
    const held = job.replies[0]?.file;
    expect(held).toMatchObject({ name: "report.txt", mime: "text/plain" });
    const key = held && "held" in held ? held.held : "";
    expect(await (await env.FILES.get(key))?.text()).toBe(REPORT);

    const outbound = stubTelegramApi(interceptFetch());
    const registry = { bots: { sender: bot }, platforms };
    await consume([{ id: crypto.randomUUID(), body: job }], { env: queued.env, registry });
    const [upload] = telegramCalls(outbound.calls, "sendDocument");
    const id = String(upload?.form?.get("document")).replace("attach://", "");
    expect(upload?.form?.get(id)).toBe(REPORT);
    expect(await env.FILES.get(key)).toBeNull();
  });
});

describe("on Discord", () => {
  const paths = (calls: readonly OutboundCall[]) => calls.map((call) => `${call.method} ${call.url.pathname}`);

  it("defers, and fills in the deferred message with the file as a multipart attachment", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const interaction = slashCommand("report", {}, { userId: USER.discord });
    expect(await finished(worker.discord(interaction))).toEqual({ type: DEFERRED_MESSAGE });
    const calls = outbound.to(DISCORD_API);
    expect(paths(calls)).toEqual([
      `PATCH /api/v10/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`,
    ]);
    const form = calls[0]?.form;
    expect(calls[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(JSON.parse(String(form?.get("payload_json")))).toEqual({
      content: "**Report**",
      components: [],
      allowed_mentions: { parse: [] },
      flags: 4,
      attachments: [{ id: "0", filename: "report.txt" }],
    });
    const file = form?.get("files[0]") as File;
    expect([file.name, file.type, await file.text()]).toEqual(["report.txt", "text/plain", REPORT]);
  });

  it("fetches a URL's file and uploads it", async () => {
    const outbound = stubDiscordApi(interceptFetch().on(CHART_URL, () => new Response("PNG-chart")));
    await finished(worker.discord(slashCommand("chart", {}, { userId: USER.discord })));
    expect(outbound.to(CHART_URL)).toHaveLength(1);
    const file = outbound.to(DISCORD_API)[0]?.form?.get("files[0]") as File;
    expect([file.name, file.type, await file.text()]).toEqual(["week.png", "image/png", "PNG-chart"]);
  });
});

describe("on Slack", () => {
  const uploadUrl = "https://files.slack.com/upload/v1/XYZ";

  it("uploads a file in three steps into the conversation, with its caption", async () => {
    const outbound = stubSlackApi(
      interceptFetch()
        .on(uploadUrl, () => new Response("OK"))
        .on(`${SLACK_API}/files.getUploadURLExternal`, () =>
          Response.json({ ok: true, upload_url: uploadUrl, file_id: "F0REPORT" }),
        ),
    );
    await finished(worker.slackEvent(eventCallback({ text: "report", user: USER.slack, channel: SLACK_DM })));
    const [ticket] = slackCalls(outbound.calls, "files.getUploadURLExternal");
    expect(Object.fromEntries(ticket?.form ?? [])).toEqual({ filename: "report.txt", length: String(REPORT.length) });
    expect(ticket?.headers.get("authorization")).toBe("Bearer xoxb-sender-token");
    const file = outbound.to(uploadUrl)[0]?.form?.get("file") as File;
    expect([file.name, await file.text()]).toEqual(["report.txt", REPORT]);
    const [complete] = slackCalls(outbound.calls, "files.completeUploadExternal");
    expect(Object.fromEntries(complete?.form ?? [])).toEqual({
      files: JSON.stringify([{ id: "F0REPORT", title: "report.txt" }]),
      channel_id: SLACK_DM,
      initial_comment: "*Report*",
    });
    expect(slackCalls(outbound.calls, "chat.postMessage")).toEqual([]);
  });
});
