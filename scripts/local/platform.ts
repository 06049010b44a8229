/**
 * The one interface every emulated platform implements, and what each is
 * given: the bot, the secrets of the env file, the session to show things
 * in, and the way to post a delivery to the Worker. The page's server and
 * the chat command-line both act through these, so a delivery is built and
 * signed in exactly one place per platform.
 */
import type { Bot } from "../../src/core/intent.ts";
import type { PlatformName } from "./protocol.ts";
import type { Session } from "./session.ts";

/** A call the bot made to the platform's API. */
export interface ApiCall {
  readonly method: string;
  /** Below the platform's prefix: `/bot1000:token/sendMessage`, `/chat.postMessage`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** As text; a multipart body as its fields (for the traffic list). */
  readonly body: string;
  readonly bytes: Uint8Array;
  /** A multipart body, parsed. */
  readonly form?: FormData;
}

export interface ApiAnswer {
  readonly status: number;
  /** Sent as JSON; a string is sent as text, bytes as a file of `contentType`, undefined as an empty body. */
  readonly body?: unknown;
  /** The content type of a string body other than plain text (`text/event-stream`). */
  readonly contentType?: string;
}

/** A delivery as it goes to the webhook. */
export interface Delivery {
  /** What the traffic list calls it: "message /weather", "button ✓ 1". */
  readonly title: string;
  /** The platform's delivery id, which the Worker's log line names. */
  readonly eventId: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The Worker's answer to a delivery. */
export interface Delivered {
  readonly entryId: string;
  readonly status: number;
  readonly body: string;
}

export interface PlatformContext {
  readonly bot: Bot;
  /** A secret of the bot from the env file; throws when it is missing. */
  secret(name: string): string;
  readonly session: Session;
  /** Where the stand-ins listen (Slack's response URLs point back here). */
  readonly standIns: string;
  /** Posts a delivery to the bot's webhook on this platform; it shows in the traffic list. Throws when the Worker does not answer. */
  deliver(delivery: Delivery): Promise<Delivered>;
}

export interface LocalPlatform {
  readonly name: PlatformName;
  /** Who Ada is on this platform, and the chat the Worker files her conversation under. */
  readonly identity: { readonly userId: string; readonly chatId: string };
  /** The user sent `text` from the composer; returns the traffic entry of the delivery, if one was sent. */
  say(text: string): Promise<string | undefined>;
  /** The user pressed one of the bot's buttons. */
  press(messageId: string, buttonId: string): Promise<string | undefined>;
  /** The user sent a file, with `caption` as its words. */
  upload(file: Upload, caption: string): Promise<string | undefined>;
  /** The user picked `value` in one of the bot's drop-downs. */
  pick(messageId: string, selectId: string, value: string): Promise<string | undefined>;
  /** The user chose one of the bot's message actions on a message (Discord and Slack). */
  messageAction?(messageId: string, actionId: string): Promise<string | undefined>;
  /** The user filled in a form the bot opened (Discord and Slack). */
  submit?(formId: string, values: Readonly<Record<string, string>>): Promise<string | undefined>;
  /** Ada goes to a channel of one of the platform's workspaces (Slack); its direct messages with the bot without one. */
  switchChannel?(workspace: string, channel?: string): void;
  /** Answers the bot's call to this platform's API, as the platform would. */
  api(call: ApiCall): ApiAnswer | Promise<ApiAnswer>;
}

/** A file the user sends. */
export interface Upload {
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/** What the user did that the platform's app would not allow (a button that is gone, an unknown command). */
export class NotAllowed extends Error {
  override readonly name = "NotAllowed";
}
