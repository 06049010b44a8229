/**
 * Slack's side of a delivery: Events API callbacks, slash commands and
 * block actions shaped as Slack sends them, signed as Slack signs every
 * request: `v0=` and the hex HMAC-SHA256 of `v0:{timestamp}:{body}` under
 * the app's signing secret. Written from Slack's documentation rather than
 * from Parley's adapter, so that the emulator checks the adapter.
 */
import { createHmac } from "node:crypto";

export const TEAM_ID = "T0LOCAL01";
const APP_ID = "A0LOCAL01";
export const BOT_USER_ID = "U0LOCALBOT";
/** A direct-message conversation with the bot (Slack's DM ids start with D). */
export const CHANNEL_ID = "D0LOCAL01";
export const USER = { id: "U0LOCAL01", username: "ada", name: "ada", team_id: TEAM_ID };
/** Slack still sends the deprecated verification token; Parley must not rely on it. */
const VERIFICATION_TOKEN = "local-deprecated-verification-token";

let sequence = 0;

/** A message timestamp: seconds, a dot, and six digits that keep it unique. */
export function messageTs(): string {
  const now = Date.now();
  sequence = (sequence + 1) % 1000;
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + sequence).padStart(6, "0")}`;
}

/** Ids Slack never repeats; made from the clock so that they stay new across restarts. */
function freshId(prefix: string): string {
  sequence = (sequence + 1) % 1000;
  return `${prefix}${Date.now().toString(36).toUpperCase()}${sequence}`;
}

/** Slack escapes these three in every text it delivers. */
export function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function signedHeaders(body: string, contentType: string, signingSecret: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    "content-type": contentType,
    "X-Slack-Request-Timestamp": timestamp,
    "X-Slack-Signature": `v0=${signature}`,
  };
}

/** A direct message to the bot (`message.im`), as an Events API callback; with files it is a `file_share`. */
export function messageEvent(text: string, ts: string, files: readonly unknown[] = []) {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    type: "event_callback",
    event_id: freshId("Ev"),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    event: {
      type: "message",
      channel: CHANNEL_ID,
      channel_type: "im",
      user: USER.id,
      text: escapeText(text),
      ts,
      event_ts: ts,
      team: TEAM_ID,
      ...(files.length ? { subtype: "file_share", files, upload: false } : {}),
    },
  };
}

/** A slash command's form fields; its answer comes back in the response or on `responseUrl`. */
export function slashCommand(
  command: string,
  text: string,
  responseUrl: string,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const fields = {
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    team_domain: "parley-local",
    channel_id: CHANNEL_ID,
    channel_name: "directmessage",
    user_id: USER.id,
    user_name: USER.username,
    command,
    text: escapeText(text),
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId,
  };
  return { triggerId, fields };
}

export interface PostedMessage {
  readonly ts: string;
  readonly text: string;
  readonly blocks: readonly unknown[];
}

/** Ada used `action` (a button pressed, an option picked) in block `blockId` of `message`, as the interactivity form field. */
export function blockActions(
  message: PostedMessage,
  action: { readonly type: "button" | "static_select"; readonly action_id: string } & Record<string, unknown>,
  blockId: string,
  responseUrl: string,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const payload = {
    type: "block_actions",
    user: USER,
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container: { type: "message", message_ts: message.ts, channel_id: CHANNEL_ID, is_ephemeral: false },
    trigger_id: triggerId,
    team: { id: TEAM_ID, domain: "parley-local" },
    channel: { id: CHANNEL_ID, name: "directmessage" },
    message: { type: "message", user: BOT_USER_ID, ts: message.ts, text: message.text, blocks: message.blocks },
    response_url: responseUrl,
    actions: [{ block_id: blockId, action_ts: messageTs(), ...action }],
  };
  return { triggerId, fields: { payload: JSON.stringify(payload) } };
}

/** Ada chose the message shortcut `callbackId` on `message` (Slack's `message_action`). */
export function messageAction(
  callbackId: string,
  message: { readonly ts: string; readonly text: string; readonly user: string },
  responseUrl: string,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const payload = {
    type: "message_action",
    token: VERIFICATION_TOKEN,
    action_ts: messageTs(),
    team: { id: TEAM_ID, domain: "parley-local" },
    user: USER,
    channel: { id: CHANNEL_ID, name: "directmessage" },
    is_enterprise_install: false,
    callback_id: callbackId,
    trigger_id: triggerId,
    response_url: responseUrl,
    message_ts: message.ts,
    message: { type: "message", user: message.user, ts: message.ts, text: message.text },
  };
  return { triggerId, fields: { payload: JSON.stringify(payload) } };
}

/** A modal submitted: the view as opened, with what Ada entered in `state.values`. */
export function viewSubmission(
  view: { readonly id: string } & Record<string, unknown>,
  values: Record<string, Record<string, unknown>>,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const payload = {
    type: "view_submission",
    team: { id: TEAM_ID, domain: "parley-local" },
    user: USER,
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: {
      ...view,
      team_id: TEAM_ID,
      app_id: APP_ID,
      bot_id: "B0LOCAL01",
      state: { values },
      hash: freshId("hash."),
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  return { triggerId, fields: { payload: JSON.stringify(payload) } };
}
