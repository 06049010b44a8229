/** Usage lines and the help text, made from the same intent definitions as the router. */
import type { ArgSpec, Bot, Intent, Subcommand } from "./intent.ts";

function argUsage(spec: ArgSpec): string {
  return spec.optional ? `[${spec.name}]` : `<${spec.name}>`;
}

export function usage(intent: Intent, subcommand?: Subcommand): string {
  const args = subcommand ? (subcommand.args ?? []) : (intent.args ?? []);
  return [`/${intent.command}`, ...(subcommand ? [subcommand.name] : []), ...args.map(argUsage)].join(" ");
}

/** One line per command (and per subcommand), each with its description. */
export function helpLines(bot: Bot): string[] {
  return bot.intents.flatMap((intent) =>
    intent.subcommands?.length
      ? intent.subcommands.map((sub) => `${usage(intent, sub)} — ${sub.description}`)
      : [`${usage(intent)} — ${intent.description}`],
  );
}

export interface MenuEntry {
  readonly command: string;
  readonly description: string;
}

/** The platforms' command menus (Telegram setMyCommands, Slack help): one entry per intent. */
export function commandMenu(bot: Bot): MenuEntry[] {
  return bot.intents.map((intent) => ({ command: intent.command, description: intent.description }));
}
