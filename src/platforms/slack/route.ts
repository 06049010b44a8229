/** Where and how to answer a Slack update, kept in `Update.route` as strings. */
import type { Update } from "../../core/update.ts";

export interface SlackRoute {
  readonly channel: string;
  /** The ts of the thread's parent message, when the answer goes in a thread. */
  readonly thread?: string | undefined;
  /** The response URL of a slash command, or of a button on a top-level message. */
  readonly responseUrl?: string | undefined;
  /** Only a slash command's webhook response can carry the answer itself (and a form's submission its corrections). */
  readonly source: "event" | "command" | "action" | "view";
  /** The ts of the user's own message (events), which the bot can react to. */
  readonly ts?: string | undefined;
  /** The workspace it came from (`workspace.ts`): the team, or the org of an org-wide install. */
  readonly workspace?: string | undefined;
  /** The trigger_id of a slash command or press, which can open a form for a few seconds (`form.ts`). */
  readonly trigger?: string | undefined;
}

export function writeRoute(route: SlackRoute): Record<string, string> {
  return Object.fromEntries(Object.entries(route).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function readRoute(update: Update): SlackRoute {
  const { channel, thread, responseUrl, source, ts, workspace, trigger } = update.route;
  if (channel === undefined) throw new Error("Slack update without a channel");
  const kind = source === "command" || source === "action" || source === "view" ? source : "event";
  return { channel, thread, responseUrl, source: kind, ts, workspace, trigger };
}
