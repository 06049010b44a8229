/**
 * Slack's side of a delivery: Events API callbacks, slash commands and
 * block actions shaped as Slack sends them, signed as Slack signs every
 * request: `v0=` and the hex HMAC-SHA256 of `v0:{timestamp}:{body}` under
 * the app's signing secret. Written from Slack's documentation rather than
 * from Parley's adapter, so that the emulator checks the adapter.
 */
import { createHmac } from "node:crypto";
import type { Place } from "./workspaces.ts";

const APP_ID = "A0LOCAL01";
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

/** How Slack names a channel in a payload: a direct message as "directmessage". */
function channelName(place: Place): string {
  return place.channelId === place.dmId ? "directmessage" : "general";
}

function channelType(place: Place): "im" | "channel" {
  return place.channelId === place.dmId ? "im" : "channel";
}

/** Slack escapes these three in every text it delivers. */
function escapeText(text: string): string {
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
export function messageEvent(workspace: Place, text: string, ts: string, files: readonly unknown[] = []) {
  return {
    token: VERIFICATION_TOKEN,
    team_id: workspace.id,
    api_app_id: APP_ID,
    type: "event_callback",
    event_id: freshId("Ev"),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: workspace.id, user_id: workspace.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    event: {
      type: "message",
      channel: workspace.channelId,
      channel_type: channelType(workspace),
      user: workspace.user.id,
      text: escapeText(text),
      ts,
      event_ts: ts,
      team: workspace.id,
      ...(files.length ? { subtype: "file_share", files, upload: false } : {}),
    },
  };
}

/** A slash command's form fields; its answer comes back in the response or on `responseUrl`. */
export function slashCommand(
  workspace: Place,
  command: string,
  text: string,
  responseUrl: string,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const fields = {
    token: VERIFICATION_TOKEN,
    team_id: workspace.id,
    team_domain: workspace.domain,
    channel_id: workspace.channelId,
    channel_name: channelName(workspace),
    user_id: workspace.user.id,
    user_name: workspace.user.username,
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
  workspace: Place,
  message: PostedMessage,
  action: { readonly type: "button" | "static_select"; readonly action_id: string } & Record<string, unknown>,
  blockId: string,
  responseUrl: string,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const payload = {
    type: "block_actions",
    user: workspace.user,
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container: { type: "message", message_ts: message.ts, channel_id: workspace.channelId, is_ephemeral: false },
    trigger_id: triggerId,
    team: { id: workspace.id, domain: workspace.domain },
    channel: { id: workspace.channelId, name: channelName(workspace) },
    message: { type: "message", user: workspace.botUserId, ts: message.ts, text: message.text, blocks: message.blocks },
    response_url: responseUrl,
    actions: [{ block_id: blockId, action_ts: messageTs(), ...action }],
  };
  return { triggerId, fields: { payload: JSON.stringify(payload) } };
}

/** Ada chose the message shortcut `callbackId` on `message` (Slack's `message_action`). */
export function messageAction(
  workspace: Place,
  callbackId: string,
  message: { readonly ts: string; readonly text: string; readonly user: string },
  responseUrl: string,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const payload = {
    type: "message_action",
    token: VERIFICATION_TOKEN,
    action_ts: messageTs(),
    team: { id: workspace.id, domain: workspace.domain },
    user: workspace.user,
    channel: { id: workspace.channelId, name: channelName(workspace) },
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
  workspace: Place,
  view: { readonly id: string } & Record<string, unknown>,
  values: Record<string, Record<string, unknown>>,
): { triggerId: string; fields: Record<string, string> } {
  const triggerId = freshId("trigger.");
  const payload = {
    type: "view_submission",
    team: { id: workspace.id, domain: workspace.domain },
    user: workspace.user,
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: {
      ...view,
      team_id: workspace.id,
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
