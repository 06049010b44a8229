/**
 * The tokens and ids `npm run setup` works from. Each comes from, in this
 * order: its flag (`--telegram-bot-token`), the environment (under the bot's
 * prefix for another bot: `ECHO_TELEGRAM_BOT_TOKEN`), what setup kept from
 * an earlier run, a question on the terminal, or setup makes it.
 */
import { randomBytes } from "node:crypto";
import type { Bot } from "../../src/core/intent.ts";
import type { SetupState } from "./state.ts";
import type { Steps } from "./steps.ts";

export type PlatformName = "telegram" | "discord" | "slack";

export interface InputSpec {
  readonly name: string;
  /** The platform it belongs to; none: the deployment's own. */
  readonly platform?: PlatformName;
  /** Hidden when typed, never printed. */
  readonly secret: boolean;
  /** Read under the bot's prefix; the others belong to the whole deployment. */
  readonly perBot: boolean;
  /** Made by setup when not given, and kept for the next run. */
  readonly generated?: boolean;
  /** What to ask on a terminal; without one it is never asked. */
  readonly question?: string;
}

export const INPUTS: readonly InputSpec[] = [
  {
    name: "TELEGRAM_BOT_TOKEN",
    platform: "telegram",
    secret: true,
    perBot: true,
    question: "Telegram bot token (from @BotFather)",
  },
  { name: "TELEGRAM_WEBHOOK_SECRET", platform: "telegram", secret: true, perBot: true, generated: true },
  {
    name: "DISCORD_APPLICATION_ID",
    platform: "discord",
    secret: false,
    perBot: true,
    question: "Discord application id (Developer Portal, General Information)",
  },
  {
    name: "DISCORD_PUBLIC_KEY",
    platform: "discord",
    secret: false,
    perBot: true,
    question: "Discord public key (General Information)",
  },
  {
    name: "DISCORD_BOT_TOKEN",
    platform: "discord",
    secret: true,
    perBot: true,
    question: "Discord bot token (Bot page, Reset Token)",
  },
  {
    name: "SLACK_SIGNING_SECRET",
    platform: "slack",
    secret: true,
    perBot: true,
    question: "Slack signing secret (Basic Information)",
  },
  {
    name: "SLACK_BOT_TOKEN",
    platform: "slack",
    secret: true,
    perBot: true,
    question: "Slack bot token, xoxb-… (OAuth & Permissions)",
  },
  // Installs into many workspaces (OAuth): given as flags or in the environment, never asked for.
  { name: "SLACK_CLIENT_ID", platform: "slack", secret: false, perBot: true },
  { name: "SLACK_CLIENT_SECRET", platform: "slack", secret: true, perBot: true },
  { name: "INSTALL_ENCRYPTION_KEY", platform: "slack", secret: true, perBot: true },
  {
    name: "SLACK_CONFIG_TOKEN",
    platform: "slack",
    secret: true,
    perBot: false,
    question: "Slack app configuration token, optional (api.slack.com/apps, Your App Configuration Tokens)",
  },
  { name: "ADMIN_TOKEN", secret: true, perBot: false, generated: true },
];

/** `TELEGRAM_BOT_TOKEN` → `--telegram-bot-token`. */
export function flagOf(name: string): string {
  return name.toLowerCase().replaceAll("_", "-");
}

function fullNameOf(bot: Bot, spec: InputSpec): string {
  return spec.perBot ? `${bot.secretPrefix}${spec.name}` : spec.name;
}

export class Inputs {
  private readonly bot: Bot;
  private readonly values: ReadonlyMap<string, string>;

  constructor(bot: Bot, values: ReadonlyMap<string, string>) {
    this.bot = bot;
    this.values = values;
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** The name the Worker reads it under: `ECHO_TELEGRAM_BOT_TOKEN` for the bot `echo`. */
  fullName(name: string): string {
    const spec = INPUTS.find((input) => input.name === name);
    return spec ? fullNameOf(this.bot, spec) : name;
  }
}

export interface InputSources {
  readonly bot: Bot;
  /** Flag values by input name. */
  readonly flags: Readonly<Record<string, string | undefined>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly state: SetupState;
  readonly steps: Steps;
  /** Asks on the terminal; absent when nobody is there to answer. */
  readonly ask?: (question: string, hidden: boolean) => Promise<string>;
}

/** 32 random bytes in hex: within what Telegram allows in a webhook secret, and unguessable. */
function generate(): string {
  return randomBytes(32).toString("hex");
}

export async function resolveInputs(sources: InputSources): Promise<Inputs> {
  const { bot, flags, env, state, steps, ask } = sources;
  const values = new Map<string, string>();
  const fullName = (spec: InputSpec) => fullNameOf(bot, spec);
  for (const spec of INPUTS) {
    const value = flags[spec.name] || env[fullName(spec)] || state.kept[fullName(spec)];
    if (value) values.set(spec.name, value.trim());
  }
  const unanswered = INPUTS.filter((spec) => spec.question && !values.has(spec.name));
  if (ask && unanswered.length > 0) {
    console.log("Tokens not given as flags or in the environment (Enter skips one):");
    for (const spec of unanswered) {
      const answer = await ask(`  ${spec.question}: `, spec.secret);
      if (answer) values.set(spec.name, answer);
    }
  }
  for (const spec of INPUTS.filter((input) => input.generated)) {
    // A webhook secret is made only for a bot that goes on Telegram.
    const wanted =
      spec.platform === undefined ||
      INPUTS.some((input) => input.platform === spec.platform && !input.generated && values.has(input.name));
    if (!values.has(spec.name) && wanted) {
      values.set(spec.name, generate());
      steps.change(`${fullName(spec)} ${steps.dryRun ? "to be made" : "made"} (kept in ${state.keptFile})`);
    }
    const value = values.get(spec.name);
    // Kept whether made or given, so that the next run without it does not bring back an older one.
    if (value) state.keep(fullName(spec), value);
  }
  for (const spec of INPUTS) {
    const value = values.get(spec.name);
    if (spec.secret && value) steps.hide(fullName(spec), value);
  }
  return new Inputs(bot, values);
}
