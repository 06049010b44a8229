/**
 * The local stand-ins answer the bot's rich replies as each platform does:
 * files uploaded the platform's way are kept and served back at the URLs
 * the platform gives, edits replace messages in place, and a message that
 * is gone gets the platform's own refusal. Ada's files reach the Worker the
 * platform's way too, and so do picks in drop-downs, forms with drop-downs,
 * and the message actions the bot registers ("Remind me"). Driven by the
 * engine's own clients where it has them (grammY, Parley's Discord client),
 * with no Worker: deliveries are caught, and answered as a test says.
 *
 *   npx node --test test/scripts/stand-ins.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Api, GrammyError, InputFile } from "grammy";
import { concierge } from "../../bots/concierge/index.ts";
import { createDiscord } from "../../scripts/local/discord/index.ts";
import { readEnvFile } from "../../scripts/local/env-file.ts";
import type { Delivery, LocalPlatform, PlatformContext } from "../../scripts/local/platform.ts";
import type { ChatMessage, PlatformName } from "../../scripts/local/protocol.ts";
import { Session } from "../../scripts/local/session.ts";
import { createSlack } from "../../scripts/local/slack/index.ts";
import { type StandIns, startStandIns } from "../../scripts/local/stand-ins.ts";
import { createTelegram } from "../../scripts/local/telegram/index.ts";
import { DiscordApi } from "../../src/platforms/discord/api.ts";
import { PlatformError } from "../../src/platforms/errors.ts";

const secrets = readEnvFile(".dev.vars.example");
const PICTURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);
const session = new Session({ bot: "concierge", realApis: false, tierTwo: { standIn: true }, secrets: {} });
/** What each platform delivered to the (absent) Worker, newest last. */
const delivered: Record<PlatformName, Delivery[]> = { telegram: [], discord: [], slack: [] };
/** The Worker's answer to the next delivery; an empty 200 unless a test says otherwise. */
let nextAnswer = "";
let standIns: StandIns;
let platforms: Record<PlatformName, LocalPlatform>;

function context(platform: PlatformName): PlatformContext {
  return {
    bot: concierge,
    session,
    standIns: standIns.url,
    secret: (name) => secrets[name] ?? "",
    async deliver(delivery) {
      delivered[platform].push(delivery);
      const body = nextAnswer;
      nextAnswer = "";
      return { entryId: `e${delivered[platform].length}`, status: 200, body };
    },
  };
}

function messageOf(platform: PlatformName, id: string): ChatMessage | undefined {
  return session
    .snapshot()
    .chats.find((chat) => chat.platform === platform)
    ?.messages.find((m) => m.id === id);
}

async function bytesAt(url: string, headers: Record<string, string> = {}): Promise<Uint8Array> {
  const response = await fetch(url, { headers });
  assert.equal(response.status, 200, url);
  return new Uint8Array(await response.arrayBuffer());
}

function lastBody(platform: PlatformName): unknown {
  const delivery = delivered[platform].at(-1);
  assert.ok(delivery, `a delivery on ${platform}`);
  return JSON.parse(delivery.body);
}

before(async () => {
  standIns = await startStandIns(0, session);
  platforms = {
    telegram: createTelegram(context("telegram")),
    discord: createDiscord(context("discord")),
    slack: createSlack(context("slack")),
  };
  for (const platform of Object.values(platforms)) standIns.attach(platform);
});

after(() => standIns.close());

