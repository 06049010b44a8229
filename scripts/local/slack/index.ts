/**
 * The emulated Slack: Ada's direct messages with the bot, in the workspace
 * the app is in from the start or in a second one it is installed into
 * through the real OAuth flow (each workspace with its own bot token, which
 * the Web API checks, and its own channels: the direct messages with the bot
 * and #general, where Ada is an admin). A line starting
 * with the bot's slash command is a slash command (answered in its response
 * or on its response URL), any other line a message event (a `file_share`
 * with a file), and a button press a block action. The Web API
 * methods the bot calls (posting, updating, deleting, reacting, uploading
 * files, an assistant thread's status) and the response URLs answer as
 * Slack does, `ok: false` and Slack's error names included.
 */
import { z } from "zod";
import type { Bot } from "../../../src/core/intent.ts";
import { REACTIONS } from "../../../src/core/reactions.ts";
import { installBase, slackManifest } from "../../../src/platforms/slack/manifest.ts";
import { chatFile, type StoredFile } from "../files.ts";
import { parseJson } from "../http.ts";
import { type ApiAnswer, type ApiCall, type LocalPlatform, NotAllowed, type PlatformContext } from "../platform.ts";
import {
  blockActions,
  messageAction,
  messageEvent,
  messageTs,
  type PostedMessage,
  signedHeaders,
  slashCommand,
  viewSubmission,
} from "./deliveries.ts";
import { SlackFiles } from "./files.ts";
import { createInstalls } from "./install.ts";
import { checkMessage, display, findButton, findSelect, type MessageBody } from "./messages.ts";
import { SlackViews } from "./views.ts";
import {
  channelsOf,
  FIRST_WORKSPACE,
  type Place,
  placeIn,
  SECOND_WORKSPACE,
  WORKSPACES,
  type Workspace,
} from "./workspaces.ts";

const RESPONSE_URL = /^\/response\/(\d+)$/;
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

/** Where a message goes and who sees it, next to its body. */
const Addressing = z.object({
  channel: z.string().optional(),
  user: z.string().optional(),
  response_type: z.enum(["in_channel", "ephemeral"]).optional(),
});

function addressing(payload: unknown): z.infer<typeof Addressing> {
  return Addressing.safeParse(payload).data ?? {};
}

const MessageRef = z.object({ channel: z.string(), ts: z.string() });
const ReactionAdd = z.object({ channel: z.string(), timestamp: z.string(), name: z.string().min(1) });
const UploadTicket = z.object({ filename: z.string().min(1), length: z.coerce.number().int().positive() });
const CompleteUpload = z.object({
  files: z.string().transform((text, context) => {
    const parsed = z
      .array(z.object({ id: z.string(), title: z.string().optional() }))
      .min(1)
      .safeParse(parseJson(text));
    if (!parsed.success) context.addIssue({ code: "custom", message: "invalid files" });
    return parsed.data ?? [];
  }),
  channel_id: z.string().optional(),
  initial_comment: z.string().optional(),
});
const FileRef = z.object({ file: z.string() });
const ViewsOpen = z.object({ trigger_id: z.string(), view: z.unknown() });
const SubmitAnswer = z.object({ response_action: z.string(), errors: z.record(z.string(), z.string()).optional() });
const SetStatus = z.object({ channel_id: z.string(), thread_ts: z.string(), status: z.string() });
const UserRef = z.object({ user: z.string() });

/** Slack's emoji names of the reactions bots use, for showing them as emoji. */
const EMOJI_BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(REACTIONS).map(([emoji, name]) => [name, emoji]),
);

/** A call's fields: JSON, or a form (the methods of file uploads take only that). */
function fieldsOf(call: ApiCall): unknown {
  const type = call.headers["content-type"] ?? "";
  return type.startsWith("application/x-www-form-urlencoded")
    ? Object.fromEntries(new URLSearchParams(call.body))
    : parseJson(call.body);
}

