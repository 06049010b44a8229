/**
 * One bot on Telegram, Discord and Slack at once, talked to the same way: a
 * command or an answer from a user in a private chat or a group, and what
 * the bot said back, whichever way the platform carried it (a message sent
 * through its API, the webhook's own answer, a modal). For behaviour that
 * must not depend on the platform.
 */

import type { Bot } from "../../src/core/intent.ts";
import { createHarness } from "../adversarial/harness.ts";
import {
  slashCommand as discordCommand,
  EPHEMERAL,
  MESSAGE,
  MODAL,
  modalSubmit,
  sentToDiscord,
  stubDiscordApi,
} from "./discord.ts";
import { interceptFetch, type Outbound, type OutboundCall } from "./outbound.ts";
import { eventCallback, postedMessages, postedTexts, slashCommand as slackCommand, stubSlackApi } from "./slack.ts";
import { messageUpdate, sentMessages, stubTelegramApi } from "./telegram.ts";
import { testEnv } from "./worker.ts";

export const PLATFORMS = ["telegram", "discord", "slack"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A command with its arguments (Discord gets them as options), or the answer to the bot's question. */
export type Message =
  | {
      readonly command: string;
      readonly subcommand?: string;
      readonly args?: Readonly<Record<string, string | number>>;
    }
  | { readonly answer: string };

/** Who writes, and where: user number `user` (made into the platform's kind of id), in a private chat or the group. */
export interface From {
  readonly user: number;
  readonly group?: boolean;
}

/** One thing the bot said. */
export interface Said {
  readonly text: string;
  /** Shown to the user alone: Discord's ephemeral messages and modals, Slack's ephemeral messages (Telegram has none). */
  readonly private: boolean;
}

/** User `n`'s id on `platform`, as the platform's payloads carry it. */
export function userId(platform: Platform, n: number): string {
  switch (platform) {
    case "telegram":
      return String(n);
    case "discord":
      return String(800_000_000_000_000_000n + BigInt(n));
    case "slack":
      return `U0LAB${n}`;
  }
}

function commandText(message: Extract<Message, { command: string }>): string {
  return [message.command, message.subcommand, ...Object.values(message.args ?? {})]
    .filter((part) => part !== undefined)
    .join(" ");
}

/** A Slack answer (the webhook's own, or one posted) as text: its sections' mrkdwn, joined. */
function sectionsOf(answer: { blocks?: readonly { type: string; text?: { text: string } }[] }): string {
  return (answer.blocks ?? [])
    .filter((block) => block.type === "section")
    .map((block) => block.text?.text ?? "")
    .join("");
}

interface DiscordAnswer {
  readonly type: number;
  readonly data?: { readonly content?: string; readonly flags?: number; readonly title?: string };
}

interface SlackAnswer {
  readonly response_type?: string;
  readonly blocks?: readonly { type: string; text?: { text: string } }[];
}

export interface Conversation {
  /** Sends `message` and waits until it is handled; returns what the bot said to it. */
  say(platform: Platform, message: Message, from: From): Promise<Said[]>;
  /** Everything the bot said since `talkTo`, on every platform: for messages sent at the same time. */
  heard(): Said[];
  /** What D1 keeps for user `n` on `platform`: their data (undefined without a row) and their pending questions. */
  stored(platform: Platform, n: number): Promise<{ data: unknown; questions: number }>;
}

/**
 * A Worker serving `bot` on all three platforms, and a conversation with it.
 * Call it in each test: it intercepts the Worker's outbound calls until the
 * test ends (every platform's API answers, no other API does).
 */
export async function talkTo(bot: Bot): Promise<Conversation> {
  const harness = await createHarness({ bots: [bot] });
  const outbound = stubSlackApi(stubDiscordApi(stubTelegramApi(interceptFetch())));
  /** The webhooks' own answers, in the order they came. */
  const inline: Said[] = [];

  /** What the bot sent through the platforms' APIs in `calls` (all of them, or one delivery's). */
  function sent(calls: readonly OutboundCall[]): Said[] {
    const view: Outbound = {
      calls: [...calls],
      to: (fragment) => calls.filter((call) => call.url.href.includes(fragment)),
      on: () => view,
    };
    const telegram = sentMessages(view).map((message) => ({ text: message.text, private: false }));
    const discord = sentToDiscord(view)
      .filter((message) => message.data.content !== undefined)
      .map((message) => ({ text: message.data.content ?? "", private: ((message.data.flags ?? 0) & EPHEMERAL) !== 0 }));
    const texts = postedTexts(view);
    const slack = postedMessages(view).map((message, index) => ({
      text: texts[index] ?? "",
      private: message.user !== undefined || message.response_type === "ephemeral",
    }));
    return [...telegram, ...discord, ...slack];
  }

  async function request(platform: Platform, message: Message, from: From): Promise<Request> {
    const id = userId(platform, from.user);
    const group = from.group === true;
    switch (platform) {
      case "telegram": {
        const text = "answer" in message ? message.answer : `/${commandText(message)}`;
        return harness.telegram(JSON.stringify(messageUpdate({ text, userId: from.user, group })));
      }
      case "discord": {
        const who = { userId: id, dm: !group };
        const interaction =
          "answer" in message
            ? modalSubmit(message.answer, who)
            : discordCommand(message.command, message.args, {
                ...who,
                ...(message.subcommand ? { subcommand: message.subcommand } : {}),
              });
        return harness.discord(JSON.stringify(interaction));
      }
      case "slack": {
        const channel = group ? "C0LAB" : `D0LAB${from.user}`;
        if ("answer" in message) {
          const event = eventCallback({
            text: message.answer,
            user: id,
            channel,
            channelType: group ? "channel" : "im",
          });
          return harness.slack(JSON.stringify(event), "application/json");
        }
        const { fields } = slackCommand({ text: commandText(message), user: id, channel });
        return harness.slack(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
      }
    }
  }

  /** What the webhook's own answer said, if it carried one. */
  async function answerOf(platform: Platform, response: Response): Promise<Said | undefined> {
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${platform} answered ${response.status}: ${body}`);
    if (platform === "telegram" || body === "") return undefined;
    if (platform === "discord") {
      const answer = JSON.parse(body) as DiscordAnswer;
      if (answer.type === MODAL) return { text: answer.data?.title ?? "", private: true };
      if (answer.type !== MESSAGE) return undefined;
      return { text: answer.data?.content ?? "", private: ((answer.data?.flags ?? 0) & EPHEMERAL) !== 0 };
    }
    const answer = JSON.parse(body) as SlackAnswer;
    return { text: sectionsOf(answer), private: answer.response_type === "ephemeral" };
  }

  return {
    async say(platform, message, from) {
      const before = outbound.calls.length;
      const { response, settled } = await harness.call(await request(platform, message, from));
      const answer = await answerOf(platform, response);
      if (answer) inline.push(answer);
      await settled;
      return [...(answer ? [answer] : []), ...sent(outbound.calls.slice(before))];
    },
    heard: () => [...inline, ...sent(outbound.calls)],
    async stored(platform, n) {
      const id = userId(platform, n);
      const user = await testEnv.DB.prepare("SELECT data FROM users WHERE bot = ? AND platform = ? AND user_id = ?")
        .bind(bot.name, platform, id)
        .first<{ data: string }>();
      const pending = await testEnv.DB.prepare(
        "SELECT COUNT(*) AS n FROM conversations WHERE bot = ? AND platform = ? AND user_id = ? AND question IS NOT NULL",
      )
        .bind(bot.name, platform, id)
        .first<{ n: number }>();
      return { data: user ? JSON.parse(user.data) : undefined, questions: pending?.n ?? 0 };
    },
  };
}