test("Telegram: a photo uploaded as multipart comes back by getFile, its caption edits in place, and a deleted message cannot be edited", async () => {
  const token = secrets.TELEGRAM_BOT_TOKEN ?? "";
  const api = new Api(token, { apiRoot: `${standIns.url}/telegram` });
  const chatId = 100001;
  const sent = await api.sendPhoto(chatId, new InputFile(PICTURE, "receipt.png"), {
    caption: "<b>receipt</b>",
    parse_mode: "HTML",
  });
  const fileId = sent.photo?.at(-1)?.file_id ?? "";
  const file = await api.getFile(fileId);
  assert.deepEqual(await bytesAt(`${standIns.url}/telegram/file/bot${token}/${file.file_path}`), PICTURE);
  const again = await api.sendPhoto(chatId, fileId);
  assert.equal(again.photo?.at(-1)?.file_id, fileId, "a file_id sends the same file");

  await api.editMessageCaption(chatId, sent.message_id, { caption: "kept" });
  const shown = messageOf("telegram", String(sent.message_id));
  assert.equal(shown?.spans.map((span) => span.text).join(""), "kept");
  assert.equal(shown?.edited, true);
  assert.equal(shown?.files?.[0]?.name, "receipt.png", "the photo stays under the new caption");

  await api.sendChatAction(chatId, "typing");
  assert.equal(chatOf("telegram").working, "Concierge is typing…", "typing shows");
  const text = await api.sendMessage(chatId, "Looking…");
  assert.equal(chatOf("telegram").working, undefined, "and goes with the bot's next message");
  await api.setMessageReaction(chatId, text.message_id, [{ type: "emoji", emoji: "👍" }]);
  assert.deepEqual(messageOf("telegram", String(text.message_id))?.reactions, ["👍"]);
  await api.deleteMessage(chatId, text.message_id);
  assert.equal(messageOf("telegram", String(text.message_id)), undefined);
  await assert.rejects(
    api.editMessageText(chatId, text.message_id, "Found"),
    (error) => error instanceof GrammyError && error.description === "Bad Request: message to edit not found",
  );
  await assert.rejects(
    api.deleteMessage(chatId, text.message_id),
    (error) => error instanceof GrammyError && error.description === "Bad Request: message to delete not found",
  );
});

test("Telegram: getChatMember knows Ada as a member of her private chat with the bot, and no one else", async () => {
  const api = new Api(secrets.TELEGRAM_BOT_TOKEN ?? "", { apiRoot: `${standIns.url}/telegram` });
  const member = await api.getChatMember(100001, 100001);
  assert.equal(member.status, "member");
  assert.equal(member.user.first_name, "Ada");
  await assert.rejects(
    api.getChatMember(100001, 42),
    (error) => error instanceof GrammyError && error.description === "Bad Request: user not found",
  );
  await assert.rejects(
    api.getChatMember(-100200, 100001),
    (error) => error instanceof GrammyError && error.description === "Bad Request: chat not found",
  );
});

test("Telegram: Ada's photo with a caption arrives as a photo message whose file getFile serves", async () => {
  await platforms.telegram.upload({ name: "receipt.png", mime: "image/png", bytes: PICTURE }, "/note receipt");
  const { message } = lastBody("telegram") as {
    message: { caption: string; caption_entities: unknown[]; photo: { file_id: string }[] };
  };
  assert.equal(message.caption, "/note receipt");
  assert.deepEqual(message.caption_entities, [{ type: "bot_command", offset: 0, length: 5 }]);
  const token = secrets.TELEGRAM_BOT_TOKEN ?? "";
  const api = new Api(token, { apiRoot: `${standIns.url}/telegram` });
  const file = await api.getFile(message.photo.at(-1)?.file_id ?? "");
  assert.deepEqual(await bytesAt(`${standIns.url}/telegram/file/bot${token}/${file.file_path}`), PICTURE);
});

