/**
 * The whole local stack in one call: stand-ins for every API the Worker
 * calls, the emulated Telegram, Discord and Slack, the Worker under
 * `wrangler dev` pointed at them, a reader of its D1, and the page server in
 * front. `npm run dev`, `npm run chat` (when no stack is running) and the
 * browser test all start it here, so there is one way to run it.
 */
import { z } from "zod";
import { concierge } from "../../bots/concierge/index.ts";
import { act } from "./actions.ts";
import { createDiscord } from "./discord/index.ts";
import { DEV_VARS, readEnvFile } from "./env-file.ts";
import { startPageServer } from "./page-server.ts";
import type { Delivered, Delivery, LocalPlatform, PlatformContext } from "./platform.ts";
import type { PlatformName } from "./protocol.ts";
import { Session } from "./session.ts";
import { createSlack } from "./slack/index.ts";
import { SECOND_WORKSPACE_TOKEN } from "./slack/install.ts";
import { SECOND_WORKSPACE } from "./slack/workspaces.ts";
import { aiStandIn, apiBases, startStandIns } from "./stand-ins.ts";
import { watchStoredState } from "./stored-state.ts";
import { createTelegram } from "./telegram/index.ts";
import { applyMigrations, startWorker } from "./worker.ts";

export interface StackOptions {
  /** The page's port, where the Worker's routes answer too. */
  readonly port: number;
  readonly standInsPort: number;
  /** wrangler's; 0 lets it pick a free one. */
  readonly workerPort: number;
  /** The dotenv file of the Worker's secrets, which the emulators sign with too. */
  readonly envFile: string;
  /** The folder of the local D1 and KV; wrangler's own (.wrangler/state) when absent. */
  readonly persistTo?: string;
  /** Weather, rates and news from the real services instead of the stand-ins. */
  readonly realApis: boolean;
  /** Hears what wrangler and the Worker print. */
  readonly onWorkerLine?: (line: string) => void;
}

export interface Stack {
  /** Where the page is (`/dev`) and the Worker's routes answer. */
  readonly url: string;
  /** Where the stand-ins answer the Worker's calls (a test can call them as the bot would). */
  readonly standIns: string;
  /** Settles when wrangler stops. */
  readonly exited: Promise<number>;
  stop(): Promise<void>;
}

/** Where `npm run dev` puts things: the page on `port`, the stand-ins on the next, wrangler on the one after. */
export function devLayout(port: number): Pick<StackOptions, "port" | "standInsPort" | "workerPort" | "envFile"> {
  return { port, standInsPort: port + 1, workerPort: port + 2, envFile: DEV_VARS };
}

/** Only these are hidden in the traffic list (with the token Slack's second workspace hands out); ids and public keys are not secret. */
function secretsOf(values: Readonly<Record<string, string>>): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(values).filter(([name]) => /TOKEN|SECRET/.test(name))),
    [`SLACK_BOT_TOKEN of ${SECOND_WORKSPACE.id}`]: SECOND_WORKSPACE_TOKEN,
  };
}

const LogLine = z.record(z.string(), z.unknown());

/** The Worker's JSON log lines, which say when a delivery was handled and how. */
function readLogLine(line: string, session: Session): void {
  if (!line.startsWith("{")) return;
  try {
    const parsed = LogLine.safeParse(JSON.parse(line));
    if (parsed.success) session.traffic.workerLog(parsed.data);
  } catch {
    // Not one of the Worker's lines.
  }
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const values = readEnvFile(options.envFile);
  const bot = concierge;
  // Tier 2 talks to the model server the env file names, else to the stand-ins' scripted one.
  const modelUrl = values.AI_BASE_URL?.trim();
  const tierTwo = modelUrl ? { standIn: false as const, url: modelUrl } : { standIn: true as const };
  const session = new Session({ bot: bot.name, realApis: options.realApis, tierTwo, secrets: secretsOf(values) });
  applyMigrations(options.persistTo, (line) => options.onWorkerLine?.(line));
  /** What is running, stopped in reverse order, also when a later part fails to start. */
  const running: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of running.splice(0).reverse()) await stopOne();
  };
  /** Where wrangler answers, once it has started (the emulators deliver only after that). */
  let workerUrl: string | undefined;

  async function deliver(platform: PlatformName, delivery: Delivery): Promise<Delivered> {
    if (workerUrl === undefined) throw new Error("The Worker is not running yet");
    const url = `${workerUrl}/webhooks/${platform}/${bot.name}`;
    const request = { method: "POST", url, headers: delivery.headers, body: delivery.body };
    const entryId = session.traffic.start({
      direction: "to-worker",
      source: platform,
      title: delivery.title,
      request,
      eventKey: `${platform}:${delivery.eventId}`,
    });
    const started = Date.now();
    try {
      const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
      const body = await response.text();
      session.traffic.finish(entryId, { status: response.status, body, ms: Date.now() - started }, "delivery");
      return { entryId, status: response.status, body };
    } catch (error) {
      session.traffic.finish(entryId, { status: 0, body: String(error), ms: Date.now() - started }, "answer");
      throw new Error("The Worker is not answering");
    }
  }

  try {
    const standIns = await startStandIns(options.standInsPort, session);
    running.push(() => standIns.close());
    const context = (platform: PlatformName): PlatformContext => ({
      bot,
      session,
      standIns: standIns.url,
      secret(name) {
        const value = values[`${bot.secretPrefix}${name}`];
        if (!value) throw new Error(`${bot.secretPrefix}${name} is missing from ${options.envFile}`);
        return value;
      },
      deliver: (delivery) => deliver(platform, delivery),
    });
    const platforms: Record<PlatformName, LocalPlatform> = {
      telegram: createTelegram(context("telegram")),
      discord: createDiscord(context("discord")),
      slack: createSlack(context("slack")),
    };
    for (const platform of Object.values(platforms)) standIns.attach(platform);

    const worker = await startWorker({
      port: options.workerPort,
      envFile: options.envFile,
      vars: {
        ...apiBases(standIns.url, options.realApis),
        ...(tierTwo.standIn ? { AI_BASE_URL: aiStandIn(standIns.url) } : {}),
      },
      ...(options.persistTo ? { persistTo: options.persistTo } : {}),
      onLine(line) {
        readLogLine(line, session);
        options.onWorkerLine?.(line);
      },
    });
    running.push(() => worker.stop());
    workerUrl = worker.url;
    const page = await startPageServer({
      port: options.port,
      worker: worker.url,
      session,
      act: (action) => act({ session, platforms, worker: worker.url }, action),
    });
    running.push(() => page.close());
    const identities = Object.values(platforms).map((platform) => ({ platform: platform.name, ...platform.identity }));
    running.push(watchStoredState(session, identities, options.persistTo));
    return { url: page.url, standIns: standIns.url, exited: worker.exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
