/**
 * The Slack app manifest of a bot, made from its intent definitions: paste it
 * into "Create New App → From a manifest" and the app has its slash command,
 * event subscriptions, interactivity and scopes, all pointing at the one
 * Slack URL of the Worker (`npm run slack:manifest`).
 */
import { intentDescription, subcommandDescription, usage } from "../../core/help.ts";
import type { Bot, Intent } from "../../core/intent.ts";
import { clip } from "../../core/reply.ts";

/**
 * Mentions, direct messages, and channel messages: the last are how an
 * answer to the bot's question in a thread (or after a slash command)
 * reaches it; the router drops them unless the user owes an answer.
 */
const BOT_EVENTS = ["app_mention", "message.im", "message.channels", "message.groups"] as const;

/** The end of an installation in a workspace (the adapter forgets it); these need no scope. */
const INSTALL_EVENTS = ["app_uninstalled", "tokens_revoked"] as const;

/**
 * Exactly what the events above, posting and editing (`chat:write`),
 * `users.info` (a user's language), files users share and the bot sends,
 * and reactions need. An app with Slack's "Agents & AI Apps" turned on adds
 * `assistant:write`, for the status its assistant threads show while the bot works.
 */
export const BOT_SCOPES = [
  "app_mentions:read",
  "chat:write",
  "commands",
  "im:history",
  "channels:history",
  "groups:history",
  "users:read",
  "files:read",
  "files:write",
  "reactions:write",
] as const;

/** One entry of the usage hint: "weather <city>", "todo add|list|done". */
function hint(intent: Intent): string {
  if (intent.subcommands?.length) return `${intent.command} ${intent.subcommands.map((sub) => sub.name).join("|")}`;
  return usage(intent).replace(/^\//, "");
}

const SHORTCUT_DESCRIPTION_LIMIT = 80;

/** Message shortcuts: each message action of the bot in every message's menu; its callback id is its command. */
function messageShortcuts(bot: Bot) {
  return bot.intents.flatMap((intent) => {
    const action = intent.messageAction;
    if (!action) return [];
    const subcommand = intent.subcommands?.find((sub) => sub.name === action.subcommand);
    const description = subcommand
      ? subcommandDescription(bot, bot.defaultLocale, intent, subcommand)
      : intentDescription(bot, bot.defaultLocale, intent);
    return [
      {
        name: action.label,
        type: "message",
        callback_id: intent.command,
        description: clip(description, SHORTCUT_DESCRIPTION_LIMIT),
      },
    ];
  });
}

/** Left out where the bot has none. */
function shortcutsOf(bot: Bot) {
  const shortcuts = messageShortcuts(bot);
  return shortcuts.length > 0 ? { shortcuts } : {};
}

function title(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function slackManifest(bot: Bot, workerUrl: string) {
  const url = new URL(`/webhooks/slack/${bot.name}`, workerUrl).href;
  const redirect = new URL(`${installBase(bot)}/oauth/callback`, workerUrl).href;
  return {
    display_information: {
      name: title(bot.name),
      description: `${title(bot.name)}, a Parley bot. Try /${bot.name} help.`,
    },
    features: {
      // The Messages tab is where people write to the bot directly.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: bot.name, always_online: true },
      slash_commands: [
        {
          command: `/${bot.name}`,
          url,
          description: `Ask ${title(bot.name)}; /${bot.name} help lists the commands`,
          usage_hint: bot.intents.map(hint).join(", "),
          // Links and mentions arrive as Slack markup, the same as in events, and are read the same way.
          should_escape: true,
        },
      ],
      ...shortcutsOf(bot),
    },
    // Where Slack sends the browser back after an install through /slack/<bot>/install.
    oauth_config: { redirect_urls: [redirect], scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: url, bot_events: [...BOT_EVENTS, ...INSTALL_EVENTS] },
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/**
 * Where a bot's install pages live: `/slack/<bot>`, and `/slack` for the bot
 * whose secrets carry no prefix (the deployment's own, e.g. the concierge).
 */
export function installBase(bot: Pick<Bot, "name" | "secretPrefix">): string {
  return bot.secretPrefix === "" ? "/slack" : `/slack/${encodeURIComponent(bot.name)}`;
}