function slackError(error: string): ApiAnswer {
  return { status: 200, body: { ok: false, error } };
}

/** The app's slash command, as its manifest declares it. */
function slashCommandOf(bot: Bot) {
  const [command] = slackManifest(bot, "http://127.0.0.1").features.slash_commands;
  if (!command) throw new Error(`The Slack app of ${bot.name} has no slash command`);
  return command;
}

const Shortcuts = z.array(z.object({ type: z.string(), name: z.string(), callback_id: z.string() }));

/** The message shortcuts in the bot's Slack manifest. */
function messageShortcutsOf(bot: Bot): { readonly name: string; readonly callback_id: string }[] {
  const features: Readonly<Record<string, unknown>> = slackManifest(bot, "http://127.0.0.1").features;
  const shortcuts = Shortcuts.safeParse(features.shortcuts ?? []).data ?? [];
  return shortcuts.filter((shortcut) => shortcut.type === "message");
}

export function createSlack(context: PlatformContext): LocalPlatform {
  const { session, bot } = context;
  /** As Slack lists them on a message's "More actions" menu. */
  const shortcuts = messageShortcutsOf(bot);
  const signingSecret = context.secret("SLACK_SIGNING_SECRET");
  const token = context.secret("SLACK_BOT_TOKEN");
  const command = slashCommandOf(bot);
  /** The bot token of each workspace the app is installed in. */
  const tokens = new Map<string, string>([[FIRST_WORKSPACE.id, token]]);
  /** The workspace and channel Ada is looking at. */
  let current: Place = { ...FIRST_WORKSPACE, channelId: FIRST_WORKSPACE.dmId };
  const install = createInstalls(
    () => ({ clientId: context.secret("SLACK_CLIENT_ID"), clientSecret: context.secret("SLACK_CLIENT_SECRET") }),
    (issued) => {
      tokens.set(SECOND_WORKSPACE.id, issued);
      showWorkspaces();
    },
  );
  /** The bot's messages as posted, for the block actions of their buttons, updates and deletions. */
  const posted = new Map<string, PostedMessage & { body: MessageBody; files: string[] }>();
  /** The bot's reactions by message ts, by Slack name. */
  const reactions = new Map<string, Set<string>>();
  /** The ts of Ada's messages, which the bot may react to but not change. */
  const adaSaid = new Set<string>();
  const files = new SlackFiles(session, `${context.standIns}/slack`, token);
  const views = new SlackViews();
  /** Where each response URL handed out answers: the nth is /slack/response/n. */
  const responseUrls: Place[] = [];
  session.openChat(
    "slack",
    "Concierge",
    [
      {
        insert: `${command.command} `,
        usage: `${command.command} ${command.usage_hint}`,
        description: command.description,
      },
    ],
    shortcuts.map((shortcut) => ({ id: shortcut.callback_id, label: shortcut.name })),
  );
  /** What Ada wrote, by ts, for her messages' shortcuts. */
  const adaTexts = new Map<string, string>();
  showWorkspaces();

  function showWorkspaces(): void {
    session.setWorkspaces("slack", {
      current: current.id,
      channel: current.channelId,
      channels: channelsOf(current),
      choices: WORKSPACES.map((workspace) => ({
        id: workspace.id,
        name: workspace.name,
        installed: tokens.has(workspace.id),
      })),
      installUrl: `${installBase(bot)}/install`,
    });
  }

  /** A fresh response URL, which answers where Ada is now. */
  function responseUrl(): string {
    responseUrls.push(current);
    return `${context.standIns}/slack/response/${responseUrls.length}`;
  }

  function show(
    body: MessageBody,
    hidden: boolean,
    place: Place,
    shared: readonly { id: string; stored: StoredFile }[] = [],
  ) {
    const message = {
      ts: messageTs(),
      text: body.text,
      blocks: body.blocks,
      body,
      files: shared.map((file) => file.id),
    };
    posted.set(message.ts, message);
    session.addMessage(
      "slack",
      {
        id: message.ts,
        from: "bot",
        ...display(body),
        ...(shared.length ? { files: shared.map((file) => chatFile(file.stored)) } : {}),
        ...(hidden ? { private: true } : {}),
      },
      `${place.id}/${place.channelId}`,
    );
    return message;
  }

  /** The workspace whose bot token the call carries, if any. */
  function callerOf(call: ApiCall): Workspace | undefined {
    const bearer = call.headers.authorization;
    return WORKSPACES.find((workspace) => {
      const given = tokens.get(workspace.id);
      return given !== undefined && bearer === `Bearer ${given}`;
    });
  }

  function update(call: ApiCall, caller: Workspace): ApiAnswer {
    const payload = parseJson(call.body);
    const ref = MessageRef.safeParse(payload);
    if (!ref.success) return slackError("invalid_arguments");
    if (!placeIn(caller, ref.data.channel)) return slackError("channel_not_found");
    const message = posted.get(ref.data.ts);
    if (!message) return slackError(adaSaid.has(ref.data.ts) ? "cant_update_message" : "message_not_found");
    const body = checkMessage(payload);
    if (typeof body === "string") return slackError(body);
    posted.set(message.ts, { ...message, text: body.text, blocks: body.blocks, body });
    session.editMessage("slack", message.ts, { ...display(body), edited: true });
    return {
      status: 200,
      body: {
        ok: true,
        channel: ref.data.channel,
        ts: message.ts,
        text: body.text,
        message: { type: "message", user: caller.botUserId, ...body },
      },
    };
  }

  function remove(call: ApiCall, caller: Workspace): ApiAnswer {
    const ref = MessageRef.safeParse(parseJson(call.body));
    if (!ref.success) return slackError("invalid_arguments");
    if (!placeIn(caller, ref.data.channel)) return slackError("channel_not_found");
    if (!posted.delete(ref.data.ts))
      return slackError(adaSaid.has(ref.data.ts) ? "cant_delete_message" : "message_not_found");
    session.removeMessage("slack", ref.data.ts);
    return { status: 200, body: { ok: true, channel: ref.data.channel, ts: ref.data.ts } };
  }

  function react(call: ApiCall, caller: Workspace): ApiAnswer {
    const parsed = ReactionAdd.safeParse(parseJson(call.body));
    if (!parsed.success) return slackError("invalid_arguments");
    const { channel, timestamp, name } = parsed.data;
    if (!placeIn(caller, channel)) return slackError("channel_not_found");
    if (!posted.has(timestamp) && !adaSaid.has(timestamp)) return slackError("message_not_found");
    const given = reactions.get(timestamp) ?? new Set<string>();
    if (given.has(name)) return slackError("already_reacted");
    reactions.set(timestamp, given.add(name));
    session.react("slack", timestamp, EMOJI_BY_NAME.get(name) ?? `:${name}:`);
    return { status: 200, body: { ok: true } };
  }

  function uploadTicket(call: ApiCall): ApiAnswer {
    const parsed = UploadTicket.safeParse(fieldsOf(call));
    if (!parsed.success) return slackError("invalid_arguments");
    return { status: 200, body: { ok: true, ...files.ticket(parsed.data.filename, parsed.data.length) } };
  }

  function completeUpload(call: ApiCall, caller: Workspace): ApiAnswer {
    const parsed = CompleteUpload.safeParse(fieldsOf(call));
    if (!parsed.success) return slackError("invalid_arguments");
    const { files: entries, channel_id: channel, initial_comment: comment = "" } = parsed.data;
    const place = channel === undefined ? undefined : placeIn(caller, channel);
    if (channel !== undefined && !place) return slackError("channel_not_found");
    const shared = files.complete(entries, caller.botUserId);
    if (typeof shared === "string") return slackError("file_not_found");
    if (place) {
      const stored = shared.flatMap((file) => {
        const bytes = files.stored(file.id);
        return bytes ? [{ id: file.id, stored: bytes }] : [];
      });
      show({ text: comment, blocks: [] }, false, place, stored);
    }
    return { status: 200, body: { ok: true, files: shared.map((file) => ({ id: file.id, title: file.title })) } };
  }

  function deleteFile(call: ApiCall): ApiAnswer {
    const parsed = FileRef.safeParse(fieldsOf(call));
    if (!parsed.success) return slackError("invalid_arguments");
    if (!files.delete(parsed.data.file)) return slackError("file_not_found");
    // A message of the file alone goes with it; one with words keeps them.
    for (const message of posted.values()) {
      if (!message.files.includes(parsed.data.file)) continue;
      message.files = message.files.filter((id) => id !== parsed.data.file);
      if (message.files.length === 0 && message.text === "") {
        posted.delete(message.ts);
        session.removeMessage("slack", message.ts);
      } else {
        session.editMessage("slack", message.ts, {
          files: message.files.flatMap((id) => {
            const stored = files.stored(id);
            return stored ? [chatFile(stored)] : [];
          }),
        });
      }
    }
    return { status: 200, body: { ok: true } };
  }

  function openView(call: ApiCall): ApiAnswer {
    const parsed = ViewsOpen.safeParse(parseJson(call.body));
    if (!parsed.success) return slackError("invalid_arguments");
    const opened = views.openView(parsed.data.trigger_id, parsed.data.view);
    if (typeof opened === "string") return slackError(opened);
    session.setForm("slack", opened.form);
    const view = { id: opened.open.id, ...opened.open.view, state: { values: {} } };
    return { status: 200, body: { ok: true, view } };
  }

  /** Ada used a block element of a message: a block action, with a fresh response URL and trigger id. */
  async function act(
    message: PostedMessage,
    action: Parameters<typeof blockActions>[2],
    blockId: string,
    title: string,
  ) {
    const { triggerId, fields } = blockActions(current, message, action, blockId, responseUrl());
    views.handedOut(triggerId);
    const body = new URLSearchParams(fields).toString();
    return (await deliver(title, triggerId, body, FORM)).entryId;
  }

  function setStatus(call: ApiCall, caller: Workspace): ApiAnswer {
    const parsed = SetStatus.safeParse(parseJson(call.body));
    if (!parsed.success) return slackError("invalid_arguments");
    if (!placeIn(caller, parsed.data.channel_id)) return slackError("channel_not_found");
    // An empty status clears it; any other lasts until the bot's answer (or two minutes).
    if (parsed.data.status === "") session.stopWorking("slack");
    else session.showWorking("slack", `Concierge ${parsed.data.status}`, 120_000);
    return { status: 200, body: { ok: true } };
  }

  async function deliver(title: string, eventId: string, body: string, contentType: string) {
    const headers = signedHeaders(body, contentType, signingSecret);
    return context.deliver({ title, eventId, headers, body });
  }

  async function runCommand(text: string): Promise<string> {
    const { triggerId, fields } = slashCommand(current, command.command, text, responseUrl());
    views.handedOut(triggerId);
    const body = new URLSearchParams(fields).toString();
    const delivered = await deliver(`${command.command} ${text}`, triggerId, body, FORM);
    // An answer in the response itself; an empty 200 means it comes on the response URL.
    if (delivered.status === 200 && delivered.body !== "") {
      const answer = parseJson(delivered.body);
      const checked = checkMessage(answer);
      if (typeof checked === "string") session.note("slack", `Slack could not show the command's answer: ${checked}.`);
      else show(checked, addressing(answer).response_type !== "in_channel", current);
    } else if (delivered.status !== 200) {
      session.note("slack", `${command.command} failed with the error "dispatch_failed".`);
    }
    return delivered.entryId;
  }

  function post(call: ApiCall, caller: Workspace, ephemeral: boolean): ApiAnswer {
    const payload = parseJson(call.body);
    const { channel, user } = addressing(payload);
    const place = placeIn(caller, channel);
    if (!place) return slackError("channel_not_found");
    if (ephemeral && user !== caller.user.id) return slackError("user_not_in_channel");
    const body = checkMessage(payload);
    if (typeof body === "string") return slackError(body);
    const message = show(body, ephemeral, place);
    return ephemeral
      ? { status: 200, body: { ok: true, message_ts: message.ts } }
      : {
          status: 200,
          body: {
            ok: true,
            channel: place.channelId,
            ts: message.ts,
            message: { type: "message", user: caller.botUserId, ...body },
          },
        };
  }

  /** users.info: Ada, in the workspace that asks, is its admin (and her language is English). */
  function userInfo(call: ApiCall, caller: Workspace): ApiAnswer {
    const asked = UserRef.safeParse(Object.fromEntries(call.query)).data ?? UserRef.safeParse(fieldsOf(call)).data;
    if (!asked) return slackError("invalid_arguments");
    if (asked.user !== caller.user.id) return slackError("user_not_found");
    const { id, name, team_id } = caller.user;
    return {
      status: 200,
      body: { ok: true, user: { id, team_id, name, is_admin: true, is_owner: false, is_bot: false, locale: "en-US" } },
    };
  }

  function respond(call: ApiCall, id: number): ApiAnswer {
    const workspace = responseUrls[id - 1];
    if (!workspace) return { status: 404, body: "no_such_response_url" };
    const payload = parseJson(call.body);
    const body = checkMessage(payload);
    if (typeof body === "string") return { status: 400, body };
    // A response URL answers privately unless told otherwise.
    show(body, addressing(payload).response_type !== "in_channel", workspace);
    return { status: 200, body: { ok: true } };
  }

  return {
    name: "slack",
    identity: { userId: FIRST_WORKSPACE.user.id, chatId: FIRST_WORKSPACE.dmId },
    async upload(upload, caption) {
      if (caption.trim().startsWith("/")) {
        throw new NotAllowed("Slack sends a slash command without files: send the file with plain words");
      }
      const ts = messageTs();
      adaSaid.add(ts);
      const stored = session.files.put(upload.name, upload.mime, upload.bytes);
      const file = files.share(stored, current.user.id);
      session.addMessage("slack", {
        id: ts,
        from: "user",
        spans: caption ? [{ text: caption }] : [],
        buttons: [],
        files: [chatFile(stored)],
      });
      const callback = messageEvent(current, caption, ts, [file]);
      const title = `file ${upload.name}${caption ? ` ${caption}` : ""}`;
      return (await deliver(title, callback.event_id, JSON.stringify(callback), JSON_TYPE)).entryId;
    },
    async say(text) {
      const ts = messageTs();
      adaSaid.add(ts);
      adaTexts.set(ts, text);
      session.addMessage("slack", { id: ts, from: "user", spans: [{ text }], buttons: [] });
      const [, name, rest = ""] = /^(\/\S*)\s*([\s\S]*)$/.exec(text.trim()) ?? [];
      if (name === command.command) return runCommand(rest);
      if (name !== undefined) {
        session.note(
          "slack",
          `${name} is not a valid command. In Slack, all messages that start with "/" are commands.`,
        );
        return undefined;
      }
      const callback = messageEvent(current, text, ts);
      return (await deliver(`message ${text}`, callback.event_id, JSON.stringify(callback), JSON_TYPE)).entryId;
    },
    async press(messageId, buttonId) {
      const message = posted.get(messageId);
      const found = message && findButton(message.body, buttonId);
      if (!message || !found) throw new NotAllowed("No such button");
      const { element } = found;
      const action = {
        type: "button" as const,
        action_id: element.action_id,
        value: element.value,
        text: element.text,
      };
      return act(message, action, found.blockId, `button ${element.text.text}`);
    },
    async messageAction(messageId, actionId) {
      const shortcut = shortcuts.find((candidate) => candidate.callback_id === actionId);
      const bot = posted.get(messageId);
      const text = bot?.text ?? adaTexts.get(messageId);
      if (!shortcut || text === undefined) throw new NotAllowed("No such shortcut on this message");
      const user = bot ? current.botUserId : current.user.id;
      const message = { ts: messageId, text, user };
      const { triggerId, fields } = messageAction(current, shortcut.callback_id, message, responseUrl());
      views.handedOut(triggerId);
      const body = new URLSearchParams(fields).toString();
      return (await deliver(`${shortcut.name} on a message`, triggerId, body, FORM)).entryId;
    },
    switchChannel(workspaceId, channel) {
      const workspace = WORKSPACES.find((candidate) => candidate.id === workspaceId);
      if (!workspace || !tokens.has(workspace.id)) throw new NotAllowed("The app is not installed in that workspace");
      const place = placeIn(workspace, channel ?? workspace.dmId);
      if (!place) throw new NotAllowed("No such channel in that workspace");
      current = place;
      showWorkspaces();
    },
    async pick(messageId, selectId, value) {
      const message = posted.get(messageId);
      const found = message && findSelect(message.body, selectId);
      const option = found?.element.options.find((candidate) => candidate.value === value);
      if (!message || !found || !option) throw new NotAllowed("No such option");
      const action = {
        type: "static_select" as const,
        action_id: found.element.action_id,
        selected_option: { text: option.text, value: option.value },
        ...(found.element.placeholder ? { placeholder: found.element.placeholder } : {}),
      };
      return act(message, action, found.blockId, `picked ${option.text.text}`);
    },
    async submit(formId, values) {
      const open = views.open;
      if (!open || open.id !== formId) throw new NotAllowed("That form is closed");
      const state = views.state(open, values);
      if (typeof state === "string") throw new NotAllowed(state);
      const { triggerId, fields } = viewSubmission(current, { id: open.id, ...open.view }, state);
      views.handedOut(triggerId);
      const body = new URLSearchParams(fields).toString();
      const title = `form ${Object.values(values).join(", ")}`;
      const delivered = await deliver(title, triggerId, body, FORM);
      const answer = delivered.body === "" ? undefined : SubmitAnswer.safeParse(parseJson(delivered.body)).data;
      if (answer?.response_action === "errors") {
        session.note("slack", `The form says: ${Object.values(answer.errors ?? {}).join("; ")}`);
      } else {
        views.open = undefined;
        session.setForm("slack", undefined);
      }
      return delivered.entryId;
    },
    async api(call) {
      const installing = install(call);
      if (installing) return installing;
      const served = files.serve(call) ?? (await files.upload(call));
      if (served) return served;
      const response = RESPONSE_URL.exec(call.path);
      if (response) return respond(call, Number(response[1]));
      const caller = callerOf(call);
      if (!caller) return slackError("invalid_auth");
      if (call.path === "/chat.postMessage") return post(call, caller, false);
      if (call.path === "/chat.postEphemeral") return post(call, caller, true);
      if (call.path === "/chat.update") return update(call, caller);
      if (call.path === "/chat.delete") return remove(call, caller);
      if (call.path === "/reactions.add") return react(call, caller);
      if (call.path === "/files.getUploadURLExternal") return uploadTicket(call);
      if (call.path === "/files.completeUploadExternal") return completeUpload(call, caller);
      if (call.path === "/files.delete") return deleteFile(call);
      if (call.path === "/assistant.threads.setStatus") return setStatus(call, caller);
      if (call.path === "/views.open") return openView(call);
      if (call.path === "/users.info") return userInfo(call, caller);
      return slackError("unknown_method");
    },
  };
}
