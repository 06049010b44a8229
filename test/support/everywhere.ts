/**
 * One bot on Telegram, Discord and Slack at once, talked to the same way: a
 * command, an answer, plain words or a button press from a user in a
 * private chat or a group, and what the bot said back, whichever way the
 * platform carried it (a message sent through its API, the webhook's own
 * answer, a modal). For behaviour that must not depend on the platform.
 */

import type { Bot } from "../../src/core/intent.ts";
import { createHarness } from "../adversarial/harness.ts";
import {
  slashCommand as discordCommand,
  buttonPress as discordPress,
  EPHEMERAL,
  MESSAGE,
  MODAL,
  modalSubmit,
  selectPick,
  sentToDiscord,
  stubDiscordApi,
  UPDATE_MESSAGE,
} from "./discord.ts";
import { interceptFetch, type Outbound, type OutboundCall } from "./outbound.ts";
import {
  BOT_USER,
  eventCallback,
  postedMessages,
  postedTexts,
  SLACK_API,
  slashCommand as slackCommand,
  buttonPress as slackPress,
  stubSlackApi,
} from "./slack.ts";
import { callbackUpdate, messageUpdate, sentMessages, stubTelegramApi } from "./telegram.ts";
import { testEnv } from "./worker.ts";

export const PLATFORMS = ["telegram", "discord", "slack"] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * What the user does: a command with its arguments (Discord gets them as
 * options); the answer to the bot's question (a plain message, which in a
 * group nobody addresses to the bot; on Discord the question's form);
 * plain words meant for the bot (a message, in a group a mention; on
 * Discord, which delivers only commands, `/ask` with them); a press of
 * one of the bot's buttons, by its value; or a pick of one of its choices
 * (Telegram: the choice's button; Discord and Slack: the select's option).
 */
export type Message =
  | {
      readonly command: string;
      readonly subcommand?: string;
      readonly args?: Readonly<Record<string, string | number>>;
    }
  | { readonly answer: string }
  | { readonly words: string }
  | { readonly press: string }
  | { readonly pick: string };

/**
 * Who writes, and where: user number `user` (made into the platform's kind
 * of id), in a private chat or the group, with their app in `locale` (as
 * Telegram, Discord and Slack's `users.info` report it).
 */
export interface From {
  readonly user: number;
  readonly group?: boolean;
  readonly locale?: string;
}

/** A button the bot sent: what it shows, and what pressing it sends. */
export interface SaidButton {
  readonly label: string;
  readonly value: string;
}

/** One thing the bot said. */
export interface Said {
  readonly text: string;
  /** Shown to the user alone: Discord's ephemeral messages and modals, Slack's ephemeral messages (Telegram has none). */
  readonly private: boolean;
  /** Its buttons, row after row (Discord's "Answer" button, which opens a form, is not among them). */
  readonly buttons: readonly SaidButton[];
  /** The options of its select (Discord, Slack), when it has one; Telegram shows choices among `buttons`. */
  readonly choices?: readonly SaidButton[];
}

/** One thing the bot said, and the message as the platform got it (Telegram's sendMessage body, Discord's message data, Slack's message). */
interface Heard {
  readonly said: Said;
  readonly wire: unknown;
}

