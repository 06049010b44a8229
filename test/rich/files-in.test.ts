/**
 * Files in: each platform's files become neutral attachments (kind, name,
 * size, MIME type) that a `file` argument takes and downloads on demand:
 * Telegram through getFile and its file URL, Discord from its attachment
 * URL, Slack from the private URL with the bot token. A caption is the
 * message's text. A file over the size cap, of a type the intent does not
 * take, or whose download breaks off or never finishes gets a clear answer,
 * and the question waiting for it stays.
 */
import { defineBot, defineIntent } from "parley";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Timer } from "../../src/core/timer.ts";
import { DOWNLOAD_DEADLINE_MS } from "../../src/webhook/messenger.ts";
import { MESSAGE } from "../support/discord.ts";
import { hang, interceptFetch, type Outbound, type Responder } from "../support/outbound.ts";
import {
  discordCommandWithFile,
  finished,
  type RichWorker,
  richWorker,
  slackCalls,
  slackFileShare,
  TELEGRAM_FILES,
  type TelegramFile,
  telegramCalls,
  telegramMessage,
  USER,
} from "../support/rich.ts";
import { postedTexts, stubSlackApi } from "../support/slack.ts";
import { sentTexts, stubTelegramApi, TELEGRAM_API } from "../support/telegram.ts";
import { testEnv } from "../support/worker.ts";

const size = defineIntent({
  command: "size",
  description: "Says how big a file is",
  args: [
    {
      name: "file",
      type: "file",
      accept: ["image/*", "application/pdf"],
      description: "A picture or PDF",
      ask: "Send the file.",
    },
  ],
  async run(ctx) {
    const { file } = ctx.args;
    const bytes = await file.download();
    ctx.reply(`${file.name}: ${bytes.byteLength} bytes, ${file.mime}, ${file.kind}`);
  },
});

const bot = defineBot({ name: "files", intents: [size] });

const PHOTO: readonly TelegramFile[] = [
  { file_id: "photo-small", file_size: 100 },
  { file_id: "photo-large", file_size: 8 },
];
const PDF: TelegramFile = { file_id: "doc-pdf", file_name: "report.pdf", mime_type: "application/pdf", file_size: 12 };
const BYTES = "JPEG1234";

/** Telegram's getFile, and its file URL answering as `file` says (by default, eight bytes). */
function telegramFiles(file: Responder = () => new Response(BYTES)): Outbound {
  return stubTelegramApi(
    interceptFetch()
      .on(TELEGRAM_FILES, file)
      .on(`${TELEGRAM_API}/bot`, (call) =>
        call.url.pathname.endsWith("/getFile")
          ? Response.json({
              ok: true,
              result: {
                file_id: "any",
                file_unique_id: "u",
                file_path: `documents/${(call.json as { file_id: string }).file_id}`,
              },
            })
          : Response.json({
              ok: true,
              result: { message_id: 1, date: 0, chat: { id: USER.telegram, type: "private" } },
            }),
      ),
  );
}

async function pendingQuestions(platform: string, userId: string): Promise<number> {
  const row = await testEnv.DB.prepare(
    "SELECT COUNT(*) AS n FROM conversations WHERE bot = 'files' AND platform = ? AND user_id = ? AND question IS NOT NULL",
  )
    .bind(platform, userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A stream that sends a few bytes, then breaks. */
function breaksOff(): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("JPE"));
        controller.error(new Error("connection reset"));
      },
    }),
  );
}

let worker: RichWorker;

beforeEach(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  worker = await richWorker(bot);
});

