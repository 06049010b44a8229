/**
 * The emulated Slack: Ada's direct messages with the bot. A line starting
 * with the bot's slash command is a slash command (answered in its response
 * or on its response URL), any other line a `message.im` event, and a
 * button press a block action. The Web API methods the bot calls and the
 * response URLs answer as Slack does, `ok: false` and Slack's error names
 * included.
 */
import { z } from "zod";
import type { Bot } from "../../../src/core/intent.ts";
import { slackManifest } from "../../../src/platforms/slack/manifest.ts";
import { parseJson } from "../http.ts";
import { type ApiAnswer, type ApiCall, type LocalPlatform, NotAllowed, type PlatformContext } from "../platform.ts";
import {
  BOT_USER_ID,
  blockActions,
  CHANNEL_ID,
  messageEvent,
  messageTs,
  type PostedMessage,
  signedHeaders,
  slashCommand,
  USER,
} from "./deliveries.ts";
import { createInstalls } from "./install.ts";
import { checkMessage, display, findButton, type MessageBody } from "./messages.ts";

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

function slackError(error: string): ApiAnswer {
  return { status: 200, body: { ok: false, error } };
}

/** The app's slash command, as its manifest declares it. */
function slashCommandOf(bot: Bot) {
  const [command] = slackManifest(bot, "http://127.0.0.1").features.slash_commands;
  if (!command) throw new Error(`The Slack app of ${bot.name} has no slash command`);
  return command;
}

export function createSlack(context: PlatformContext): LocalPlatform {
  const { session, bot } = context;
  const signingSecret = context.secret("SLACK_SIGNING_SECRET");
  const token = context.secret("SLACK_BOT_TOKEN");
  const command = slashCommandOf(bot);
  const install = createInstalls(() => ({
    clientId: context.secret("SLACK_CLIENT_ID"),
    clientSecret: context.secret("SLACK_CLIENT_SECRET"),
  }));
  /** The bot's messages as posted, for the block actions of their buttons. */
  const posted = new Map<string, PostedMessage & { body: MessageBody }>();
  /** How many response URLs were handed out: the nth is /slack/response/n. */
  let responseUrls = 0;
  session.openChat("slack", "Concierge", [
    {
      insert: `${command.command} `,
      usage: `${command.command} ${command.usage_hint}`,
      description: command.description,
    },
  ]);

  function show(body: MessageBody, hidden: boolean): PostedMessage {
    const message = { ts: messageTs(), text: body.text, blocks: body.blocks, body };
    posted.set(message.ts, message);
    session.addMessage("slack", {
      id: message.ts,
      from: "bot",
      ...display(body),
      ...(hidden ? { private: true } : {}),
    });
    return message;
  }

  async function deliver(title: string, eventId: string, body: string, contentType: string) {
    const headers = signedHeaders(body, contentType, signingSecret);
    return context.deliver({ title, eventId, headers, body });
  }

  async function runCommand(text: string): Promise<string> {
    const responseUrl = `${context.standIns}/slack/response/${++responseUrls}`;
    const { triggerId, fields } = slashCommand(command.command, text, responseUrl);
    const body = new URLSearchParams(fields).toString();
    const delivered = await deliver(`${command.command} ${text}`, triggerId, body, FORM);
    // An answer in the response itself; an empty 200 means it comes on the response URL.
    if (delivered.status === 200 && delivered.body !== "") {
      const answer = parseJson(delivered.body);
      const checked = checkMessage(answer);
      if (typeof checked === "string") session.note("slack", `Slack could not show the command's answer: ${checked}.`);
      else show(checked, addressing(answer).response_type !== "in_channel");
    } else if (delivered.status !== 200) {
      session.note("slack", `${command.command} failed with the error "dispatch_failed".`);
    }
    return delivered.entryId;
  }

  function post(call: ApiCall, ephemeral: boolean): ApiAnswer {
    if (call.headers.authorization !== `Bearer ${token}`) return slackError("invalid_auth");
    const payload = parseJson(call.body);
    const { channel, user } = addressing(payload);
    if (channel !== CHANNEL_ID) return slackError("channel_not_found");
    if (ephemeral && user !== USER.id) return slackError("user_not_in_channel");
    const body = checkMessage(payload);
    if (typeof body === "string") return slackError(body);
    const message = show(body, ephemeral);
    return ephemeral
      ? { status: 200, body: { ok: true, message_ts: message.ts } }
      : {
          status: 200,
          body: {
            ok: true,
            channel: CHANNEL_ID,
            ts: message.ts,
            message: { type: "message", user: BOT_USER_ID, ...body },
          },
        };
  }

  function respond(call: ApiCall, id: number): ApiAnswer {
    if (id > responseUrls) return { status: 404, body: "no_such_response_url" };
    const payload = parseJson(call.body);
    const body = checkMessage(payload);
    if (typeof body === "string") return { status: 400, body };
    // A response URL answers privately unless told otherwise.
    show(body, addressing(payload).response_type !== "in_channel");
    return { status: 200, body: { ok: true } };
  }

  return {
    name: "slack",
    identity: { userId: USER.id, chatId: CHANNEL_ID },
    async say(text) {
      const ts = messageTs();
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
      const callback = messageEvent(text, ts);
      return (await deliver(`message ${text}`, callback.event_id, JSON.stringify(callback), JSON_TYPE)).entryId;
    },
    async press(messageId, buttonId) {
      const message = posted.get(messageId);
      const found = message && findButton(message.body, buttonId);
      if (!message || !found) throw new NotAllowed("No such button");
      const responseUrl = `${context.standIns}/slack/response/${++responseUrls}`;
      const { element } = found;
      const action = { action_id: element.action_id, value: element.value, text: element.text };
      const { triggerId, fields } = blockActions(message, action, found.blockId, responseUrl);
      const body = new URLSearchParams(fields).toString();
      return (await deliver(`button ${element.text.text}`, triggerId, body, FORM)).entryId;
    },
    api(call) {
      const installing = install(call);
      if (installing) return installing;
      if (call.path === "/chat.postMessage") return post(call, false);
      if (call.path === "/chat.postEphemeral") return post(call, true);
      // The user's language, as a workspace in English reports it (users.info with include_locale).
      if (call.path === "/users.info")
        return { status: 200, body: { ok: true, user: { id: USER.id, locale: "en-US" } } };
      const response = RESPONSE_URL.exec(call.path);
      if (response) return respond(call, Number(response[1]));
      return slackError("unknown_method");
    },
  };
}
