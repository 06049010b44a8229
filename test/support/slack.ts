/** Builds signed Slack deliveries (events, slash commands, button presses) and reads what the bot sent back. */
import { TEST_SECRETS } from "../secrets.ts";
import type { Outbound, OutboundCall } from "./outbound.ts";

export const SLACK_API = "https://slack.com/api";
/** The bot user of the app under test, as `authorizations` names it. */
export const BOT_USER = "U0BOT";
export const TEAM = "T0TEAM";
const RESPONSE_URL_BASE = "https://hooks.slack.com/commands";

let next = 1;
const fresh = (prefix: string): string => `${prefix}${(next++).toString().padStart(6, "0")}`;
const freshEventId = (): string => fresh("Ev");
export const freshTs = (): string => `1700000000.${fresh("")}`;

const encoder = new TextEncoder();

/**
 * Computed here independently of the adapter, so that the test checks Slack's
 * scheme rather than itself: over the body's bytes (a string is sent as UTF-8).
 */
export async function sign(
  body: string | Uint8Array,
  timestamp: string,
  secret: string = TEST_SECRETS.SLACK_SIGNING_SECRET,
) {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const signed = new Uint8Array([...encoder.encode(`v0:${timestamp}:`), ...bytes]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, signed));
  return `v0=${Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

export interface SignOptions {
  /** Seconds since the epoch; now when left out. */
  readonly timestamp?: number;
  /** A signature to send instead of the right one; null sends none. */
  readonly signature?: string | null;
  /** Leaves the timestamp header out. */
  readonly noTimestamp?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly bot?: string;
}

export async function slackRequest(body: string, contentType: string, options: SignOptions = {}): Promise<Request> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "content-type": contentType, ...options.headers };
  if (!options.noTimestamp) headers["x-slack-request-timestamp"] = timestamp;
  const signature = options.signature === undefined ? await sign(body, timestamp) : options.signature;
  if (signature !== null) headers["x-slack-signature"] = signature;
  return new Request(`https://parley.test/webhooks/slack/${options.bot ?? "concierge"}`, {
    method: "POST",
    headers,
    body,
  });
}

