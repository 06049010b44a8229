/**
 * Slack deliveries to neutral updates. One URL receives three shapes: Events
 * API callbacks (JSON), slash commands (form fields) and interactivity (a
 * form field `payload` holding JSON). Only the fields Parley reads are
 * validated; a body without them is not from Slack (400), and anything the
 * bot does not handle is answered 200 and dropped before any work is done.
 *
 * Chat ids name where the bot answers, so that a question and its answer
 * meet in one conversation (dialog state is kept per chat and user):
 * - `channel` for the top level of a conversation: direct messages, slash
 *   commands (Slack does not allow them in threads), buttons on top-level
 *   messages and plain channel messages;
 * - `channel:thread_ts` for a thread: a mention is answered in a thread
 *   started at the mention, and everything said inside a thread stays there.
 * A question asked in a thread is thus answered only in that thread; the same
 * user's "Berlin" in another thread or at the top level is not taken for it.
 * A thread's chat names its channel as its parent: digest subscriptions are
 * kept, listed and sent per channel.
 */
import * as z from "zod";
import { kindOf } from "../../core/files.ts";
import type { Bot } from "../../core/intent.ts";
import { messageActionCommand } from "../../core/message-action.ts";
import type { AboutMessage, Attachment, CommandInvocation } from "../../core/update.ts";
import type { Parsed } from "../adapter.ts";
import { parseJson } from "../json.ts";
import { FORM_CALLBACK, FormMetadata, submittedValues, ViewState } from "./form.ts";
import { writeRoute } from "./route.ts";
import { decodeText, mentions, stripMention } from "./text.ts";

/** Where the payload's installation is: the org for an org-wide install, else the team. */
export function workspaceOf(teamId: string | undefined, enterpriseId: string | undefined, orgInstall: boolean) {
  return orgInstall && enterpriseId ? enterpriseId : teamId;
}

function chatOf(channel: string, thread: string | undefined, direct: boolean, workspace: string | undefined) {
  const kind = direct ? "private" : "group";
  if (thread === undefined) return { id: channel, kind } as const;
  const address = workspace === undefined ? { chatId: channel } : { chatId: channel, workspace };
  return { id: `${channel}:${thread}`, kind, parent: { id: channel, address } } as const;
}

/** Direct-message conversation ids start with D. */
export function isDirect(channel: string): boolean {
  return channel.startsWith("D");
}

/**
 * "weather Berlin" as a command: the first word names it, the rest is its
 * text. A leading slash is allowed, so "/concierge /weather Berlin" and a
 * button's "/weather Berlin" read the same.
 */
export function commandOf(text: string): CommandInvocation | undefined {
  const match = /^\/?([^\s/]\S*)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  return { name: (match[1] as string).toLowerCase(), text: (match[2] ?? "").trim() };
}

const ignored = (): Parsed => ({ kind: "answer", response: new Response(null, { status: 200 }) });

/** What Slack delivers: what the adapter hands on, or the app's installation in a workspace ending. */
export type SlackDelivery = Parsed | { readonly kind: "uninstalled"; readonly workspace: string };

/** Ids are `T…` and `E…`; Slack sends null for "none". */
const Id = z
  .string()
  .nullish()
  .transform((id) => id || undefined);

// Events API

const UrlVerification = z.object({ type: z.literal("url_verification"), challenge: z.string() });

const EventCallback = z.object({
  type: z.literal("event_callback"),
  event_id: z.string().min(1),
  team_id: Id,
  enterprise_id: Id,
  /** Truncated to one installation; for a bot token it is the bot user's. */
  authorizations: z
    .array(
      z.object({
        user_id: z.string().optional(),
        is_bot: z.boolean().optional(),
        team_id: Id,
        enterprise_id: Id,
        is_enterprise_install: z.boolean().optional(),
      }),
    )
    .optional(),
  event: z.looseObject({
    type: z.string(),
    subtype: z.string().optional(),
    bot_id: z.string().optional(),
    user: z.string().optional(),
  }),
});

/** A file shared in a message; one without a download URL (a file of another service) is left out. */
const SharedFile = z.object({
  name: z.string().optional(),
  mimetype: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  url_private_download: z.string().optional(),
  url_private: z.string().optional(),
});

/** A user's message or mention, once bots, edits and deletions are ruled out. */
const UserMessage = z.object({
  type: z.enum(["app_mention", "message"]),
  user: z.string().min(1),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  text: z.string().default(""),
  files: z.array(SharedFile).optional(),
  user_profile: z
    .object({ display_name: z.string().optional(), real_name: z.string().optional(), name: z.string().optional() })
    .optional(),
});

type EventCallback = z.infer<typeof EventCallback>;

