/**
 * Deliveries that race: many at once for one conversation must all be kept,
 * and copies of one delivery arriving together must be handled once.
 */
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { DEFERRED_MESSAGE, MESSAGE, slashCommand } from "../support/discord.ts";
import { interceptFetch, type Outbound } from "../support/outbound.ts";
import { eventCallback, slashCommand as slackCommand, stubSlackApi } from "../support/slack.ts";
import { messageUpdate, sentTexts, stubTelegramApi } from "../support/telegram.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;
let outbound: Outbound;
let errors: MockInstance;

beforeAll(async () => {
  // Flood control would rightly drop most of a 50-message burst from one user; here the state is under test.
  harness = await createHarness({ floodControl: false });
});

beforeEach(() => {
  outbound = stubSlackApi(stubTelegramApi(interceptFetch()));
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "info").mockImplementation(() => {});
});

/** The texts of the user's stored items, in order. */
async function storedTodos(platform: string, userId: string): Promise<string[]> {
  const row = await env.DB.prepare("SELECT data FROM users WHERE bot = 'concierge' AND platform = ? AND user_id = ?")
    .bind(platform, userId)
    .first<{ data: string }>();
  const todos: { text: string }[] = row ? JSON.parse(row.data).todos : [];
  return todos.map((todo) => todo.text);
}

async function claims(platform: string, eventId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM processed_events WHERE platform = ? AND event_id = ?")
    .bind(platform, eventId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe("concurrent deliveries", () => {
  it("keeps all 50 items when one user adds 50 to-dos at the same moment", { timeout: 60_000 }, async () => {
    const userId = 40_001;
    const add = (n: number) =>
      harness.deliver(harness.telegram(JSON.stringify(messageUpdate({ text: `/todo add item-${n}`, userId }))));
    // The list exists already, so that all 50 start from the same stored version and race to update it.
    await add(0);
    const responses = await Promise.all(range(50).map(add));
    expect(responses.map((response) => response.status)).toEqual(range(50).map(() => 200));
    const expected = [0, ...range(50)].map((n) => `item-${n}`);
    expect((await storedTodos("telegram", String(userId))).sort()).toEqual(expected.sort());
    // Each user message got its own confirmation, and each was told a different place in the list.
    const places = sentTexts(outbound).map((text) => /^Added <b>item-\d+<\/b> as item (\d+)\.$/.exec(text)?.[1]);
    expect(places.map(Number).sort((a, b) => a - b)).toEqual([1, ...range(50).map((n) => n + 1)]);
    expect(errors).not.toHaveBeenCalled();
  });

  it("handles one Telegram update sent 20 times at once exactly once", async () => {
    const update = messageUpdate({ text: "/todo add only once", userId: 40_002 });
    const body = JSON.stringify(update);
    const responses = await Promise.all(range(20).map(() => harness.deliver(harness.telegram(body))));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(sentTexts(outbound)).toEqual(["Added <b>only once</b> as item 1."]);
    expect(await storedTodos("telegram", "40002")).toEqual(["only once"]);
    expect(await claims("telegram", String(update.update_id))).toBe(1);
  });

  it("answers one Discord interaction sent 20 times at once exactly once", async () => {
    const interaction = slashCommand(
      "todo",
      { text: "only once" },
      { subcommand: "add", userId: "700000000000040003" },
    );
    const body = JSON.stringify(interaction);
    const requests = await Promise.all(range(20).map(() => harness.discord(body)));
    const responses = await Promise.all(requests.map((request) => harness.deliver(request)));
    const types = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { type: number }).type),
    );
    // One carries the answer; the copies are acknowledged without it, and nothing follows up.
    expect(types.filter((type) => type === MESSAGE)).toHaveLength(1);
    expect(types.filter((type) => type === DEFERRED_MESSAGE)).toHaveLength(19);
    expect(outbound.calls).toHaveLength(0);
    expect(await storedTodos("discord", "700000000000040003")).toEqual(["only once"]);
    expect(await claims("discord", interaction.id)).toBe(1);
  });

  it("answers one Slack event, and one slash command, each sent 20 times at once, exactly once", async () => {
    const event = eventCallback({ text: "todo add only once", user: "U0RACE1" });
    const eventBody = JSON.stringify(event);
    const events = await Promise.all(range(20).map(() => harness.slack(eventBody, "application/json")));
    await Promise.all(events.map((request) => harness.deliver(request)));
    expect(outbound.to("/chat.postMessage")).toHaveLength(1);
    expect(await claims("slack", String(event.event_id))).toBe(1);

    const { fields } = slackCommand({ text: "todo add only once more", user: "U0RACE1" });
    const form = new URLSearchParams(fields).toString();
    const commands = await Promise.all(range(20).map(() => harness.slack(form, "application/x-www-form-urlencoded")));
    const bodies = await Promise.all(commands.map(async (request) => (await harness.deliver(request)).text()));
    expect(bodies.filter((text) => text.includes("only once more"))).toHaveLength(1);
    expect(bodies.filter((text) => text === "")).toHaveLength(19);
    expect(outbound.calls.filter((call) => call.url.host === "hooks.slack.com")).toHaveLength(0);
    expect((await storedTodos("slack", "U0RACE1")).sort()).toEqual(["only once", "only once more"]);
    expect(await claims("slack", fields.trigger_id as string)).toBe(1);
    expect(errors).not.toHaveBeenCalled();
  });
});
