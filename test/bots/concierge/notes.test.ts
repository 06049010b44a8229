/**
 * /note and /notes: a photo or file kept under a title (the bytes in R2,
 * a row in D1), listed with buttons, and sent back on each platform:
 * Telegram by the file_id it gave the file (uploading it once where it has
 * none, then keeping the new id), Discord as a multipart attachment, Slack
 * through its three-step upload into the conversation. In English and
 * German, with the user's quota answered clearly.
 */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { DEFERRED_MESSAGE, DISCORD_API, slashCommand, stubDiscordApi } from "../../support/discord.ts";
import { interceptFetch, type Outbound, type OutboundCall } from "../../support/outbound.ts";
import {
  discordCommandWithFile,
  finished,
  type RichWorker,
  richWorker,
  SLACK_DM,
  slackCalls,
  slackCommandFields,
  slackFileShare,
  TELEGRAM_FILES,
  type TelegramFile,
  telegramCalls,
  telegramMessage,
} from "../../support/rich.ts";
import { postedTexts, SLACK_API, stubSlackApi } from "../../support/slack.ts";
import { callbackUpdate, sentMessages, sentTexts, stubTelegramApi, TELEGRAM_API } from "../../support/telegram.ts";
import { testEnv } from "../../support/worker.ts";

const PHOTO_BYTES = "JPEG-receipt";
const PHOTO: readonly TelegramFile[] = [
  { file_id: "receipt-small", file_size: 4 },
  { file_id: "receipt-large", file_size: PHOTO_BYTES.length },
];

interface FileRow {
  readonly title: string;
  readonly name: string;
  readonly mime: string;
  readonly kind: string;
  readonly size: number;
  readonly chat_id: string;
  readonly r2_key: string;
  readonly platform_ids: string;
}

async function keptFiles(platform: string, userId: string): Promise<FileRow[]> {
  const { results } = await testEnv.DB.prepare(
    "SELECT title, name, mime, kind, size, chat_id, r2_key, platform_ids FROM files WHERE bot = 'concierge' AND platform = ? AND user_id = ? ORDER BY id",
  )
    .bind(platform, userId)
    .all<FileRow>();
  return results;
}

async function keptBytes(row: FileRow | undefined): Promise<string | undefined> {
  return row ? (await env.FILES.get(row.r2_key))?.text() : undefined;
}

/** Telegram with files: getFile and the file URL serve `PHOTO_BYTES`; a photo sent is given `uploaded-large`. */
function telegramWithFiles(): Outbound {
  return stubTelegramApi(
    interceptFetch()
      .on(TELEGRAM_FILES, () => new Response(PHOTO_BYTES))
      .on(`${TELEGRAM_API}/bot`, (call) => {
        const chat = { id: 1, type: "private" };
        if (call.url.pathname.endsWith("/getFile")) {
          return Response.json({
            ok: true,
            result: { file_id: "x", file_unique_id: "u", file_path: "photos/file_1.jpg" },
          });
        }
        if (call.url.pathname.endsWith("/sendPhoto")) {
          const photo = [{ file_id: "uploaded-small" }, { file_id: "uploaded-large" }];
          return Response.json({ ok: true, result: { message_id: 77, date: 0, chat, photo } });
        }
        return Response.json({ ok: true, result: { message_id: 76, date: 0, chat } });
      }),
  );
}

let worker: RichWorker;

beforeEach(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  worker = await richWorker(concierge);
});