function attachmentsOf(files: readonly z.infer<typeof SharedFile>[], workspace: string | undefined): Attachment[] {
  return files.flatMap((file) => {
    const url = file.url_private_download ?? file.url_private;
    if (url === undefined) return [];
    const mime = file.mimetype || "application/octet-stream";
    const size = file.size === undefined ? {} : { size: file.size };
    const ref: Record<string, string> = workspace === undefined ? { url } : { url, workspace };
    return [{ kind: kindOf(mime), name: file.name || "file", ...size, mime, ref }];
  });
}

/** The events that end the app's installation in a workspace: uninstalled, or its bot token revoked. */
const Uninstall = z.union([
  z.object({ type: z.literal("app_uninstalled") }),
  z.object({
    type: z.literal("tokens_revoked"),
    tokens: z.object({ bot: z.array(z.string()).min(1) }),
  }),
]);

function callbackWorkspace(callback: EventCallback): string | undefined {
  const authorization = callback.authorizations?.[0];
  const enterpriseId = authorization?.enterprise_id ?? callback.enterprise_id;
  return workspaceOf(
    authorization?.team_id ?? callback.team_id,
    enterpriseId,
    authorization?.is_enterprise_install === true,
  );
}

/** A message with files is a `file_share`; other subtypes are edits, joins, deletions and the like. */
const READ_SUBTYPES: ReadonlySet<string | undefined> = new Set([undefined, "file_share"]);

function fromEvent(callback: EventCallback, bot: string): SlackDelivery {
  const { event } = callback;
  const workspace = callbackWorkspace(callback);
  if (Uninstall.safeParse(event).success) {
    return workspace === undefined
      ? { kind: "invalid", reason: "an uninstall without a team" }
      : { kind: "uninstalled", workspace };
  }
  const botUser = callback.authorizations?.find((authorization) => authorization.is_bot)?.user_id;
  if (event.type !== "app_mention" && event.type !== "message") return ignored();
  // No loops: nothing a bot wrote (this one included), no edits, joins or deletions.
  if (event.bot_id !== undefined || !READ_SUBTYPES.has(event.subtype)) return ignored();
  if (botUser !== undefined && event.user === botUser) return ignored();
  const parsed = UserMessage.safeParse(event);
  if (!parsed.success) return { kind: "invalid", reason: "not a Slack message event" };
  const message = parsed.data;
  const mention = message.type === "app_mention";
  const direct = message.channel_type === "im" || isDirect(message.channel);
  // A channel message that mentions the bot also comes as `app_mention`; that one is answered.
  if (!mention && !direct && botUser !== undefined && mentions(message.text, botUser)) return ignored();
  const text = decodeText(stripMention(message.text, botUser)).trim();
  const attachments = attachmentsOf(message.files ?? [], workspace);
  const addressed = mention || direct;
  if (text === "" && attachments.length === 0 && !addressed) return ignored();
  const thread = message.thread_ts ?? (mention ? message.ts : undefined);
  const profile = message.user_profile;
  return {
    kind: "update",
    update: {
      platform: "slack",
      bot,
      eventId: callback.event_id,
      chat: chatOf(message.channel, thread, direct, workspace),
      user: { id: message.user, name: profile?.display_name || profile?.real_name || profile?.name || message.user },
      text,
      ...(attachments.length > 0 ? { attachments } : {}),
      isButtonPress: false,
      // Other channel and thread messages reach the bot only as answers to its questions.
      addressed,
      route: writeRoute({ channel: message.channel, thread, source: "event", ts: message.ts, workspace }),
    },
  };
}

function fromJson(body: string, bot: string): SlackDelivery {
  const parsed = parseJson(body);
  if (!parsed.ok) return { kind: "invalid", reason: "body is neither JSON nor a form" };
  const json = parsed.value;
  const envelope = z.object({ type: z.string() }).safeParse(json);
  if (!envelope.success) return { kind: "invalid", reason: "not a Slack request" };
  if (envelope.data.type === "url_verification") {
    const verification = UrlVerification.safeParse(json);
    if (!verification.success) return { kind: "invalid", reason: "url_verification without a challenge" };
    return { kind: "answer", response: Response.json({ challenge: verification.data.challenge }) };
  }
  if (envelope.data.type !== "event_callback") return ignored();
  const callback = EventCallback.safeParse(json);
  return callback.success ? fromEvent(callback.data, bot) : { kind: "invalid", reason: "not a Slack event" };
}

// Slash commands

const SlashCommand = z.object({
  command: z.string().startsWith("/"),
  text: z.string(),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  channel_id: z.string().min(1),
  response_url: z.url(),
  trigger_id: z.string().min(1),
  team_id: Id,
  enterprise_id: Id,
  is_enterprise_install: z.string().optional(),
});

