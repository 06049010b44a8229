/**
 * A bot on Telegram, Discord and Slack at once, for the rich-reply suites:
 * messages with files as each platform delivers them, and what the bot
 * sent back through each platform's API. Built on the adversarial harness
 * (signed requests, one Worker for all three).
 */
import type { Bot } from "../../src/core/intent.ts";
import type { Timer } from "../../src/core/timer.ts";
import type { Env } from "../../src/env.ts";
import { createHarness } from "../adversarial/harness.ts";
import { slashCommand as discordCommand } from "./discord.ts";
import type { OutboundCall } from "./outbound.ts";
import { eventCallback, slashCommand as slackCommand } from "./slack.ts";
import { freshUpdateId } from "./telegram.ts";
import type { Call } from "./worker.ts";

/** The user every suite here writes as, on each platform. */
export const USER = { telegram: 7100, discord: "700000000000000071", slack: "U0RICH" } as const;
/** The Slack conversation of that user's direct messages with the bot. */
export const SLACK_DM = "D0RICH";
/** Where Telegram serves the files it keeps (`/file/bot<token>/<path>`). */
export const TELEGRAM_FILES = "https://api.telegram.org/file/";

export interface RichWorker {
  /** The Worker's environment (the bot's secrets included), for the queue consumer. */
  readonly env: Env;
  telegram(update: unknown): Promise<Call>;
  discord(interaction: unknown): Promise<Call>;
  /** An Events API callback (a message, a mention, a shared file). */
  slackEvent(callback: unknown): Promise<Call>;
  /** A slash command's form fields. */
  slackCommand(fields: Record<string, string>): Promise<Call>;
}

/** A Worker serving `bot` on the three platforms, with `timer` counting its waits and `settings` on top of the test environment. */
export async function richWorker(
  bot: Bot,
  options: { readonly timer?: Timer; readonly settings?: Readonly<Record<string, unknown>> } = {},
): Promise<RichWorker> {
  const harness = await createHarness({
    bots: [bot],
    ...(options.timer ? { timer: options.timer } : {}),
    env: (env) => ({ ...env, ...options.settings }) as Env,
  });
  return {
    env: harness.env,
    telegram: (update) => harness.call(harness.telegram(JSON.stringify(update))),
    discord: async (interaction) => harness.call(await harness.discord(JSON.stringify(interaction))),
    slackEvent: async (callback) => harness.call(await harness.slack(JSON.stringify(callback), "application/json")),
    slackCommand: async (fields) =>
      harness.call(await harness.slack(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded")),
  };
}

/** Settles the call and returns the webhook's own answer, parsed (undefined for an empty one). */
export async function finished(call: Promise<Call>): Promise<unknown> {
  const { response, settled } = await call;
  const body = await response.text();
  await settled;
  return body === "" ? undefined : JSON.parse(body);
}

// Telegram

export interface TelegramFile {
  readonly file_id: string;
  readonly file_name?: string;
  readonly mime_type?: string;
  readonly file_size?: number;
}

let nextMessageId = 9000;

/**
 * A message in a user's private chat (`USER.telegram`'s unless `user` says),
 * with a file (`photo` sizes, or a `document`, …) and its caption, as
 * Telegram sends it.
 */
export function telegramMessage(options: {
  readonly text?: string;
  readonly caption?: string;
  readonly files?: Readonly<Record<string, TelegramFile | readonly TelegramFile[]>>;
  readonly languageCode?: string;
  readonly messageId?: number;
  readonly user?: number;
}) {
  const caption = options.caption;
  const user = options.user ?? USER.telegram;
  return {
    update_id: freshUpdateId(),
    message: {
      message_id: options.messageId ?? nextMessageId++,
      date: 1_700_000_000,
      chat: { id: user, type: "private" },
      from: {
        id: user,
        is_bot: false,
        first_name: "Ann",
        ...(options.languageCode ? { language_code: options.languageCode } : {}),
      },
      ...(options.text === undefined ? {} : { text: options.text, entities: commandEntity(options.text) }),
      ...(caption === undefined ? {} : { caption, caption_entities: commandEntity(caption) }),
      ...options.files,
    },
  };
}

function commandEntity(text: string) {
  return text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]?.length ?? 1 }] : [];
}

/** The Bot API calls made to `method`, with their payloads (JSON, or a multipart form's fields). */
export function telegramCalls(calls: readonly OutboundCall[], method: string): OutboundCall[] {
  return calls.filter((call) => call.url.pathname.endsWith(`/${method}`));
}

// Discord

let nextAttachment = 1;

export interface DiscordFile {
  readonly filename: string;
  readonly size: number;
  readonly contentType?: string;
  readonly url: string;
}

/** A slash command in a server with `file` given to its attachment option `option`, as Discord sends it. */
export function discordCommandWithFile(
  name: string,
  values: Readonly<Record<string, string | number>>,
  option: string,
  file: DiscordFile,
  userId: string = USER.discord,
) {
  const base = discordCommand(name, values, { userId });
  const id = String(1_600_000_000_000_000_000n + BigInt(nextAttachment++));
  const attachment = {
    id,
    filename: file.filename,
    size: file.size,
    url: file.url,
    proxy_url: file.url,
    ...(file.contentType ? { content_type: file.contentType } : {}),
  };
  return {
    ...base,
    data: {
      ...base.data,
      options: [...base.data.options, { name: option, type: 11, value: id }],
      resolved: { attachments: { [id]: attachment } },
    },
  };
}

// Slack

export interface SlackFile {
  readonly name: string;
  readonly mimetype: string;
  readonly size: number;
  readonly url_private_download: string;
}

/** A direct message to the bot with `files` shared in it (a `file_share`), as the Events API sends it. */
export function slackFileShare(
  text: string,
  files: readonly SlackFile[],
  options: { readonly user?: string; readonly channel?: string } = {},
) {
  return eventCallback({
    text,
    user: options.user ?? USER.slack,
    channel: options.channel ?? SLACK_DM,
    channelType: "im",
    extra: { subtype: "file_share", files: files.map((file, index) => ({ id: `F0RICH${index}`, ...file })) },
  });
}

/** A slash command of a user (`USER.slack` unless said) in `channel` (the general channel unless said). */
export function slackCommandFields(
  text: string,
  channel = "C0GENERAL",
  user: string = USER.slack,
): Record<string, string> {
  return slackCommand({ text, user, channel }).fields;
}

/** The Web API calls made to `method`. */
export function slackCalls(calls: readonly OutboundCall[], method: string): OutboundCall[] {
  return calls.filter((call) => call.url.pathname.endsWith(`/${method}`));
}