test("Discord: a multipart message's file is served at its attachment URL, an edit keeps it, and a deleted message is Unknown Message", async () => {
  const api = new DiscordApi({ base: `${standIns.url}/discord`, fetch, botToken: secrets.DISCORD_BOT_TOKEN ?? "" });
  const channel = "1310000000000000002";
  const body = { content: "receipt", attachments: [{ id: "0", filename: "receipt.png" }] };
  const sent = (await api.request("POST", `/channels/${channel}/messages`, body, {
    name: "receipt.png",
    mime: "image/png",
    data: PICTURE,
  })) as { id: string; attachments: { url: string; filename: string }[] };
  const [attachment] = sent.attachments;
  assert.equal(attachment?.filename, "receipt.png");
  assert.deepEqual(await bytesAt(attachment?.url ?? ""), PICTURE);

  await api.request("PATCH", `/channels/${channel}/messages/${sent.id}`, { content: "kept", components: [] });
  const shown = messageOf("discord", sent.id);
  assert.equal(shown?.spans.map((span) => span.text).join(""), "kept");
  assert.equal(shown?.edited, true);
  assert.equal(shown?.files?.length, 1, "an edit without attachments keeps the file");

  await api.request("PUT", `/channels/${channel}/messages/${sent.id}/reactions/${encodeURIComponent("🎉")}/@me`);
  assert.deepEqual(messageOf("discord", sent.id)?.reactions, ["🎉"]);
  await api.request("DELETE", `/channels/${channel}/messages/${sent.id}`);
  await assert.rejects(
    api.request("PATCH", `/channels/${channel}/messages/${sent.id}`, { content: "again" }),
    (error) => error instanceof PlatformError && error.code === 10008,
  );
});

test("Discord: Ada's file fills the command's attachment option and is served at its URL", async () => {
  await platforms.discord.upload({ name: "receipt.png", mime: "image/png", bytes: PICTURE }, "/note receipt");
  const { data } = lastBody("discord") as {
    data: {
      options: { name: string; type: number; value: string }[];
      resolved: { attachments: Record<string, { url: string; size: number }> };
    };
  };
  assert.deepEqual(
    data.options.map((option) => [option.name, option.type]),
    [
      ["title", 3],
      ["file", 11],
    ],
  );
  const file = data.resolved.attachments[data.options[1]?.value ?? ""];
  assert.equal(file?.size, PICTURE.byteLength);
  assert.deepEqual(await bytesAt(file?.url ?? ""), PICTURE);
});

