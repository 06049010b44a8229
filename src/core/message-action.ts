/**
 * Message actions: intents a bot offers on any message (`Intent.messageAction`),
 * which adapters list in the platforms' message menus and turn back into a
 * command when one is chosen.
 */
import type { Bot, Intent, Subcommand } from "./intent.ts";
import type { CommandInvocation } from "./update.ts";

export interface MessageAction {
  /** Shown in the message menu. */
  readonly label: string;
  /** The intent's command, which is also the action's id where a platform wants a short one (Slack's callback id). */
  readonly command: string;
}

function actionOf(intent: Intent): MessageAction[] {
  return intent.messageAction ? [{ label: intent.messageAction.label, command: intent.command }] : [];
}

/** The bot's message actions, in the order of its intents. */
export function messageActions(bot: Bot): MessageAction[] {
  return bot.intents.flatMap(actionOf);
}

/** The command a chosen action runs, found by `matches`; undefined when the bot offers no such action. */
export function messageActionCommand(
  bot: Bot,
  matches: (action: MessageAction) => boolean,
): CommandInvocation | undefined {
  const intent = bot.intents.find((candidate) => actionOf(candidate).some(matches));
  const subcommand = intent?.messageAction?.subcommand;
  if (!intent) return undefined;
  return { name: intent.command, text: "", options: {}, ...(subcommand ? { subcommand } : {}) };
}

/**
 * The subcommands plain words can invoke: not a message action's own, which
 * needs the message it is used on and no words can give.
 */
export function subcommandsForWords(intent: Intent): readonly Subcommand[] {
  const action = intent.messageAction?.subcommand;
  return (intent.subcommands ?? []).filter((subcommand) => subcommand.name !== action);
}