export interface MessageEventOptions {
  readonly text: string;
  readonly type?: "message" | "app_mention";
  readonly user?: string;
  readonly channel?: string;
  readonly channelType?: "im" | "channel" | "group";
  readonly ts?: string;
  readonly threadTs?: string;
  readonly eventId?: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** An Events API callback carrying a message or mention, as Slack sends it. */
export function eventCallback(options: MessageEventOptions): Record<string, unknown> {
  const type = options.type ?? "message";
  const channelType = options.channelType ?? (type === "app_mention" ? "channel" : "im");
  return {
    token: "deprecated-verification-token",
    team_id: TEAM,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: options.eventId ?? freshEventId(),
    event_time: 1_700_000_000,
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    event: {
      type,
      user: options.user ?? "U0ANN",
      text: options.text,
      ts: options.ts ?? freshTs(),
      channel: options.channel ?? (channelType === "im" ? "D0ANN" : "C0GENERAL"),
      ...(type === "message" ? { channel_type: channelType } : {}),
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      event_ts: "1700000000.000001",
      ...options.extra,
    },
  };
}

export function eventRequest(payload: unknown, options: SignOptions = {}): Promise<Request> {
  return slackRequest(JSON.stringify(payload), "application/json", options);
}

export interface SlashCommandOptions {
  readonly text: string;
  readonly user?: string;
  readonly channel?: string;
  readonly triggerId?: string;
}

export function slashCommand(options: SlashCommandOptions): { fields: Record<string, string>; responseUrl: string } {
  const responseUrl = `${RESPONSE_URL_BASE}/${TEAM}/${fresh("")}/secret`;
  return {
    responseUrl,
    fields: {
      token: "deprecated-verification-token",
      team_id: TEAM,
      team_domain: "parley-test",
      channel_id: options.channel ?? "C0GENERAL",
      channel_name: "general",
      user_id: options.user ?? "U0ANN",
      user_name: "ann",
      command: "/concierge",
      text: options.text,
      api_app_id: "A0APP",
      response_url: responseUrl,
      trigger_id: options.triggerId ?? fresh("trigger."),
    },
  };
}

export function formRequest(fields: Record<string, string>, options: SignOptions = {}): Promise<Request> {
  return slackRequest(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", options);
}

export interface ButtonPressOptions {
  readonly value: string;
  readonly user?: string;
  readonly channel?: string;
  /** The ts of the message the button is on. */
  readonly messageTs?: string;
  /** The thread that message is in. */
  readonly threadTs?: string;
  /** A pick of `value` from the message's select of choices, rather than a button's press. */
  readonly picked?: boolean;
}

/** A `block_actions` interaction for one button (or one pick from a select), form-encoded as Slack sends it. */
export function buttonPress(options: ButtonPressOptions): { fields: Record<string, string>; responseUrl: string } {
  const responseUrl = `https://hooks.slack.com/actions/${TEAM}/${fresh("")}/secret`;
  const channel = options.channel ?? "C0GENERAL";
  const messageTs = options.messageTs ?? freshTs();
  const payload = {
    type: "block_actions",
    user: { id: options.user ?? "U0ANN", username: "ann", name: "ann", team_id: TEAM },
    api_app_id: "A0APP",
    token: "deprecated-verification-token",
    container: {
      type: "message",
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    trigger_id: fresh("trigger."),
    team: { id: TEAM, domain: "parley-test" },
    channel: { id: channel, name: "general" },
    message: { type: "message", ts: messageTs, ...(options.threadTs ? { thread_ts: options.threadTs } : {}) },
    response_url: responseUrl,
    actions: [
      options.picked
        ? {
            type: "static_select",
            action_id: "choose",
            block_id: "b1",
            selected_option: { text: { type: "plain_text", text: "Picked", emoji: true }, value: options.value },
            placeholder: { type: "plain_text", text: "Choose…", emoji: true },
            action_ts: "1700000001.000200",
          }
        : {
            type: "button",
            action_id: "button-0-0",
            block_id: "b1",
            text: { type: "plain_text", text: "Refresh", emoji: true },
            value: options.value,
            action_ts: "1700000001.000200",
          },
    ],
  };
  return { responseUrl, fields: { payload: JSON.stringify(payload) } };
}

export interface MessageShortcutOptions {
  readonly callbackId: string;
  /** The message the shortcut was used on. */
  readonly message: { readonly ts: string; readonly text: string; readonly thread_ts?: string };
  readonly user?: string;
  readonly channel?: string;
}

/** A `message_action` interaction (a message shortcut), form-encoded as Slack sends it. */
export function messageShortcut(options: MessageShortcutOptions): {
  fields: Record<string, string>;
  responseUrl: string;
} {
  const responseUrl = `https://hooks.slack.com/app/${TEAM}/${fresh("")}/secret`;
  const payload = {
    type: "message_action",
    token: "deprecated-verification-token",
    action_ts: "1700000001.000300",
    team: { id: TEAM, domain: "parley-test" },
    user: { id: options.user ?? "U0ANN", username: "ann", name: "ann", team_id: TEAM },
    channel: { id: options.channel ?? "C0GENERAL", name: "general" },
    is_enterprise_install: false,
    callback_id: options.callbackId,
    trigger_id: fresh("trigger."),
    response_url: responseUrl,
    message_ts: options.message.ts,
    message: { type: "message", user: "U0BEA", ...options.message },
  };
  return { responseUrl, fields: { payload: JSON.stringify(payload) } };
}

export interface ViewSubmissionOptions {
  /** The view as the bot opened it (`views.open`): its callback_id and private_metadata are sent back. */
  readonly view: { readonly callback_id: string; readonly private_metadata: string };
  /** The value typed into each input block, by block_id. */
  readonly values: Readonly<Record<string, string>>;
  readonly user?: string;
}

/** A `view_submission` interaction of a modal with one `plain_text_input` (action_id "value") per block, form-encoded. */
export function viewSubmission(options: ViewSubmissionOptions): { fields: Record<string, string> } {
  const values = Object.fromEntries(
    Object.entries(options.values).map(([block, value]) => [block, { value: { type: "plain_text_input", value } }]),
  );
  const payload = {
    type: "view_submission",
    team: { id: TEAM, domain: "parley-test" },
    user: { id: options.user ?? "U0ANN", username: "ann", name: "ann", team_id: TEAM },
    api_app_id: "A0APP",
    token: "deprecated-verification-token",
    trigger_id: fresh("trigger."),
    view: {
      id: "V0FORM",
      type: "modal",
      callback_id: options.view.callback_id,
      private_metadata: options.view.private_metadata,
      state: { values },
      hash: "1700000000.abcdef",
    },
  };
  return { fields: { payload: JSON.stringify(payload) } };
}

/** Answers the look-up of a user's language (`users.info` with `include_locale`) with `locale`, or with none. */
export function stubUserInfo(outbound: Outbound, locale?: string): Outbound {
  return outbound.on(`${SLACK_API}/users.info`, (call) =>
    Response.json({ ok: true, user: { id: call.url.searchParams.get("user"), ...(locale ? { locale } : {}) } }),
  );
}

/** Answers `users.info` for every user, naming `admins` workspace admins; register before `stubSlackApi`. */
export function stubSlackAdmins(outbound: Outbound, admins: readonly string[]): Outbound {
  return outbound.on(`${SLACK_API}/users.info`, (call) => {
    const id = call.url.searchParams.get("user") ?? "";
    return Response.json({ ok: true, user: { id, is_admin: admins.includes(id), is_owner: false } });
  });
}

/** Stubs the Web API (every method succeeds, users without a language) and response URLs. */
export function stubSlackApi(outbound: Outbound): Outbound {
  return stubUserInfo(outbound)
    .on(SLACK_API, () => Response.json({ ok: true, channel: "C0GENERAL", ts: "1700000000.999999" }))
    .on("https://hooks.slack.com/", () => new Response("ok"));
}

export interface PostedMessage {
  readonly channel?: string;
  readonly thread_ts?: string;
  /** Set on chat.postEphemeral: the one user who sees the message. */
  readonly user?: string;
  readonly response_type?: string;
  readonly text: string;
  readonly blocks: readonly { type: string; text?: { text: string }; elements?: readonly Record<string, unknown>[] }[];
  readonly call: OutboundCall;
}

/** The calls made to answer, leaving out the look-up of the user's language (`users.info`). */
export function answerCalls(outbound: Outbound): OutboundCall[] {
  return outbound.calls.filter((call) => !call.url.pathname.endsWith("/users.info"));
}

/** Messages posted with chat.postMessage, chat.postEphemeral or to response URLs, in order. */
export function postedMessages(outbound: Outbound): PostedMessage[] {
  return outbound.calls
    .filter((call) => /\/chat\.post(Message|Ephemeral)$/.test(call.url.pathname) || call.url.host === "hooks.slack.com")
    .map((call) => ({ ...(call.json as Omit<PostedMessage, "call">), call }));
}

/** The mrkdwn of each posted message's sections, joined. */
export function postedTexts(outbound: Outbound): string[] {
  return postedMessages(outbound).map((message) =>
    message.blocks
      .filter((block) => block.type === "section")
      .map((block) => block.text?.text ?? "")
      .join(""),
  );
}
