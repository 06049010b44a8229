/**
 * A load test on loopback: thousands of mixed deliveries to all three
 * platforms, in concurrent waves, some of them sent twice. Afterwards every
 * delivery must have been answered exactly once, counted on the outbound
 * stub (and in the webhook responses, where a platform takes the answer
 * inline), and a repeat never.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { MESSAGE, slashCommand, stubDiscordApi } from "../support/discord.ts";
import { interceptFetch, type OutboundCall } from "../support/outbound.ts";
import { eventCallback, slashCommand as slackCommand, stubSlackApi } from "../support/slack.ts";
import { messageUpdate, stubTelegramApi } from "../support/telegram.ts";
import { createHarness, type Harness, inWaves } from "./harness.ts";

/** How many deliveries, and how many the Worker is given at once. */
const LOAD_DELIVERIES = 10_000;
const WAVE = 50;
/** Every tenth request is a copy of an earlier one, as a platform's retry would be. */
const REPEAT_EVERY = 10;

interface Delivery {
  /** What identifies the answer to this delivery, wherever it goes: chat, interaction token, response URL. */
  readonly key: string;
  readonly request: () => Promise<Request>;
}

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness();
});

const TELEGRAM_TOKEN = /\/bot([^/]+)\/sendMessage$/;

/** The key of the delivery an outbound call answers, or undefined for a call that is no answer. */
function keyOf(call: OutboundCall): string | undefined {
  const json = call.json as Record<string, unknown> | undefined;
  const telegram = TELEGRAM_TOKEN.exec(call.url.pathname);
  if (telegram) return `telegram:${telegram[1]}:${json?.chat_id}`;
  const discord = /\/webhooks\/\d+\/([^/]+)/.exec(call.url.pathname);
  if (discord) return `discord:${discord[1]}`;
  if (call.url.pathname.endsWith("/chat.postMessage")) return `slack:${json?.channel}:${json?.thread_ts ?? ""}`;
  if (call.url.host === "hooks.slack.com") return `slack:${call.url.href}`;
  return undefined;
}

/** The n-th delivery of the mix: commands that need no outside API, on every platform and both bots. */
function delivery(n: number): Delivery {
  const telegramUser = 2_000_000 + n;
  switch (n % 8) {
    case 0:
    case 1:
    case 2: {
      const text = ["/help", "/start", `/todo add task ${n}`][n % 8] as string;
      const body = JSON.stringify(messageUpdate({ text, userId: telegramUser }));
      return {
        key: `telegram:${harness.env.TELEGRAM_BOT_TOKEN}:${telegramUser}`,
        request: async () => harness.telegram(body),
      };
    }
    case 3: {
      const body = JSON.stringify(messageUpdate({ text: `hello number ${n}`, userId: telegramUser }));
      return {
        key: `telegram:${harness.env.ECHO_TELEGRAM_BOT_TOKEN}:${telegramUser}`,
        request: async () => harness.telegram(body, { bot: "echo" }),
      };
    }
    case 4:
    case 5: {
      const userId = String(700_000_000_002_000_000n + BigInt(n));
      const interaction =
        n % 8 === 4
          ? slashCommand("help", {}, { userId })
          : slashCommand("todo", { text: `task ${n}` }, { userId, subcommand: "add", dm: true });
      const body = JSON.stringify(interaction);
      return { key: `discord:${interaction.token}`, request: () => harness.discord(body) };
    }
    case 6: {
      const dm = n % 16 === 6;
      const channel = dm ? `D0LOAD${n}` : "C0LOAD";
      const event = eventCallback(
        dm
          ? { text: "help", user: `U0LOAD${n}`, channel }
          : { text: `<@U0BOT> todo add task ${n}`, type: "app_mention", user: `U0LOAD${n}`, channel },
      );
      const ts = (event.event as { ts: string }).ts;
      const body = JSON.stringify(event);
      return {
        key: `slack:${channel}:${dm ? "" : ts}`,
        request: () => harness.slack(body, "application/json"),
      };
    }
    default: {
      const { fields, responseUrl } = slackCommand({ text: "help", user: `U0LOAD${n}` });
      const body = new URLSearchParams(fields).toString();
      return { key: `slack:${responseUrl}`, request: () => harness.slack(body, "application/x-www-form-urlencoded") };
    }
  }
}

/** The key of the answer a webhook response carries itself (Discord type 4, a slash command's body). */
async function inlineAnswer(response: Response, sent: Delivery): Promise<string | undefined> {
  const text = await response.text();
  if (text === "") return undefined;
  const json = JSON.parse(text) as { type?: number; text?: string };
  const inline = sent.key.startsWith("discord:") ? json.type === MESSAGE : json.text !== undefined;
  return inline ? sent.key : undefined;
}

describe("load on loopback", () => {
  it(`answers ${LOAD_DELIVERIES} mixed deliveries, a tenth of them repeated, each exactly once`, {
    timeout: 300_000,
  }, async () => {
    const outbound = stubSlackApi(stubDiscordApi(stubTelegramApi(interceptFetch())));
    vi.spyOn(console, "info").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    const deliveries: Delivery[] = [];
    const answers = new Map<string, number>();
    const count = (key: string | undefined) => key !== undefined && answers.set(key, (answers.get(key) ?? 0) + 1);
    const statuses = await inWaves(LOAD_DELIVERIES, WAVE, async (index) => {
      // Every tenth request repeats one (never itself a repeat) from an earlier wave.
      const repeat = index % REPEAT_EVERY === REPEAT_EVERY - 1 && index > WAVE;
      const sent = repeat ? (deliveries[index - WAVE - 1] as Delivery) : delivery(index);
      if (!repeat) deliveries[index] = sent;
      const response = await harness.deliver(await sent.request());
      count(await inlineAnswer(response, sent));
      return response.status;
    });
    for (const call of outbound.calls) count(keyOf(call));

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const unique = deliveries.filter((sent) => sent !== undefined);
    expect(unique.length).toBeGreaterThan(LOAD_DELIVERIES * 0.85);
    const unanswered = unique.filter((sent) => !answers.has(sent.key)).map((sent) => sent.key);
    const doubled = [...answers].filter(([, times]) => times > 1).map(([key]) => key);
    const expected = new Set(unique.map((sent) => sent.key));
    expect(expected.size).toBe(unique.length);
    const stray = [...answers.keys()].filter((key) => !expected.has(key));
    expect({ unanswered, doubled, stray }).toEqual({ unanswered: [], doubled: [], stray: [] });
    expect(errors).not.toHaveBeenCalled();
  });
});
