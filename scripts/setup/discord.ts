/**
 * A bot on Discord: its slash commands, built from the bot's intent
 * definitions (the same ones the router reads), and the application's
 * Interactions Endpoint URL. `npm run discord:register` replaces the
 * commands; `npm run setup` checks the application, then changes what
 * differs from what Discord reports.
 */
import * as z from "zod";
import {
  APPLICATION_ID,
  BOT_TOKEN,
  DEFAULT_API_BASE,
  DiscordApi,
  PUBLIC_KEY,
} from "../../src/platforms/discord/api.ts";
import { applicationCommands, shownName } from "../../src/platforms/discord/commands.ts";
import { Routes } from "../../src/platforms/discord/wire.ts";
import { covers } from "./compare.ts";
import { type PlatformSetup, Refused, type SetupContext, type Skipped } from "./platform.ts";
import { describeCall } from "./steps.ts";

/** Discord's "Get Current Application", which a bot token may read and edit. */
const CURRENT_APPLICATION = "/applications/@me";
/** Discord asks every bot for a User-Agent of this form. */
const USER_AGENT = "DiscordBot (parley, 0.1.0)";
const TIMEOUT_MS = 10_000;

const Application = z.object({
  id: z.string(),
  verify_key: z.string(),
  interactions_endpoint_url: z.string().nullish(),
});
type Application = z.infer<typeof Application>;

/** A registered command as Discord reports it: more fields than were sent, the name among them. */
const RegisteredCommands = z.array(z.looseObject({ name: z.string() }));

/** Discord answered a read with an error status. */
export class DiscordRefused extends Error {
  override readonly name = "DiscordRefused";
  readonly status: number;

  constructor(path: string, status: number, message: string) {
    super(`Discord answered ${status} to GET ${path}: ${message}`);
    this.status = status;
  }
}

/** The global commands, or one server's with `guild` (those apply at once). */
export function commandsRoute(applicationId: string, guild?: string): string {
  return guild ? Routes.applicationGuildCommands(applicationId, guild) : Routes.applicationCommands(applicationId);
}

export class DiscordClient {
  readonly base: string;
  private readonly token: string;
  /** Writes go through Parley's client, with its rate-limit handling; it has no reads, so those are here. */
  private readonly api: DiscordApi;

  constructor(base: string, token: string) {
    this.base = base;
    this.token = token;
    this.api = new DiscordApi({ base, fetch, botToken: token });
  }

  describe(method: string, path: string, body?: unknown): string {
    return describeCall(method, `${this.base}${path}`, body);
  }

  async read<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      headers: { authorization: `Bot ${this.token}`, "user-agent": USER_AGENT },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const message = z.object({ message: z.string() }).safeParse(body);
      throw new DiscordRefused(path, response.status, message.success ? message.data.message : response.statusText);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new Error(`Discord's answer to GET ${path} is not what it documents.`);
    return parsed.data;
  }

  /** Replaces every command at `route` with `commands` (Discord's bulk overwrite). */
  async registerCommands(route: string, commands: unknown): Promise<void> {
    await this.api.request("PUT", route, commands);
  }

  async setInteractionsUrl(url: string): Promise<void> {
    await this.api.request("PATCH", CURRENT_APPLICATION, { interactions_endpoint_url: url });
  }
}

/** The commands Discord has, matched by name against the bot's. */
function sameCommands(reported: readonly { name: string }[], wanted: ReturnType<typeof applicationCommands>): boolean {
  const byName = new Map(reported.map((command) => [command.name, command]));
  return reported.length === wanted.length && wanted.every((command) => covers(byName.get(command.name), command));
}

export function discordSetup(ctx: SetupContext): PlatformSetup | Skipped {
  const { bot, inputs, steps } = ctx;
  const names = [APPLICATION_ID, PUBLIC_KEY, BOT_TOKEN];
  const missing = names.filter((name) => !inputs.get(name)).map((name) => inputs.fullName(name));
  if (missing.length === names.length) return { skipped: `no ${missing.join(", ")}` };
  if (missing.length > 0) return { skipped: `missing ${missing.join(", ")}` };
  const [applicationId = "", publicKey = "", token = ""] = names.map((name) => inputs.get(name));
  if (!/^\d{17,20}$/.test(applicationId)) {
    return { invalid: `${inputs.fullName(APPLICATION_ID)} is not an application id (17 to 20 digits).` };
  }
  if (!/^[0-9a-f]{64}$/i.test(publicKey)) {
    return { invalid: `${inputs.fullName(PUBLIC_KEY)} is not a public key (64 hex digits, as the portal shows it).` };
  }
  const client = new DiscordClient(ctx.env.DISCORD_API_BASE || DEFAULT_API_BASE, token);
  const commands = applicationCommands(bot);
  const route = commandsRoute(applicationId);
  let application: Application | undefined;
  let registered: { name: string }[] | undefined;
  return {
    secrets: Object.fromEntries(names.map((name) => [inputs.fullName(name), inputs.get(name) ?? ""])),
    async check() {
      try {
        application = await steps.look(client.describe("GET", CURRENT_APPLICATION), () =>
          client.read(CURRENT_APPLICATION, Application),
        );
      } catch (error) {
        if (error instanceof DiscordRefused && error.status === 401) {
          throw new Refused(
            "Discord",
            inputs.fullName(BOT_TOKEN),
            "401 Unauthorized",
            "use the token of the Bot page (Reset Token shows a new one)",
          );
        }
        throw error;
      }
      // The token is right; the id and key must be of its application, or the Worker would check the wrong signatures.
      if (application && application.id !== applicationId) {
        throw new Refused("Discord", inputs.fullName(APPLICATION_ID), "not the application of the bot token");
      }
      if (application && application.verify_key.toLowerCase() !== publicKey.toLowerCase()) {
        throw new Refused("Discord", inputs.fullName(PUBLIC_KEY), "not the public key of the bot token's application");
      }
      const path = `${route}?with_localizations=true`;
      registered = await steps.look(client.describe("GET", path), () => client.read(path, RegisteredCommands));
    },
    async apply(url): Promise<undefined> {
      const endpoint = new URL(`/webhooks/discord/${bot.name}`, url).href;
      if (application?.interactions_endpoint_url === endpoint) {
        steps.ok(`Discord interactions endpoint already ${endpoint}`);
      } else {
        const now =
          application === undefined ? "unknown in a dry run" : (application.interactions_endpoint_url ?? "not set");
        steps.change(`Discord interactions endpoint ${now}: setting it to ${endpoint}`);
        const body = { interactions_endpoint_url: endpoint };
        await steps.act(client.describe("PATCH", CURRENT_APPLICATION, body), () =>
          client.setInteractionsUrl(endpoint).catch((error: unknown) => {
            // Discord sends the URL a signed request first: a Worker deployed seconds ago may not answer yet.
            const reason = error instanceof Error ? error.message : String(error);
            throw new Error(
              `Discord did not take ${endpoint} (${reason}); if the Worker was just deployed, run setup again in a minute.`,
            );
          }),
        );
      }
      if (registered !== undefined && sameCommands(registered, commands)) {
        steps.ok(`Discord commands already registered: ${commands.map(shownName).join(" ")}`);
        return;
      }
      steps.change(`Discord commands ${registered === undefined ? "unknown in a dry run" : "changed"}: registering`);
      await steps.act(client.describe("PUT", route, commands), () => client.registerCommands(route, commands));
    },
  };
}
