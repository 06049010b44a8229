/**
 * Property-based tests of the Telegram route: whatever arrives with the right
 * secret is a 200 or a 400, never a 500, and a 400 stores nothing; whatever
 * arrives without it is a 401 that touches nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/app.ts";
import { rowCounts } from "../support/rows.ts";
import {
  BOT_USERNAME,
  callbackUpdate,
  freshUpdateId,
  messageUpdate,
  sentTexts,
  stubTelegramApi,
} from "../support/telegram.ts";
import { effectOf, excessRows, headerValue, mutated, propertySuite, RUNS, strangeBody, userText } from "./harness.ts";

const suite = propertySuite(stubTelegramApi);

let nextUser = 90_000;

/** Real-looking updates of every kind the adapter reads, each from a new user. */
const updates = [
  () => messageUpdate({ text: "/todo add buy milk", userId: nextUser++ }),
  () => messageUpdate({ text: `/help@${BOT_USERNAME} please`, group: true, userId: nextUser++ }),
  () => messageUpdate({ text: "what can you do?", userId: nextUser++, replyToBot: true, group: true }),
  () => callbackUpdate("/todo list", { userId: nextUser++ }),
];

describe("Telegram route under hostile input", () => {
  it("answers any body with the right secret with 400 or a 200 no-op, and stores and sends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(strangeBody, async (body) => {
        const effect = await effectOf(suite.harness, suite.outbound.calls, suite.harness.telegram(body));
        expect([200, 400]).toContain(effect.status);
        expect(effect).toMatchObject({ stored: false, calls: 0 });
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers updates with missing fields, wrong types and strange strings with 200 or 400, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(updates), async (update) => {
        const effect = await effectOf(
          suite.harness,
          suite.outbound.calls,
          suite.harness.telegram(JSON.stringify(update)),
        );
        expect([200, 400]).toContain(effect.status);
        if (effect.status === 400) expect(effect).toMatchObject({ stored: false, calls: 0 });
        else expect(excessRows(effect)).toEqual([]);
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers whatever a user writes, under whatever name and chat title, with a reply and no error", async () => {
    const name = fc.string({ unit: "binary", minLength: 1, maxLength: 80 });
    await fc.assert(
      fc.asyncProperty(userText, name, fc.option(name), async (text, firstName, title) => {
        // In a group the bot answers commands only, so there the text follows one.
        const update = messageUpdate({ text: title === null ? text : `/start ${text}`, firstName, userId: nextUser++ });
        if (title !== null) Object.assign(update.message as object, { chat: { id: -nextUser, type: "group", title } });
        const sentBefore = sentTexts(suite.outbound).length;
        expect((await suite.harness.deliver(suite.harness.telegram(JSON.stringify(update)))).status).toBe(200);
        expect(sentTexts(suite.outbound).length).toBeGreaterThan(sentBefore);
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("refuses a delivery without the right secret with 401, storing and sending nothing", async () => {
    const wrongSecret = headerValue().filter((value) => value.trim() !== suite.harness.env.TELEGRAM_WEBHOOK_SECRET);
    const body = fc.oneof(
      strangeBody,
      fc.constantFrom(...updates).map((make) => JSON.stringify(make())),
    );
    await fc.assert(
      fc.asyncProperty(fc.option(wrongSecret), body, async (secret, text) => {
        const effect = await effectOf(
          suite.harness,
          suite.outbound.calls,
          suite.harness.telegram(text, { signature: secret }),
        );
        expect(effect).toMatchObject({ status: 401, stored: false, calls: 0 });
      }),
      RUNS,
    );
  });

  it("answers a message just under 1 MiB, and refuses one just over with 413 and no stored row", async () => {
    const envelope = JSON.stringify(messageUpdate({ text: "", userId: nextUser++ }));
    const fill = MAX_BODY_BYTES - envelope.length - 64;
    const near = messageUpdate({ text: `/todo add ${"ü".repeat(fill / 2 - 10)}`, userId: nextUser++ });
    const response = await suite.harness.deliver(suite.harness.telegram(JSON.stringify(near)));
    expect(response.status).toBe(200);
    expect(sentTexts(suite.outbound)).toEqual(["That is too long for one item: please keep it under 500 characters."]);

    const before = await rowCounts();
    const over = messageUpdate({ text: "x".repeat(MAX_BODY_BYTES), updateId: freshUpdateId() });
    expect((await suite.harness.deliver(suite.harness.telegram(JSON.stringify(over)))).status).toBe(413);
    expect(await rowCounts()).toEqual(before);
    expect(suite.errors).not.toHaveBeenCalled();
  });
});