function fromSlashCommand(fields: z.infer<typeof SlashCommand>, bot: string): Parsed {
  const text = decodeText(fields.text).trim();
  // "/concierge" alone lists the commands.
  const command = commandOf(text) ?? { name: "help", text: "" };
  const workspace = workspaceOf(fields.team_id, fields.enterprise_id, fields.is_enterprise_install === "true");
  return {
    kind: "update",
    update: {
      platform: "slack",
      bot,
      // A slash command has no event id and is never redelivered; its trigger id is unique.
      eventId: fields.trigger_id,
      chat: chatOf(fields.channel_id, undefined, isDirect(fields.channel_id), workspace),
      user: { id: fields.user_id, name: fields.user_name || fields.user_id },
      text,
      command,
      isButtonPress: false,
      addressed: true,
      route: writeRoute({
        channel: fields.channel_id,
        responseUrl: fields.response_url,
        source: "command",
        workspace,
        trigger: fields.trigger_id,
      }),
    },
  };
}

// Interactivity

/** Who acted, and in which installation: the same fields in every interaction payload. */
const Actor = {
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  team: z.object({ id: Id, enterprise_id: Id }).nullish(),
  enterprise: z.object({ id: Id }).nullish(),
  is_enterprise_install: z.boolean().optional(),
};

type ActorOf = z.infer<z.ZodObject<typeof Actor>>;

/**
 * What every interaction says alike: its id (the trigger), the conversation
 * it happened in, who acted, and in which installation (for the reply's route).
 */
function interaction(
  payload: ActorOf & { readonly trigger_id: string },
  bot: string,
  channel: string,
  thread?: string,
) {
  const { user } = payload;
  const enterpriseId = payload.enterprise?.id ?? payload.team?.enterprise_id;
  const workspace = workspaceOf(payload.team?.id, enterpriseId, payload.is_enterprise_install === true);
  const fields = {
    platform: "slack",
    bot,
    eventId: payload.trigger_id,
    chat: chatOf(channel, thread, isDirect(channel), workspace),
    user: { id: user.id, name: user.name || user.username || user.id },
  } as const;
  return { workspace, fields };
}

const BlockActions = z.object({
  ...Actor,
  type: z.literal("block_actions"),
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z
    .object({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional() })
    .optional(),
  response_url: z.url().optional(),
  /** A button's `value`, or a select's `selected_option`. */
  actions: z.array(
    z.object({ value: z.string().optional(), selected_option: z.object({ value: z.string() }).optional() }),
  ),
});

function fromBlockActions(payload: z.infer<typeof BlockActions>, bot: string): Parsed {
  const [action] = payload.actions;
  const value = action?.value ?? action?.selected_option?.value;
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  // Buttons in modals or the App Home have no conversation to answer in.
  if (value === undefined || channel === undefined) return ignored();
  const { message_ts: messageTs, thread_ts: threadTs } = payload.container ?? {};
  // A top-level message with replies carries its own ts as thread_ts; it is still at the top level.
  const thread = threadTs !== undefined && threadTs !== messageTs ? threadTs : undefined;
  const command = value.startsWith("/") ? commandOf(value) : undefined;
  const { workspace, fields } = interaction(payload, bot, channel, thread);
  return {
    kind: "update",
    update: {
      ...fields,
      // Pressing a button, or picking from a select, is the same as sending its value.
      text: value,
      ...(command ? { command } : {}),
      isButtonPress: true,
      addressed: true,
      // The response URL answers even where the bot is not a member (a slash command's
      // message); in a thread, which it cannot reach, the bot posts itself.
      route: writeRoute({
        channel,
        thread,
        responseUrl: thread === undefined ? payload.response_url : undefined,
        source: "action",
        workspace,
        trigger: payload.trigger_id,
      }),
    },
  };
}

/** A message shortcut: the bot's message action chosen in a message's menu. */
const MessageShortcut = z.object({
  ...Actor,
  type: z.literal("message_action"),
  callback_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.url(),
  team: z
    .object({
      id: Id,
      enterprise_id: Id,
      domain: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
        .optional(),
    })
    .optional(),
  channel: z.object({ id: z.string().regex(/^[A-Z0-9]{1,40}$/) }),
  message: z.object({
    ts: z.string().regex(/^\d{1,12}\.\d{1,8}$/),
    text: z.string().default(""),
    thread_ts: z
      .string()
      .regex(/^\d{1,12}\.\d{1,8}$/)
      .optional(),
  }),
});

