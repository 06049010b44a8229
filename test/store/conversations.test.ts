/**
 * D1 access for deliveries and conversation state: a delivery is claimed
 * once however many copies race, state is saved against the version it was
 * read at, and the caps on what one user holds are checked again by the
 * writes themselves.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { pendingChoice } from "../../src/core/dialog.ts";
import { EMPTY_STATE, type StateChanges, StateConflict } from "../../src/core/state.ts";
import { newTrace } from "../../src/core/trace.ts";
import type { Update } from "../../src/core/update.ts";
import { ConversationStore } from "../../src/store/conversations.ts";

const store = () => new ConversationStore(env.DB, newTrace());

function update(user: string, options: { chat?: string; eventId?: string; title?: string } = {}): Update {
  const chat = options.chat ?? user;
  return {
    platform: "telegram",
    bot: "store-test",
    eventId: options.eventId ?? crypto.randomUUID(),
    chat: { id: chat, kind: chat === user ? "private" : "group", ...(options.title ? { title: options.title } : {}) },
    user: { id: user, name: "Ann" },
    text: "",
    isButtonPress: false,
    addressed: true,
    route: {},
  };
}

const question = { intent: "weather", args: {}, awaiting: "city", expiresAt: Date.UTC(2040, 0, 1) };

describe("claiming a delivery", () => {
  it("lets exactly one of many concurrent copies of an event through, and loads the state with it", async () => {
    const first = update("701", { eventId: "evt-701" });
    await store().save(first, EMPTY_STATE, { userData: { count: 1 }, question });
    const claims = await Promise.all(Array.from({ length: 5 }, () => store().claimDelivery(first, Date.now())));
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    for (const claim of claims) {
      expect(claim.state).toMatchObject({ userData: { count: 1 }, userVersion: 1, question, conversationVersion: 1 });
    }
  });

  it("records the chat it came from, and its new title", async () => {
    const titled = (title: string) => update("702", { chat: "-702", title });
    await store().claimDelivery(titled("Plants"), Date.now());
    await store().claimDelivery(titled("Garden"), Date.now());
    const chat = await env.DB.prepare(
      "SELECT kind, title FROM chats WHERE bot = 'store-test' AND chat_id = '-702'",
    ).first();
    expect(chat).toEqual({ kind: "group", title: "Garden" });
  });
});

describe("saving state", () => {
  it("writes changes made on the current version, and refuses ones made on a version read before them", async () => {
    const ann = update("703");
    await store().save(ann, EMPTY_STATE, { userData: { list: ["milk"] } });
    const read = await store().load(ann);
    await store().save(ann, read, { userData: { list: ["milk", "eggs"] } });
    await expect(store().save(ann, read, { userData: { list: ["milk", "salt"] } })).rejects.toThrow(StateConflict);
    expect(await store().load(ann)).toMatchObject({ userData: { list: ["milk", "eggs"] }, userVersion: 2 });
  });

  it("refuses the second of two first saves of one user, so neither overwrites the other", async () => {
    const ann = update("704");
    await store().save(ann, EMPTY_STATE, { userData: { first: true } });
    await expect(store().save(ann, EMPTY_STATE, { userData: { second: true } })).rejects.toThrow(StateConflict);
    expect((await store().load(ann)).userData).toEqual({ first: true });
  });

  it("writes all of a save or none: a conflict on the question keeps the user data as it was", async () => {
    const ann = update("705");
    await store().save(ann, EMPTY_STATE, { userData: { count: 1 }, question });
    const read = await store().load(ann);
    await store().save(ann, read, { question: null });
    await expect(store().save(ann, read, { userData: { count: 2 }, question: null })).rejects.toThrow(StateConflict);
    expect(await store().load(ann)).toMatchObject({ userData: { count: 1 }, question: null, conversationVersion: 2 });
  });

  it("keeps a choice between readings as the question, and an older question without a kind as one for an argument", async () => {
    const ann = update("707");
    const choice = pendingChoice(
      [
        { intent: "news", args: {} },
        { intent: "todo", subcommand: "add", args: { text: "tea" } },
      ],
      new Date(Date.UTC(2040, 0, 1)),
    );
    await store().save(ann, EMPTY_STATE, { question: choice });
    expect((await store().load(ann)).question).toEqual(choice);
    const bob = update("708");
    await store().save(bob, EMPTY_STATE, { question });
    expect((await store().load(bob)).question).toEqual(question);
    expect(question).not.toHaveProperty("kind");
  });
});

describe("the store's check of the caps", () => {
  const subscribe = (chatId: string, time: string): StateChanges => ({
    schedule: [
      {
        kind: "subscribe",
        digest: "news",
        args: "{}",
        rhythm: "daily",
        channel: false,
        time,
        zone: "UTC",
        nextRunAt: 0,
        address: { chatId },
        locale: "en",
      },
    ],
  });

  it("refuses a subscription over the cap as a conflict, so the handler counts again, yet lets one move", async () => {
    for (let chat = 1; chat <= 10; chat++) {
      await store().save(update("706", { chat: `-706${chat}` }), EMPTY_STATE, subscribe(`-706${chat}`, "08:00"));
    }
    await expect(
      store().save(update("706", { chat: "-70699" }), EMPTY_STATE, subscribe("-70699", "08:00")),
    ).rejects.toThrow(StateConflict);
    await store().save(update("706", { chat: "-7061" }), EMPTY_STATE, subscribe("-7061", "09:00"));
    const { results } = await env.DB.prepare(
      "SELECT local_time FROM subscriptions WHERE bot = 'store-test' AND user_id = '706'",
    ).all<{ local_time: string }>();
    expect(results).toHaveLength(10);
    expect(results.filter((row) => row.local_time === "09:00")).toHaveLength(1);
  });
});