describe("on Telegram", () => {
  it("keeps a photo captioned /note <title>, lists it with a button, and sends it back by its file_id", async () => {
    const user = 7201;
    const outbound = telegramWithFiles();
    await finished(worker.telegram(telegramMessage({ user, caption: "/note receipt", files: { photo: PHOTO } })));
    expect(sentTexts(outbound)).toEqual(["Kept <b>receipt</b> as file 1. Send /notes to see your files."]);
    const [row] = await keptFiles("telegram", String(user));
    expect(row).toMatchObject({
      title: "receipt",
      name: "photo.jpg",
      mime: "image/jpeg",
      kind: "photo",
      size: PHOTO_BYTES.length,
      chat_id: String(user),
      platform_ids: JSON.stringify({ telegram: "receipt-large" }),
    });
    expect(await keptBytes(row)).toBe(PHOTO_BYTES);

    await finished(worker.telegram(telegramMessage({ user, text: "/notes" })));
    const list = sentMessages(outbound).at(-1);
    expect(list?.text).toBe(
      "<b>Your files (1 file)</b>\n1. receipt\n\n<i>Press a number or send /notes &lt;n&gt; to get a file back.</i>",
    );
    expect(list?.reply_markup).toEqual({ inline_keyboard: [[{ text: "1. receipt", callback_data: "/notes 1" }]] });

    await finished(worker.telegram(telegramMessage({ user, text: "/notes 1" })));
    expect(telegramCalls(outbound.calls, "sendPhoto").map((call) => call.json)).toEqual([
      { chat_id: String(user), photo: "receipt-large", caption: "receipt", parse_mode: "HTML" },
    ]);
  });

  it("asks for the file when /note came without one, and keeps the next photo", async () => {
    const user = 7202;
    const outbound = telegramWithFiles();
    await finished(worker.telegram(telegramMessage({ user, text: "/note tickets" })));
    await finished(worker.telegram(telegramMessage({ user, files: { photo: PHOTO } })));
    expect(sentTexts(outbound)).toEqual([
      "Send me the photo or file to keep.",
      "Kept <b>tickets</b> as file 1. Send /notes to see your files.",
    ]);
    expect((await keptFiles("telegram", String(user))).map((row) => row.title)).toEqual(["tickets"]);
  });

  it("asks for the title of a photo captioned /note alone, and keeps the photo under the answer", async () => {
    const user = 7206;
    const outbound = telegramWithFiles();
    await finished(worker.telegram(telegramMessage({ user, caption: "/note", files: { photo: PHOTO } })));
    await finished(worker.telegram(telegramMessage({ user, text: "boarding pass" })));
    expect(sentTexts(outbound)).toEqual([
      "What should I call it?",
      "Kept <b>boarding pass</b> as file 1. Send /notes to see your files.",
    ]);
    expect(telegramCalls(outbound.calls, "getFile")).toHaveLength(1);
  });

  it("uploads a kept file Telegram has no id for, keeps the id it gives, and sends that the next time", async () => {
    const user = 7203;
    const outbound = telegramWithFiles();
    // As if Telegram had never been given this file.
    await finished(worker.telegram(telegramMessage({ user, caption: "/note first", files: { photo: PHOTO } })));
    await testEnv.DB.prepare("UPDATE files SET platform_ids = '{}' WHERE platform = 'telegram' AND user_id = ?")
      .bind(String(user))
      .run();

    await finished(worker.telegram(telegramMessage({ user, text: "/notes 1" })));
    const [upload] = telegramCalls(outbound.calls, "sendPhoto");
    const form = upload?.form;
    expect(form?.get("chat_id")).toBe(String(user));
    expect(form?.get("caption")).toBe("first");
    const attached = String(form?.get("photo"));
    expect(attached).toMatch(/^attach:\/\/\w+$/);
    const id = attached.slice("attach://".length);
    // grammY names the file without quotes, which the runtime's parser reads as a plain field.
    expect(form?.get(id)).toBe(PHOTO_BYTES);
    expect(upload?.body).toContain(`name="${id}";filename=photo.jpg`);
    const [row] = await keptFiles("telegram", String(user));
    expect(row?.platform_ids).toBe(JSON.stringify({ telegram: "uploaded-large" }));

    await finished(worker.telegram(telegramMessage({ user, text: "/notes 1" })));
    expect(telegramCalls(outbound.calls, "sendPhoto")[1]?.json).toMatchObject({ photo: "uploaded-large" });
  });

  it("speaks German to a German app", async () => {
    const user = 7204;
    const outbound = telegramWithFiles();
    const de = { user, languageCode: "de" };
    await finished(worker.telegram(telegramMessage({ ...de, caption: "/note Quittung", files: { photo: PHOTO } })));
    await finished(worker.telegram(telegramMessage({ ...de, text: "/notes" })));
    await finished(worker.telegram(telegramMessage({ ...de, text: "/notes 2" })));
    expect(sentTexts(outbound)).toEqual([
      "<b>Quittung</b> ist jetzt Datei 1. Schick /notes, dann siehst du deine Dateien.",
      "<b>Deine Dateien (1 Datei)</b>\n1. Quittung\n\n<i>Drück eine Nummer oder schick /notes &lt;n&gt;, dann bekommst du die Datei zurück.</i>",
      "Es gibt keine Datei 2: Du hast 1 Datei bei mir. Schick /notes, dann siehst du sie.",
    ]);
  });

  it("erases the user's kept files, objects and rows, when they /forget, and nobody else's", async () => {
    const [user, other] = [7207, 7208];
    telegramWithFiles();
    const note = (who: number) => telegramMessage({ user: who, caption: "/note receipt", files: { photo: PHOTO } });
    await finished(worker.telegram(note(user)));
    await finished(worker.telegram(note(other)));
    const [kept] = await keptFiles("telegram", String(user));
    await finished(worker.telegram(telegramMessage({ user, text: "/forget" })));
    await finished(worker.telegram(callbackUpdate("yes", { userId: user })));
    expect(await keptFiles("telegram", String(user))).toEqual([]);
    expect(await keptBytes(kept)).toBeUndefined();
    expect(await keptFiles("telegram", String(other))).toHaveLength(1);
  });

  it("refuses a file past the user's quota, clearly, and keeps nothing of it", async () => {
    const user = 7205;
    const strict = await richWorker(concierge, { settings: { FILES_PER_USER: "1", FILE_BYTES_PER_USER: "20" } });
    const outbound = telegramWithFiles();
    const note = (title: string) => telegramMessage({ user, caption: `/note ${title}`, files: { photo: PHOTO } });
    await finished(strict.telegram(note("one")));
    await finished(strict.telegram(note("two")));
    expect(sentTexts(outbound).at(-1)).toBe("You already keep 1 file with me, the most I keep for one person.");
    expect((await keptFiles("telegram", String(user))).map((row) => row.title)).toEqual(["one"]);

    const roomy = await richWorker(concierge, { settings: { FILE_BYTES_PER_USER: "20" } });
    await finished(roomy.telegram(note("three")));
    expect(sentTexts(outbound).at(-1)).toBe(
      "That file would take your kept files over 20 bytes, the most I keep for one person.",
    );
    expect((await keptFiles("telegram", String(user))).map((row) => row.title)).toEqual(["one"]);
  });
});