/** The message's permalink in its workspace (the form `chat.getPermalink` answers with), where the payload names the workspace. */
function permalinkOf(shortcut: z.infer<typeof MessageShortcut>): string | undefined {
  const domain = shortcut.team?.domain;
  if (domain === undefined) return undefined;
  const { channel, message } = shortcut;
  const base = `https://${domain}.slack.com/archives/${channel.id}/p${message.ts.replace(".", "")}`;
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return inThread ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
}

function fromMessageShortcut(shortcut: z.infer<typeof MessageShortcut>, bot: Bot): Parsed {
  const command = messageActionCommand(bot, (action) => action.command === shortcut.callback_id);
  if (!command) return { kind: "invalid", reason: "not a message shortcut of this bot" };
  const { channel, message } = shortcut;
  const link = permalinkOf(shortcut);
  const about: AboutMessage = { text: decodeText(message.text), ref: { ts: message.ts }, ...(link ? { link } : {}) };
  const { workspace, fields } = interaction(shortcut, bot.name, channel.id);
  return {
    kind: "update",
    update: {
      ...fields,
      text: `/${command.name}${command.subcommand ? ` ${command.subcommand}` : ""}`,
      command,
      about,
      isButtonPress: false,
      addressed: true,
      // The choice of when is shown through the response URL, to the user alone.
      route: writeRoute({ channel: channel.id, responseUrl: shortcut.response_url, source: "action", workspace }),
    },
  };
}

/** A form's submission (`form.ts`); other modals' are not Parley's. */
const ViewSubmission = z.object({
  ...Actor,
  type: z.literal("view_submission"),
  trigger_id: z.string().min(1),
  view: z.object({ callback_id: z.string(), private_metadata: z.string(), state: ViewState }),
});

/**
 * A form's values, answered in the conversation it was asked in (from the
 * metadata the form was opened with): they count only for the user's
 * question pending there with the form's id.
 */
function fromViewSubmission(payload: z.infer<typeof ViewSubmission>, bot: string): Parsed {
  if (payload.view.callback_id !== FORM_CALLBACK) return ignored();
  const json = parseJson(payload.view.private_metadata);
  const metadata = json.ok ? FormMetadata.safeParse(json.value) : undefined;
  if (!metadata?.success) return { kind: "invalid", reason: "a form without its metadata" };
  const { form, channel, thread, responseUrl } = metadata.data;
  const { workspace, fields } = interaction(payload, bot, channel, thread);
  return {
    kind: "update",
    update: {
      ...fields,
      text: "",
      form: { id: form, values: submittedValues(payload.view.state) },
      isButtonPress: false,
      addressed: true,
      route: writeRoute({ channel, thread, responseUrl, source: "view", workspace }),
    },
  };
}

function fromInteraction(payload: string, bot: Bot): Parsed {
  const parsed = parseJson(payload);
  if (!parsed.ok) return { kind: "invalid", reason: "interaction payload is not JSON" };
  const json = parsed.value;
  const envelope = z.object({ type: z.string() }).safeParse(json);
  if (!envelope.success) return { kind: "invalid", reason: "not a Slack interaction" };
  if (envelope.data.type === "message_action") {
    const shortcut = MessageShortcut.safeParse(json);
    return shortcut.success
      ? fromMessageShortcut(shortcut.data, bot)
      : { kind: "invalid", reason: "not a Slack message shortcut" };
  }
  if (envelope.data.type === "view_submission") {
    const submission = ViewSubmission.safeParse(json);
    return submission.success
      ? fromViewSubmission(submission.data, bot.name)
      : { kind: "invalid", reason: "not a Slack view submission" };
  }
  // Global shortcuts and the like are not used by Parley.
  if (envelope.data.type !== "block_actions") return ignored();
  const actions = BlockActions.safeParse(json);
  return actions.success
    ? fromBlockActions(actions.data, bot.name)
    : { kind: "invalid", reason: "not a Slack block action" };
}

function fromForm(body: string, bot: Bot): Parsed {
  const form = new URLSearchParams(body);
  const payload = form.get("payload");
  if (payload !== null) return fromInteraction(payload, bot);
  // Only the fields a slash command has are read, each by name.
  const fields = Object.keys(SlashCommand.shape).map((name) => [name, form.get(name) ?? undefined]);
  const command = SlashCommand.safeParse(Object.fromEntries(fields));
  return command.success
    ? fromSlashCommand(command.data, bot.name)
    : { kind: "invalid", reason: "not a Slack slash command" };
}

/** Slash commands and interactivity are form-encoded; the Events API sends JSON. */
export function parseDelivery(request: Request, body: string, bot: Bot): SlackDelivery {
  const form = request.headers.get("content-type")?.toLowerCase().startsWith("application/x-www-form-urlencoded");
  return form ? fromForm(body, bot) : fromJson(body, bot.name);
}
