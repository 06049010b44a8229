/**
 * What a user of the page or the command-line can do: type, send a file,
 * press a button, pick in a drop-down, choose a message action, fill in a
 * form, switch Slack's channel (each handed to its platform's emulator), and
 * run the Cron tick at a chosen time through wrangler's `--test-scheduled`
 * route, the same `scheduled()` Cloudflare calls.
 */
import { type LocalPlatform, NotAllowed } from "./platform.ts";
import type { Action, ActionResult, PlatformName } from "./protocol.ts";
import type { Session } from "./session.ts";

/** Must match the trigger in wrangler.toml. */
const CRON = "* * * * *";

export interface ActionTargets {
  readonly session: Session;
  readonly platforms: Readonly<Record<PlatformName, LocalPlatform>>;
  /** The Worker's own URL. */
  readonly worker: string;
}

async function tick(targets: ActionTargets, time: number): Promise<string> {
  const url = `${targets.worker}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}&time=${time}`;
  const entryId = targets.session.traffic.start({
    direction: "to-worker",
    source: "cron",
    title: `tick at ${new Date(time).toISOString().slice(0, 16).replace("T", " ")} UTC`,
    request: { method: "GET", url, headers: {}, body: "" },
  });
  const started = Date.now();
  const response = await fetch(url);
  const body = await response.text();
  targets.session.traffic.finish(entryId, { status: response.status, body, ms: Date.now() - started }, "tick");
  return entryId;
}

async function perform(targets: ActionTargets, action: Action): Promise<string | undefined> {
  switch (action.kind) {
    case "say":
      return targets.platforms[action.platform].say(action.text);
    case "upload": {
      const upload = { name: action.name, mime: action.mime, bytes: Buffer.from(action.data, "base64") };
      return targets.platforms[action.platform].upload(upload, action.caption);
    }
    case "pick":
      return targets.platforms[action.platform].pick(action.messageId, action.selectId, action.value);
    case "press":
      return targets.platforms[action.platform].press(action.messageId, action.buttonId);
    case "message-action": {
      const platform = targets.platforms[action.platform];
      if (!platform.messageAction) throw new NotAllowed(`Messages have no actions on ${action.platform}`);
      return platform.messageAction(action.messageId, action.actionId);
    }
    case "submit": {
      const platform = targets.platforms[action.platform];
      if (!platform.submit) throw new NotAllowed(`There are no forms on ${action.platform}`);
      return platform.submit(action.formId, action.values);
    }
    case "switch-channel": {
      const platform = targets.platforms[action.platform];
      if (!platform.switchChannel) throw new NotAllowed(`There are no workspaces on ${action.platform}`);
      platform.switchChannel(action.workspace, action.channel);
      return undefined;
    }
    case "tick":
      return tick(targets, action.time);
  }
}

/**
 * Performs an action; what went wrong is the answer rather than an exception.
 * Only a failure that is not the user's (the Worker is down, a bug) is
 * printed for the developer too.
 */
export async function act(targets: ActionTargets, action: Action): Promise<ActionResult> {
  try {
    const entryId = await perform(targets, action);
    return entryId === undefined ? {} : { entryId };
  } catch (error) {
    if (!(error instanceof NotAllowed)) console.error(error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