/** `said` with its choices, when there are any (so that messages without stay equal to plain `Said`s). */
function heard(said: Said, choices: readonly SaidButton[], wire: unknown): Heard {
  return { said: choices.length > 0 ? { ...said, choices } : said, wire };
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

interface SlackOption {
  readonly text: { readonly text: string };
  readonly value: string;
}

interface SlackBlock {
  readonly type: string;
  readonly text?: { readonly text: string };
  readonly elements?: readonly {
    readonly type?: string;
    readonly text?: { readonly text: string };
    readonly value?: string;
    readonly options?: readonly SlackOption[];
  }[];
}

/** A Slack answer (the webhook's own, or one posted) as text: its sections' mrkdwn, joined. */
function sectionsOf(answer: { blocks?: readonly SlackBlock[] }): string {
  return (answer.blocks ?? [])
    .filter((block) => block.type === "section")
    .map((block) => block.text?.text ?? "")
    .join("");
}

function slackElements(answer: { blocks?: readonly SlackBlock[] }) {
  return (answer.blocks ?? []).filter((block) => block.type === "actions").flatMap((block) => block.elements ?? []);
}

/** A Slack message's buttons: its `actions` blocks' button elements. */
function slackButtons(answer: { blocks?: readonly SlackBlock[] }): SaidButton[] {
  return slackElements(answer)
    .filter((element) => element.type !== "static_select")
    .map((element) => ({ label: element.text?.text ?? "", value: element.value ?? "" }));
}

/** A Slack message's choices: the options of its `static_select` elements. */
function slackChoices(answer: { blocks?: readonly SlackBlock[] }): SaidButton[] {
  return slackElements(answer)
    .flatMap((element) => (element.type === "static_select" ? (element.options ?? []) : []))
    .map((option) => ({ label: option.text.text, value: option.value }));
}

interface DiscordData {
  readonly content?: string;
  readonly flags?: number;
  readonly title?: string;
  readonly components?: readonly {
    readonly components: readonly {
      type?: number;
      label?: string;
      custom_id?: string;
      options?: readonly SaidButton[];
    }[];
  }[];
}

/** A Discord message's choices: the options of its string selects. */
function discordChoices(data: DiscordData | undefined): SaidButton[] {
  return (data?.components ?? []).flatMap((row) =>
    row.components.flatMap((component) =>
      component.type === 3 ? (component.options ?? []).map(({ label, value }) => ({ label, value })) : [],
    ),
  );
}

/** A Discord message's buttons: a custom_id is the button's place, a colon and its value. */
function discordButtons(data: DiscordData | undefined): SaidButton[] {
  return (data?.components ?? []).flatMap((row) =>
    row.components.flatMap((component) => {
      const value = /^\d{1,2}:([\s\S]*)$/.exec(component.custom_id ?? "")?.[1];
      return value === undefined ? [] : [{ label: component.label ?? "", value }];
    }),
  );
}

/** A Telegram message's inline keyboard. */
function telegramButtons(markup: unknown): SaidButton[] {
  const keyboard = (markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)
    ?.inline_keyboard;
  return (keyboard ?? []).flat().map((button) => ({ label: button.text, value: button.callback_data ?? "" }));
}

interface DiscordAnswer {
  readonly type: number;
  readonly data?: DiscordData;
}

interface SlackAnswer {
  readonly response_type?: string;
  readonly blocks?: readonly SlackBlock[];
}

export interface Conversation {
  /** Sends `message` and waits until it is handled; returns what the bot said to it. */
  say(platform: Platform, message: Message, from: From): Promise<Said[]>;
  /** Everything the bot said since `talkTo`, on every platform: for messages sent at the same time. */
  heard(): Said[];
  /** The same messages as `heard`, in its order, as the platforms got them: to check their exact shape. */
  wires(): unknown[];
  /** What D1 keeps for user `n` on `platform`: their data (undefined without a row) and their pending questions. */
  stored(platform: Platform, n: number): Promise<{ data: unknown; questions: number }>;
  /** Every call the Worker made to the outside since `talkTo`, platforms' APIs included. */
  calls(): readonly OutboundCall[];
}

/**
 * A Worker serving `bot` on all three platforms, and a conversation with it.
 * Call it in each test: it intercepts the Worker's outbound calls until the
 * test ends (every platform's API answers; other APIs only as `services`
 * stubs them), and `calls` lists them.
 */
export async function talkTo(
  bot: Bot,
  options: { readonly services?: (outbound: Outbound) => Outbound } = {},
): Promise<Conversation> {
  const harness = await createHarness({ bots: [bot] });
  /** The language each Slack user's profile reports, by user id. */
  const slackLocales = new Map<string, string>();
  const services = options.services ?? ((outbound: Outbound) => outbound);
  const outbound = stubSlackApi(
    stubDiscordApi(stubTelegramApi(services(interceptFetch()))).on(`${SLACK_API}/users.info`, (call) => {
      const user = call.url.searchParams.get("user") ?? "";
      const locale = slackLocales.get(user);
      return Response.json({ ok: true, user: { id: user, ...(locale ? { locale } : {}) } });
    }),
  );
  /** The webhooks' own answers, in the order they came. */
  const inline: Heard[] = [];

  /** What the bot sent through the platforms' APIs in `calls` (all of them, or one delivery's). */
  function sent(calls: readonly OutboundCall[]): Heard[] {
    const view: Outbound = {
      calls: [...calls],
      to: (fragment) => calls.filter((call) => call.url.href.includes(fragment)),
      on: () => view,
    };
    const telegram = sentMessages(view).map((message) =>
      heard(
        { text: message.text, private: false, buttons: telegramButtons(message.reply_markup) },
        [],
        message.call.json,
      ),
    );
    const discord = sentToDiscord(view)
      .filter((message) => message.data.content !== undefined)
      .map((message) =>
        heard(
          {
            text: message.data.content ?? "",
            private: ((message.data.flags ?? 0) & EPHEMERAL) !== 0,
            buttons: discordButtons(message.data),
          },
          discordChoices(message.data),
          message.data,
        ),
      );
    const texts = postedTexts(view);
    const slack = postedMessages(view).map((message, index) =>
      heard(
        {
          text: texts[index] ?? "",
          private: message.user !== undefined || message.response_type === "ephemeral",
          buttons: slackButtons(message),
        },
        slackChoices(message),
        message.call.json,
      ),
    );
    return [...telegram, ...discord, ...slack];
  }

  async function request(platform: Platform, message: Message, from: From): Promise<Request> {
    const id = userId(platform, from.user);
    const group = from.group === true;
    const { locale } = from;
    switch (platform) {
      case "telegram": {
        const user = { userId: from.user, ...(locale ? { languageCode: locale } : {}) };
        if ("press" in message) return harness.telegram(JSON.stringify(callbackUpdate(message.press, user)));
        if ("pick" in message) return harness.telegram(JSON.stringify(callbackUpdate(message.pick, user)));
        const text =
          "command" in message ? `/${commandText(message)}` : "words" in message ? message.words : message.answer;
        const mention = "words" in message && group;
        return harness.telegram(JSON.stringify(messageUpdate({ text, ...user, group, mention })));
      }
      case "discord": {
        const who = { userId: id, dm: !group, ...(locale ? { locale } : {}) };
        if ("press" in message) return harness.discord(JSON.stringify(discordPress(`0:${message.press}`, who)));
        if ("pick" in message) return harness.discord(JSON.stringify(selectPick(message.pick, who)));
        if ("answer" in message) return harness.discord(JSON.stringify(modalSubmit(message.answer, who)));
        const interaction =
          "words" in message
            ? discordCommand("ask", { question: message.words }, who)
            : discordCommand(message.command, message.args, {
                ...who,
                ...(message.subcommand ? { subcommand: message.subcommand } : {}),
              });
        return harness.discord(JSON.stringify(interaction));
      }
      case "slack": {
        const channel = group ? "C0LAB" : `D0LAB${from.user}`;
        if (locale) slackLocales.set(id, locale);
        if ("press" in message || "pick" in message) {
          const value = "press" in message ? message.press : message.pick;
          const { fields } = slackPress({ value, user: id, channel, picked: "pick" in message });
          return harness.slack(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
        }
        if ("command" in message) {
          const { fields } = slackCommand({ text: commandText(message), user: id, channel });
          return harness.slack(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
        }
        const channelType = group ? "channel" : "im";
        const event =
          "words" in message && group
            ? eventCallback({ type: "app_mention", text: `<@${BOT_USER}> ${message.words}`, user: id, channel })
            : eventCallback({
                text: "words" in message ? message.words : message.answer,
                user: id,
                channel,
                channelType,
              });
        return harness.slack(JSON.stringify(event), "application/json");
      }
    }
  }

  /** What the webhook's own answer said, if it carried one. */
  async function answerOf(platform: Platform, response: Response): Promise<Heard | undefined> {
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${platform} answered ${response.status}: ${body}`);
    if (platform === "telegram" || body === "") return undefined;
    if (platform === "discord") {
      const answer = JSON.parse(body) as DiscordAnswer;
      if (answer.type === MODAL)
        return heard({ text: answer.data?.title ?? "", private: true, buttons: [] }, [], answer.data);
      if (answer.type !== MESSAGE && answer.type !== UPDATE_MESSAGE) return undefined;
      const flags = answer.data?.flags ?? 0;
      return heard(
        { text: answer.data?.content ?? "", private: (flags & EPHEMERAL) !== 0, buttons: discordButtons(answer.data) },
        discordChoices(answer.data),
        answer.data,
      );
    }
    const answer = JSON.parse(body) as SlackAnswer;
    return heard(
      { text: sectionsOf(answer), private: answer.response_type === "ephemeral", buttons: slackButtons(answer) },
      slackChoices(answer),
      answer,
    );
  }

  return {
    async say(platform, message, from) {
      const before = outbound.calls.length;
      const { response, settled } = await harness.call(await request(platform, message, from));
      const answer = await answerOf(platform, response);
      if (answer) inline.push(answer);
      await settled;
      return [...(answer ? [answer] : []), ...sent(outbound.calls.slice(before))].map((entry) => entry.said);
    },
    heard: () => [...inline, ...sent(outbound.calls)].map((entry) => entry.said),
    wires: () => [...inline, ...sent(outbound.calls)].map((entry) => entry.wire),
    calls: () => [...outbound.calls],
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
