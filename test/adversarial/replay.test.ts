/**
 * Replayed and tampered deliveries: a captured request sent again after the
 * platform's window, a valid signature moved onto another body or another
 * bot, and the same delivery with its headers spelled in other cases.
 */
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFERRED_MESSAGE, MESSAGE, nowSeconds, sign as signDiscord, slashCommand } from "../support/discord.ts";
import { interceptFetch, type Outbound } from "../support/outbound.ts";
import { eventCallback, sign as signSlack, slashCommand as slackCommand, stubSlackApi } from "../support/slack.ts";
import { messageUpdate, sentTexts, stubTelegramApi } from "../support/telegram.ts";
import { createHarness, effectOf, type Harness, shuffleCase } from "./harness.ts";

/** Five minutes and a second: just outside the window both Discord and Slack allow. */
const STALE_SECONDS = 5 * 60 + 1;

let harness: Harness;
let outbound: Outbound;

beforeAll(async () => {
  harness = await createHarness();
});

beforeEach(() => {
  outbound = stubSlackApi(stubTelegramApi(interceptFetch()));
  vi.spyOn(console, "info").mockImplementation(() => {});
});

async function claims(platform: string, eventId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM processed_events WHERE platform = ? AND event_id = ?")
    .bind(platform, eventId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("a delivery replayed after the window", () => {
  it("is refused on Discord once its signed timestamp is over five minutes old, and answered just inside", async () => {
    const stale = JSON.stringify(slashCommand("help", {}, { userId: "700000000000000301" }));
    const staleAt = nowSeconds() - STALE_SECONDS;
    const replay = await harness.discord(stale, { timestamp: staleAt });
    expect(await effectOf(harness, outbound.calls, replay)).toMatchObject({ status: 401, stored: false, calls: 0 });

    const recent = JSON.stringify(slashCommand("help", {}, { userId: "700000000000000302" }));
    const response = await harness.deliver(await harness.discord(recent, { timestamp: nowSeconds() - 4 * 60 }));
    expect(await response.json()).toMatchObject({ type: MESSAGE });
  });

  it("is refused on Slack once its signed timestamp is over five minutes old, and answered just inside", async () => {
    const stale = JSON.stringify(eventCallback({ text: "help", user: "U0REPLAY1" }));
    const replay = await harness.slack(stale, "application/json", { timestamp: nowSeconds() - STALE_SECONDS });
    expect(await effectOf(harness, outbound.calls, replay)).toMatchObject({ status: 401, stored: false, calls: 0 });

    const recent = JSON.stringify(eventCallback({ text: "help", user: "U0REPLAY2" }));
    const response = await harness.deliver(
      await harness.slack(recent, "application/json", { timestamp: nowSeconds() - 4 * 60 }),
    );
    expect(response.status).toBe(200);
    expect(outbound.to("/chat.postMessage")).toHaveLength(1);
  });

  it("is answered once when replayed inside the window, on every platform", async () => {
    const interaction = slashCommand("help", {}, { userId: "700000000000000303" });
    const discord = JSON.stringify(interaction);
    const timestamp = nowSeconds();
    const discordAnswers = [];
    for (let copy = 0; copy < 2; copy++) {
      const response = await harness.deliver(await harness.discord(discord, { timestamp }));
      discordAnswers.push(((await response.json()) as { type: number }).type);
    }
    // The replay is acknowledged, without the message a second time.
    expect(discordAnswers).toEqual([MESSAGE, DEFERRED_MESSAGE]);
    expect(await claims("discord", interaction.id)).toBe(1);

    const event = eventCallback({ text: "help", user: "U0REPLAY3" });
    const slack = JSON.stringify(event);
    for (let copy = 0; copy < 2; copy++) {
      expect((await harness.deliver(await harness.slack(slack, "application/json", { timestamp }))).status).toBe(200);
    }
    expect(outbound.to("/chat.postMessage")).toHaveLength(1);
    expect(await claims("slack", String(event.event_id))).toBe(1);

    // Telegram signs nothing with a time: its update_id is what makes a replay, however late, a no-op.
    const update = messageUpdate({ text: "/help", userId: 30_301 });
    for (let copy = 0; copy < 2; copy++) {
      expect((await harness.deliver(harness.telegram(JSON.stringify(update)))).status).toBe(200);
    }
    expect(sentTexts(outbound)).toHaveLength(1);
    expect(await claims("telegram", String(update.update_id))).toBe(1);
  });
});

describe("a valid signature on something else", () => {
  it("is refused on Discord when the body is not the one signed", async () => {
    const timestamp = String(nowSeconds());
    const signed = JSON.stringify(slashCommand("help", {}, { userId: "700000000000000304" }));
    const signature = await signDiscord(harness.keys.privateKey, timestamp, signed);
    const swapped = JSON.stringify(slashCommand("todo", { text: "pay ransom" }, { subcommand: "add" }));
    for (const body of [swapped, `${signed} `, signed.replace("help", "HELP")]) {
      const request = await harness.discord(body, { signature, timestamp });
      expect(await effectOf(harness, outbound.calls, request), body.slice(0, 40)).toMatchObject({
        status: 401,
        stored: false,
        calls: 0,
      });
    }
    // And for the same body at another time: the timestamp is signed too.
    const later = await harness.discord(signed, { signature, timestamp: Number(timestamp) + 1 });
    expect(await effectOf(harness, outbound.calls, later)).toMatchObject({ status: 401, stored: false, calls: 0 });
  });

  it("is refused on Slack when the body is not the one signed, or the signature is another bot's", async () => {
    const timestamp = String(nowSeconds());
    const { fields } = slackCommand({ text: "help", user: "U0SWAP1" });
    const signed = new URLSearchParams(fields).toString();
    const signature = await signSlack(signed, timestamp, harness.env.SLACK_SIGNING_SECRET as string);
    const swapped = new URLSearchParams({ ...fields, text: "todo add pay ransom" }).toString();
    const form = "application/x-www-form-urlencoded";
    for (const body of [swapped, `${signed}&extra=1`, signed.replace("help", "HELP")]) {
      const request = await harness.slack(body, form, { signature, timestamp });
      expect(await effectOf(harness, outbound.calls, request), body.slice(0, 40)).toMatchObject({
        status: 401,
        stored: false,
        calls: 0,
      });
    }
    // Signed correctly with the concierge's secret, sent to the echo bot's URL.
    const elsewhere = await harness.slack(signed, form, { signature, timestamp, bot: "echo" });
    expect(await effectOf(harness, outbound.calls, elsewhere)).toMatchObject({ status: 401, stored: false, calls: 0 });
  });

  it("is refused on Telegram when the secret is another bot's, or the right one in other letters", async () => {
    const body = JSON.stringify(messageUpdate({ text: "/help", userId: 30_302 }));
    const concierge = harness.env.TELEGRAM_WEBHOOK_SECRET as string;
    const echo = harness.env.ECHO_TELEGRAM_WEBHOOK_SECRET as string;
    const refused = [
      harness.telegram(body, { bot: "echo", signature: concierge }),
      harness.telegram(body, { signature: echo }),
      harness.telegram(body, { signature: concierge.toUpperCase() }),
      harness.telegram(body, { signature: ` ${concierge}x` }),
    ];
    for (const request of refused) {
      expect(await effectOf(harness, outbound.calls, request)).toMatchObject({ status: 401, stored: false, calls: 0 });
    }
  });
});

/**
 * The runtime matches header names case-insensitively; these pin that nothing
 * in Parley reads them another way (a raw header list, a case-sensitive
 * lookup), and that a content type's value is compared case-insensitively too.
 */
describe("headers in other letter cases", () => {
  const spellings = [(name: string) => name.toUpperCase(), (name: string) => name.toLowerCase(), shuffleCase];

  it("are accepted on every platform, names and the content type alike", async () => {
    let user = 30_400;
    for (const spell of spellings) {
      const update = JSON.stringify(messageUpdate({ text: "/help", userId: user++ }));
      const telegram = harness.telegram(update, {
        headers: {
          [spell("Content-Type")]: spell("application/json"),
          [spell("X-Telegram-Bot-Api-Secret-Token")]: harness.env.TELEGRAM_WEBHOOK_SECRET as string,
        },
      });
      expect((await harness.deliver(telegram)).status).toBe(200);

      const timestamp = String(nowSeconds());
      const interaction = JSON.stringify(
        slashCommand("help", {}, { userId: String(700000000000000400n + BigInt(user++)) }),
      );
      const discord = await harness.discord(interaction, {
        headers: {
          [spell("Content-Type")]: spell("application/json"),
          [spell("X-Signature-Ed25519")]: await signDiscord(harness.keys.privateKey, timestamp, interaction),
          [spell("X-Signature-Timestamp")]: timestamp,
        },
      });
      expect(await (await harness.deliver(discord)).json()).toMatchObject({ type: MESSAGE });

      // A slash command is a form: read as JSON, it would be a 400.
      const form = new URLSearchParams(slackCommand({ text: "help", user: `U0CASE${user++}` }).fields).toString();
      const slack = await harness.slack(form, "", {
        headers: {
          [spell("Content-Type")]: spell("application/x-www-form-urlencoded; charset=utf-8"),
          [spell("X-Slack-Signature")]: await signSlack(form, timestamp, harness.env.SLACK_SIGNING_SECRET as string),
          [spell("X-Slack-Request-Timestamp")]: timestamp,
        },
      });
      const answer = await harness.deliver(slack);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ response_type: "in_channel" });
    }
    expect(sentTexts(outbound)).toHaveLength(spellings.length);
  });
});