async function slack(method: string, body: Record<string, unknown>, form = false): Promise<Record<string, unknown>> {
  const response = await fetch(`${standIns.url}/slack/${method}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${secrets.SLACK_BOT_TOKEN}`,
      "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
    },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

test("Slack: a file in three steps is shared with its comment, chat.update edits in place, and a deleted message is message_not_found", async () => {
  const ticket = await slack("files.getUploadURLExternal", { filename: "receipt.png", length: "12" }, true);
  assert.equal(ticket.ok, true);
  const form = new FormData();
  form.append("file", new Blob([PICTURE], { type: "image/png" }), "receipt.png");
  assert.equal((await fetch(String(ticket.upload_url), { method: "POST", body: form })).status, 200);
  const files = JSON.stringify([{ id: ticket.file_id, title: "receipt.png" }]);
  const done = await slack(
    "files.completeUploadExternal",
    { files, channel_id: "D0LOCAL01", initial_comment: "receipt" },
    true,
  );
  assert.equal(done.ok, true);
  const shared = session
    .snapshot()
    .chats.find((chat) => chat.platform === "slack")
    ?.messages.findLast((message) => message.files?.length);
  assert.equal(shared?.spans.map((span) => span.text).join(""), "receipt");

  const posted = await slack("chat.postMessage", { channel: "D0LOCAL01", text: "Looking…" });
  const ts = String(posted.ts);
  assert.equal((await slack("chat.update", { channel: "D0LOCAL01", ts, text: "Found" })).ok, true);
  assert.equal(messageOf("slack", ts)?.edited, true);
  assert.equal((await slack("reactions.add", { channel: "D0LOCAL01", timestamp: ts, name: "eyes" })).ok, true);
  assert.deepEqual(messageOf("slack", ts)?.reactions, ["👀"]);
  assert.equal((await slack("chat.delete", { channel: "D0LOCAL01", ts })).ok, true);
  assert.deepEqual(await slack("chat.update", { channel: "D0LOCAL01", ts, text: "again" }), {
    ok: false,
    error: "message_not_found",
  });
  assert.deepEqual(await slack("files.delete", { file: "F0NOSUCH" }), { ok: false, error: "file_not_found" });
});

test("Slack: Ada's file is a file_share event whose url_private serves the bytes to the bot token alone", async () => {
  await platforms.slack.upload({ name: "receipt.png", mime: "image/png", bytes: PICTURE }, "keep this as receipt");
  const { event } = lastBody("slack") as { event: { subtype: string; text: string; files: { url_private: string }[] } };
  assert.equal(event.subtype, "file_share");
  assert.equal(event.text, "keep this as receipt");
  const url = event.files[0]?.url_private ?? "";
  assert.deepEqual(await bytesAt(url, { authorization: `Bearer ${secrets.SLACK_BOT_TOKEN}` }), PICTURE);
  const anonymous = await fetch(url);
  assert.match(await anonymous.text(), /Sign in/, "without the token, Slack's sign-in page");
});

function chatOf(platform: PlatformName) {
  const chat = session.snapshot().chats.find((candidate) => candidate.platform === platform);
  assert.ok(chat);
  return chat;
}

test("Discord: a string select sends a component interaction with data.values", async () => {
  const api = new DiscordApi({ base: `${standIns.url}/discord`, fetch, botToken: secrets.DISCORD_BOT_TOKEN ?? "" });
  const options = [
    { label: "Morning", value: "morning" },
    { label: "Evening", value: "evening" },
  ];
  const select = { type: 3, custom_id: "when", placeholder: "When?", options };
  const sent = (await api.request("POST", "/channels/1310000000000000002/messages", {
    content: "When?",
    components: [{ type: 1, components: [select] }],
  })) as { id: string };
  assert.deepEqual(messageOf("discord", sent.id)?.selects, [{ id: "when", placeholder: "When?", options }]);
  await platforms.discord.pick(sent.id, "when", "evening");
  const interaction = lastBody("discord") as { type: number; data: unknown; message: { id: string } };
  assert.equal(interaction.type, 3);
  assert.deepEqual(interaction.data, { custom_id: "when", component_type: 3, values: ["evening"] });
  assert.equal(interaction.message.id, sent.id);
  await assert.rejects(platforms.discord.pick(sent.id, "when", "noon"), /No such option/);
});

test("Discord: a modal (type 9) with a select submits type 5 with each field's component in data.components", async () => {
  nextAnswer = JSON.stringify({
    type: 9,
    data: {
      custom_id: "remind",
      title: "Remind me",
      components: [
        { type: 18, label: "What", component: { type: 4, custom_id: "text", style: 1 } },
        {
          type: 18,
          label: "When",
          component: { type: 3, custom_id: "when", options: [{ label: "Evening", value: "evening" }] },
        },
      ],
    },
  });
  await platforms.discord.say("/todo add");
  const form = chatOf("discord").form;
  assert.deepEqual(form?.fields, [
    { id: "text", label: "What" },
    { id: "when", label: "When", options: [{ value: "evening", label: "Evening" }] },
  ]);
  await platforms.discord.submit?.(form?.id ?? "", { text: "stretch", when: "evening" });
  const submitted = lastBody("discord") as { type: number; data: { custom_id: string; components: unknown } };
  assert.equal(submitted.type, 5);
  assert.equal(submitted.data.custom_id, "remind");
  assert.deepEqual(submitted.data.components, [
    { type: 18, id: 1, component: { type: 4, id: 2, custom_id: "text", value: "stretch" } },
    { type: 18, id: 3, component: { type: 3, id: 4, custom_id: "when", values: ["evening"] } },
  ]);
});

test("Discord: the bot's registered message command is on every message's menu and sends a type 3 command with the message resolved", async () => {
  const [action] = chatOf("discord").messageActions;
  assert.equal(action?.label, "Remind me");
  await platforms.discord.say("buy milk");
  const said = chatOf("discord").messages.findLast((message) => message.from === "user");
  await platforms.discord.messageAction?.(said?.id ?? "", action?.id ?? "");
  const { type, data } = lastBody("discord") as {
    type: number;
    data: {
      type: number;
      name: string;
      target_id: string;
      resolved: { messages: Record<string, { content: string }> };
    };
  };
  assert.equal(type, 2);
  assert.equal(data.type, 3);
  assert.equal(data.name, "Remind me");
  assert.equal(data.target_id, said?.id);
  assert.equal(data.resolved.messages[data.target_id]?.content, "buy milk");
});

test("Slack: the message shortcut of the bot's manifest sends message_action with the message", async () => {
  const [action] = chatOf("slack").messageActions;
  assert.deepEqual(action, { id: "remind", label: "Remind me" });
  await platforms.slack.say("buy milk");
  const said = chatOf("slack").messages.findLast((message) => message.from === "user");
  await platforms.slack.messageAction?.(said?.id ?? "", "remind");
  const body = delivered.slack.at(-1)?.body ?? "";
  const payload = JSON.parse(new URLSearchParams(body).get("payload") ?? "{}") as Record<string, unknown>;
  assert.equal(payload.type, "message_action");
  assert.equal(payload.callback_id, "remind");
  assert.equal(payload.message_ts, said?.id);
  assert.deepEqual(payload.message, { type: "message", user: "U0LOCAL01", ts: said?.id, text: "buy milk" });
  assert.match(String(payload.trigger_id), /^trigger\./);
});

/** Calls Slack's Web API on the stand-in with `token`, as the bot would. */
async function slackCall(method: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${standIns.url}/slack/${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

test("Slack: users.info reports Ada as an admin of the workspace that asks, and knows no one else", async () => {
  const token = secrets.SLACK_BOT_TOKEN ?? "";
  const response = await fetch(`${standIns.url}/slack/users.info?user=U0LOCAL01`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const ada = (await response.json()) as { ok: boolean; user: Record<string, unknown> };
  assert.equal(ada.ok, true);
  assert.equal(ada.user.is_admin, true);
  assert.equal(ada.user.team_id, "T0LOCAL01");
  assert.deepEqual(await slackCall("users.info", token, { user: "U0LOCAL02" }), {
    ok: false,
    error: "user_not_found",
  });
});

test("Slack: the second workspace's token works once the app is installed there, and only in its own channels", async () => {
  const second = "xoxb-local-second-workspace-token";
  const hello = { channel: "D0LOCAL02", text: "hello" };
  assert.deepEqual(await slackCall("chat.postMessage", second, hello), { ok: false, error: "invalid_auth" });
  const authorize = new URL(`${standIns.url}/slack/oauth/v2/authorize`);
  const redirect = "http://127.0.0.1:1/slack/oauth/callback";
  authorize.search = new URLSearchParams({
    client_id: secrets.SLACK_CLIENT_ID ?? "",
    redirect_uri: redirect,
    state: "s",
  }).toString();
  const consent = await (await fetch(authorize)).text();
  const code = /code=(\w+)/.exec(consent)?.[1] ?? "";
  const access = await fetch(`${standIns.url}/slack/oauth.v2.access`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: secrets.SLACK_CLIENT_ID ?? "",
      client_secret: secrets.SLACK_CLIENT_SECRET ?? "",
      code,
      redirect_uri: redirect,
    }).toString(),
  });
  assert.equal(((await access.json()) as { access_token: string }).access_token, second);
  const workspaces = chatOf("slack").workspaces;
  assert.deepEqual(
    workspaces?.choices.map((choice) => choice.installed),
    [true, true],
  );
  assert.equal((await slackCall("chat.postMessage", second, hello)).ok, true);
  assert.deepEqual(await slackCall("chat.postMessage", second, { channel: "D0LOCAL01", text: "hello" }), {
    ok: false,
    error: "channel_not_found",
  });
  const shown = chatOf("slack").messages.some((message) => message.spans.some((span) => span.text === "hello"));
  assert.equal(shown, false, "a message to a workspace Ada is not looking at waits there");
  platforms.slack.switchChannel?.("T0LOCAL02");
  const there = chatOf("slack").messages.map((message) => message.spans.map((span) => span.text).join(""));
  assert.deepEqual(there, ["hello"]);
  platforms.slack.switchChannel?.("T0LOCAL01");
});