describe("on Discord", () => {
  const url = "https://cdn.discordapp.com/attachments/300000000000000001/1600000000000000009/receipt.png";

  it("keeps the file of the attachment option, and sends it back as a multipart attachment", async () => {
    const userId = "700000000000000072";
    const outbound = stubDiscordApi(interceptFetch().on(url, () => new Response("PNG-receipt")));
    const file = { filename: "receipt.png", size: 11, contentType: "image/png", url };
    const note = discordCommandWithFile("note", { title: "receipt" }, "file", file, userId);
    const kept = await finished(worker.discord(note));
    expect(kept).toMatchObject({ data: { content: "Kept **receipt** as file 1. Send /notes to see your files." } });
    const [row] = await keptFiles("discord", userId);
    expect(row).toMatchObject({ name: "receipt.png", mime: "image/png", kind: "photo", size: 11 });
    expect(await keptBytes(row)).toBe("PNG-receipt");

    const back = slashCommand("notes", { n: 1 }, { userId });
    const answer = await finished(worker.discord(back));
    expect(answer).toEqual({ type: DEFERRED_MESSAGE });
    const [sent] = outbound.to(DISCORD_API) as OutboundCall[];
    expect(sent?.method).toBe("PATCH");
    expect(sent?.url.pathname).toBe(`/api/v10/webhooks/${back.application_id}/${back.token}/messages/@original`);
    expect(JSON.parse(String(sent?.form?.get("payload_json")))).toMatchObject({
      content: "receipt",
      attachments: [{ id: "0", filename: "receipt.png" }],
    });
    const attachment = sent?.form?.get("files[0]") as File;
    expect(attachment.name).toBe("receipt.png");
    expect(attachment.type).toBe("image/png");
    expect(await attachment.text()).toBe("PNG-receipt");
  });
});

describe("on Slack", () => {
  const url = "https://files.slack.com/files-pri/T0TEAM-F0RICH0/download/receipt.pdf";
  const uploadUrl = "https://files.slack.com/upload/v1/ABC123";

  it("keeps a file shared with 'note <title>', and uploads it back into the conversation in three steps", async () => {
    const user = "U0NOTES";
    const outbound = stubSlackApi(
      interceptFetch()
        .on(url, () => new Response("%PDF-receipt"))
        .on(uploadUrl, () => new Response("OK - 12"))
        .on(`${SLACK_API}/files.getUploadURLExternal`, () =>
          Response.json({ ok: true, upload_url: uploadUrl, file_id: "F0BACK" }),
        )
        .on(`${SLACK_API}/files.completeUploadExternal`, () =>
          Response.json({ ok: true, files: [{ id: "F0BACK", title: "receipt.pdf" }] }),
        ),
    );
    const pdf = { name: "receipt.pdf", mimetype: "application/pdf", size: 12, url_private_download: url };
    await finished(worker.slackEvent(slackFileShare("note receipt", [pdf], { user })));
    expect(postedTexts(outbound)).toEqual(["Kept *receipt* as file 1. Send /notes to see your files."]);
    const [row] = await keptFiles("slack", user);
    expect(row).toMatchObject({ name: "receipt.pdf", mime: "application/pdf", kind: "document", chat_id: SLACK_DM });
    expect(await keptBytes(row)).toBe("%PDF-receipt");

    await finished(worker.slackCommand(slackCommandFields("notes 1", "C0GENERAL", user)));
    const [ticket] = slackCalls(outbound.calls, "files.getUploadURLExternal");
    expect(Object.fromEntries(ticket?.form ?? [])).toEqual({ filename: "receipt.pdf", length: "12" });
    const [upload] = outbound.to(uploadUrl);
    expect(upload?.headers.get("authorization")).toBeNull();
    const uploaded = upload?.form?.get("file");
    expect(uploaded instanceof File && (await uploaded.text())).toBe("%PDF-receipt");
    const [complete] = slackCalls(outbound.calls, "files.completeUploadExternal");
    expect(Object.fromEntries(complete?.form ?? [])).toEqual({
      files: JSON.stringify([{ id: "F0BACK", title: "receipt.pdf" }]),
      channel_id: "C0GENERAL",
      initial_comment: "receipt",
    });
    expect(outbound.calls.indexOf(ticket as OutboundCall)).toBeLessThan(outbound.calls.indexOf(upload as OutboundCall));
    expect(outbound.calls.indexOf(upload as OutboundCall)).toBeLessThan(
      outbound.calls.indexOf(complete as OutboundCall),
    );
  });
});