describe("on Telegram", () => {
  it("runs the command in a photo's caption, with the largest size of the photo, fetched through getFile", async () => {
    const outbound = telegramFiles();
    await finished(worker.telegram(telegramMessage({ caption: "/size", files: { photo: PHOTO } })));
    expect(telegramCalls(outbound.calls, "getFile").map((call) => call.json)).toEqual([{ file_id: "photo-large" }]);
    expect(outbound.to(TELEGRAM_FILES).map((call) => call.url.pathname)).toEqual([
      "/file/bot4242:files-telegram-token/documents/photo-large",
    ]);
    expect(sentTexts(outbound)).toEqual(["photo.jpg: 8 bytes, image/jpeg, photo"]);
  });

  it("reads a document's own name and type", async () => {
    const outbound = telegramFiles();
    await finished(worker.telegram(telegramMessage({ caption: "/size", files: { document: PDF } })));
    expect(sentTexts(outbound)).toEqual(["report.pdf: 8 bytes, application/pdf, document"]);
  });

  it("asks for the file when none came, and takes the next message's", async () => {
    const outbound = telegramFiles();
    await finished(worker.telegram(telegramMessage({ text: "/size" })));
    expect(await pendingQuestions("telegram", String(USER.telegram))).toBe(1);
    await finished(worker.telegram(telegramMessage({ files: { photo: PHOTO } })));
    expect(sentTexts(outbound)).toEqual(["Send the file.", "photo.jpg: 8 bytes, image/jpeg, photo"]);
    expect(await pendingQuestions("telegram", String(USER.telegram))).toBe(0);
  });

  it("refuses a type the intent does not take, before fetching anything", async () => {
    const outbound = telegramFiles();
    const zip = { file_id: "doc-zip", file_name: "report.zip", mime_type: "application/zip", file_size: 12 };
    await finished(worker.telegram(telegramMessage({ caption: "/size", files: { document: zip } })));
    expect(sentTexts(outbound)).toEqual([
      "Sorry, report.zip is a application/zip file, and here I take image/*, application/pdf. Usage: /size &lt;file&gt;",
    ]);
    expect(telegramCalls(outbound.calls, "getFile")).toEqual([]);
  });

  it("refuses a file over the size cap by the size Telegram reports, before fetching it", async () => {
    const outbound = telegramFiles();
    const big = { ...PDF, file_size: 20_000_000 };
    await finished(worker.telegram(telegramMessage({ caption: "/size", files: { document: big } })));
    expect(sentTexts(outbound)).toEqual(["That file is too big for me: I take files up to 10 MB."]);
    expect(telegramCalls(outbound.calls, "getFile")).toEqual([]);
  });

  it("stops reading a file that turns out bigger than the cap (FILE_MAX_BYTES)", async () => {
    const small = await richWorker(bot, { settings: { FILE_MAX_BYTES: "5" } });
    const outbound = telegramFiles();
    const unsized = { file_id: "doc-unsized", file_name: "scan.pdf", mime_type: "application/pdf" };
    await finished(small.telegram(telegramMessage({ caption: "/size", files: { document: unsized } })));
    expect(outbound.to(TELEGRAM_FILES)).toHaveLength(1);
    expect(sentTexts(outbound)).toEqual(["That file is too big for me: I take files up to 5 bytes."]);
  });

  it("says so when a download breaks off, and keeps waiting for the file", async () => {
    let attempt = 0;
    const outbound = telegramFiles(() => (attempt++ === 0 ? breaksOff() : new Response(BYTES)));
    await finished(worker.telegram(telegramMessage({ text: "/size" })));
    await finished(worker.telegram(telegramMessage({ files: { photo: PHOTO } })));
    expect(sentTexts(outbound).slice(1)).toEqual(["The download of your file broke off. Please send it again."]);
    expect(await pendingQuestions("telegram", String(USER.telegram))).toBe(1);
    await finished(worker.telegram(telegramMessage({ files: { photo: PHOTO } })));
    expect(sentTexts(outbound).at(-1)).toBe("photo.jpg: 8 bytes, image/jpeg, photo");
  });

  it("gives up on a download that does not finish by the deadline, and keeps waiting for the file", async () => {
    const deadline: Timer = (ms) => (ms === DOWNLOAD_DEADLINE_MS ? Promise.resolve() : new Promise(() => {}));
    const patient = await richWorker(bot, { timer: deadline });
    const outbound = telegramFiles(hang);
    await finished(patient.telegram(telegramMessage({ text: "/size" })));
    await finished(patient.telegram(telegramMessage({ files: { photo: PHOTO } })));
    expect(sentTexts(outbound).slice(1)).toEqual([
      "Your file took too long to download, so I gave up. Please send it again.",
    ]);
    expect(await pendingQuestions("telegram", String(USER.telegram))).toBe(1);
  });
});

describe("on Discord", () => {
  const url = "https://cdn.discordapp.com/attachments/300000000000000001/1600000000000000001/report.pdf";

  it("takes the file given to the command's attachment option, fetched from Discord's CDN", async () => {
    const outbound = interceptFetch().on(url, () => new Response("%PDF-1.7"));
    const interaction = discordCommandWithFile("size", {}, "file", {
      filename: "report.pdf",
      size: 8,
      contentType: "application/pdf",
      url,
    });
    const answer = await finished(worker.discord(interaction));
    expect(answer).toMatchObject({
      type: MESSAGE,
      data: { content: "report.pdf: 8 bytes, application/pdf, document" },
    });
    expect(outbound.calls.map((call) => call.url.href)).toEqual([url]);
  });

  it("fetches nothing from a host that is not Discord's", async () => {
    const elsewhere = "https://files.example.com/report.pdf";
    const outbound = interceptFetch().on(elsewhere, () => new Response("%PDF-1.7"));
    const interaction = discordCommandWithFile("size", {}, "file", {
      filename: "report.pdf",
      size: 8,
      contentType: "application/pdf",
      url: elsewhere,
    });
    const answer = await finished(worker.discord(interaction));
    expect(answer).toMatchObject({ data: { content: "The download of your file broke off. Please send it again." } });
    expect(outbound.calls).toEqual([]);
  });
});

describe("on Slack", () => {
  const url = "https://files.slack.com/files-pri/T0TEAM-F0RICH0/download/report.pdf";
  const pdf = { name: "report.pdf", mimetype: "application/pdf", size: 8, url_private_download: url };

  it("takes a file shared in a message, fetched with the bot token", async () => {
    const outbound = stubSlackApi(interceptFetch().on(url, () => new Response("%PDF-1.7")));
    await finished(worker.slackEvent(slackFileShare("size", [pdf])));
    const [download] = outbound.to(url);
    expect(download?.headers.get("authorization")).toBe("Bearer xoxb-files-token");
    expect(postedTexts(outbound)).toEqual(["report.pdf: 8 bytes, application/pdf, document"]);
  });

  it("never sends the bot token to a host that is not Slack's", async () => {
    const elsewhere = "https://files.example.com/report.pdf";
    const outbound = stubSlackApi(interceptFetch().on(elsewhere, () => new Response("%PDF-1.7")));
    await finished(worker.slackEvent(slackFileShare("size", [{ ...pdf, url_private_download: elsewhere }])));
    expect(outbound.to(elsewhere)).toEqual([]);
    expect(postedTexts(outbound)).toEqual(["The download of your file broke off. Please send it again."]);
    expect(slackCalls(outbound.calls, "chat.postMessage")).toHaveLength(1);
  });
});
