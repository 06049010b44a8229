/**
 * The outbox under the engine: replies a handler awaited go out while it
 * runs, the rest after it; when a save conflict makes the engine run the
 * handler again, what went out the first time is not sent twice.
 */
import { defineBot, defineIntent } from "parley";
import { describe, expect, it } from "vitest";
import { handleUpdate } from "../../src/core/engine.ts";
import type { Messenger } from "../../src/core/outbox.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createServices } from "../../src/core/services.ts";
import { EMPTY_STATE, StateConflict, type StateStore } from "../../src/core/state.ts";
import type { Update } from "../../src/core/update.ts";

const stepwise = defineIntent({
  command: "stepwise",
  description: "Sends one reply at once, and one after",
  async run(ctx) {
    ctx.user.data.runs = Number(ctx.user.data.runs ?? 0) + 1;
    await ctx.reply("first");
    ctx.reply("second");
  },
});

const bot = defineBot({ name: "outbox", intents: [stepwise] });

const update: Update = {
  platform: "telegram",
  bot: "outbox",
  eventId: "outbox-1",
  chat: { id: "1", kind: "private" },
  user: { id: "1", name: "Ann" },
  text: "/stepwise",
  command: { name: "stepwise", text: "" },
  isButtonPress: false,
  addressed: true,
  route: { chatId: "1" },
};

/** A store whose first save loses a race, as when another update of the user saved first. */
function conflictingOnce(): StateStore & { saves: number } {
  return {
    saves: 0,
    load: async () => EMPTY_STATE,
    schedule: async () => ({ subscriptions: [], subscriptionCount: 0, channelCount: 0, pendingReminders: 0 }),
    async save() {
      this.saves += 1;
      if (this.saves === 1) throw new StateConflict("saved meanwhile");
    },
  };
}

/** A platform that notes what was sent while the handler ran. */
function recording(): Messenger & { sent: { texts: string[]; from: number }[] } {
  const sent: { texts: string[]; from: number }[] = [];
  return {
    sent,
    async send(replies: readonly Reply[], from, onSent) {
      sent.push({ texts: replies.map((reply) => String(reply.text)), from });
      for (const [offset] of replies.entries()) onSent(from + offset, { id: String(from + offset), ref: {} });
    },
    edit: async () => {},
    delete: async () => {},
    react: async () => {},
    download: async () => new Uint8Array(),
  };
}

describe("the outbox", () => {
  it("sends an awaited reply once, even when the handler runs again after a save conflict", async () => {
    const store = conflictingOnce();
    const messenger = recording();
    const handled = await handleUpdate({
      bot,
      update,
      store,
      services: createServices({}, fetch),
      now: new Date("2026-11-01T10:00:00Z"),
      address: { chatId: "1" },
      messenger,
    });
    expect(store.saves).toBe(2);
    expect(messenger.sent).toEqual([{ texts: ["first"], from: 0 }]);
    expect(handled.replies.map((reply) => reply.text)).toEqual(["second"]);
    expect(handled.from).toBe(1);
  });

  it("cannot send before the handler returns without a platform to send through", async () => {
    const handled = await handleUpdate({
      bot,
      update,
      store: conflictingOnce(),
      services: createServices({}, fetch),
      now: new Date("2026-11-01T10:00:00Z"),
      address: { chatId: "1" },
    });
    expect(handled.outcome).toBe("handler_error");
    expect(String(handled.error)).toContain("No platform to send through");
  });
});
