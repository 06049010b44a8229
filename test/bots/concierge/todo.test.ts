import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { interceptFetch } from "../../support/outbound.ts";
import {
  callbackUpdate,
  sendTelegram,
  sentMessages,
  sentTexts,
  stubTelegramApi,
  telegramRequest,
} from "../../support/telegram.ts";
import { deliver } from "../../support/worker.ts";

/** Sends each text from `userId` in turn, as a user typing them one after another. */
async function say(userId: number, ...texts: string[]): Promise<void> {
  for (const text of texts) await sendTelegram({ text, userId });
}

async function storedData(userId: number): Promise<{ todos?: unknown } | undefined> {
  const row = await env.DB.prepare("SELECT data FROM users WHERE bot = 'concierge' AND user_id = ?")
    .bind(String(userId))
    .first<{ data: string }>();
  return row ? JSON.parse(row.data) : undefined;
}

/** The texts of the stored items, in order (as stored when it is no list of items). */
async function storedTodos(userId: number): Promise<unknown> {
  const todos = (await storedData(userId))?.todos;
  if (!Array.isArray(todos)) return todos;
  return todos.map((todo: { text: string } | string) => (typeof todo === "string" ? todo : todo.text));
}

/** Puts `data` in the user's stored row, as an earlier version of the bot might have left it. */
async function storeUserData(userId: number, data: unknown): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO users (bot, platform, user_id, name, data, version, updated_at) VALUES ('concierge', 'telegram', ?, 'Ann', ?, 1, 0)",
  )
    .bind(String(userId), JSON.stringify(data))
    .run();
}

describe("/todo", () => {
  it("adds, lists and ticks off items, remembered between messages", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2401, "/todo add buy milk", "/todo add call\n  mum", "/todo list");
    const [first, second, list] = sentMessages(outbound);
    expect(first?.text).toBe("Added <b>buy milk</b> as item 1.");
    expect(second?.text).toBe("Added <b>call mum</b> as item 2.");
    expect(list?.text).toBe(
      "<b>Your to-do list (2 items)</b>\n1. buy milk\n2. call mum\n\n<i>Press ✓ or send /todo done &lt;n&gt; when an item is done.</i>",
    );
    expect(list?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "✓ 1", callback_data: "/todo done 101" },
          { text: "✓ 2", callback_data: "/todo done 102" },
        ],
      ],
    });

    await say(2401, "/todo done 1", "/todo list");
    expect(sentTexts(outbound).slice(3)).toEqual([
      "Done: <b>buy milk</b>. 1 item left.",
      "<b>Your to-do list (1 item)</b>\n1. call mum\n\n<i>Press ✓ or send /todo done &lt;n&gt; when an item is done.</i>",
    ]);
    expect(await storedTodos(2401)).toEqual(["call mum"]);
  });

  it("ticks an item off when its button is pressed", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2402, "/todo add water plants", "/todo add pay rent", "/todo add book dentist");
    await deliver(telegramRequest(callbackUpdate("/todo done 102", { userId: 2402 })));
    expect(sentTexts(outbound).at(-1)).toBe("Done: <b>pay rent</b>. 2 items left.");
    expect(outbound.to("/answerCallbackQuery")).toHaveLength(1);
    expect(await storedTodos(2402)).toEqual(["water plants", "book dentist"]);
  });

  it("keeps every item when two arrive at the same moment", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await Promise.all([
      sendTelegram({ text: "/todo add first thing", userId: 2403 }),
      sendTelegram({ text: "/todo add second thing", userId: 2403 }),
    ]);
    expect([...((await storedTodos(2403)) as string[])].sort()).toEqual(["first thing", "second thing"]);
    const added = sentTexts(outbound).map((text) => /^Added <b>(.+)<\/b> as item (\d)\.$/.exec(text)?.slice(1));
    // Each was told its own place in the list.
    expect(added.map((match) => match?.[1]).sort()).toEqual(["1", "2"]);
    expect(added.map((match) => match?.[0]).sort()).toEqual(["first thing", "second thing"]);
  });

  it("asks what to add when the text is missing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2404, "/todo add", "renew passport");
    expect(sentTexts(outbound)).toEqual(["What should I add to your list?", "Added <b>renew passport</b> as item 1."]);
  });

  it("hints how to start when the list is empty", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2405, "/todo list", "/todo done 1");
    const [list, done] = sentMessages(outbound);
    expect(list?.text).toBe(
      "Your to-do list is empty. Add something with /todo add &lt;text&gt;, e.g. /todo add buy milk.",
    );
    expect(list?.reply_markup).toBeUndefined();
    expect(done?.text).toBe("Your to-do list is already empty.");
  });

  it("explains a number that is not on the list, and changes nothing", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2406, "/todo add one thing", "/todo done 2", "/todo done 0", "/todo done first");
    expect(sentTexts(outbound).slice(1)).toEqual([
      "There is no item 2: your list has 1 item. Send /todo list to see them.",
      "There is no item 0: your list has 1 item. Send /todo list to see them.",
      "Sorry, n must be a number. Usage: /todo done &lt;n&gt;",
    ]);
    expect(await storedTodos(2406)).toEqual(["one thing"]);
  });

  it("shows the subcommands when none or an unknown one is given", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2407, "/todo", "/todo dance");
    expect(sentTexts(outbound)).toEqual([
      "Sorry, choose one of add, list, done. Usage: /todo add|list|done",
      "Sorry, unknown subcommand dance. Usage: /todo add|list|done",
    ]);
  });

  it("keeps each user's list to themselves", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2408, "/todo add mine");
    await say(2409, "/todo list");
    expect(sentTexts(outbound)[1]).toContain("Your to-do list is empty.");
  });

  it("refuses an item over 500 characters and a list over 100 items", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await say(2410, `/todo add ${"a".repeat(501)}`);
    expect(sentTexts(outbound)).toEqual(["That is too long for one item: please keep it under 500 characters."]);
    expect(await storedTodos(2410)).toBeUndefined();

    const full = Array.from({ length: 100 }, (_, i) => `item ${i + 1}`);
    await storeUserData(2411, { todos: full });
    await say(2411, `/todo add ${"b".repeat(500)}`);
    expect(sentTexts(outbound)[1]).toBe(
      "Your list is full (100 items). Tick something off first with /todo done &lt;n&gt;.",
    );
    expect(await storedTodos(2411)).toEqual(full);
  });

  it("lists a long list ten items a page, with buttons to tick them off and to turn the page", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const long = Array.from({ length: 100 }, (_, i) => `${i + 1}: ${"x".repeat(300)}`);
    await storeUserData(2412, { todos: long });
    await say(2412, "/todo list");
    await deliver(telegramRequest(callbackUpdate("/todo list 2", { userId: 2412 })));
    await say(2412, "/todo list 10", "/todo list 11");
    const [first, second, last, beyond, ...more] = sentMessages(outbound);
    expect(more).toEqual([]);
    const items = (from: number) =>
      Array.from({ length: 10 }, (_, i) => `\n${from + i}. ${from + i}: ${"x".repeat(300)}`).join("");
    const hint = "\n\n<i>Press ✓ or send /todo done &lt;n&gt; when an item is done.</i>";
    expect(first?.text).toBe(`<b>Your to-do list (100 items, page 1 of 10)</b>${items(1)}${hint}`);
    expect(second?.text).toBe(`<b>Your to-do list (100 items, page 2 of 10)</b>${items(11)}${hint}`);
    expect(last?.text).toBe(`<b>Your to-do list (100 items, page 10 of 10)</b>${items(91)}${hint}`);
    type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
    const keyboard = (message: typeof first) =>
      (message?.reply_markup as Keyboard)?.inline_keyboard.map((row) =>
        row.map((button) => `${button.text} = ${button.callback_data}`),
      );
    const ticks = (from: number) =>
      [0, 5].map((row) => [0, 1, 2, 3, 4].map((i) => `✓ ${from + row + i} = /todo done ${100 + from + row + i}`));
    expect(keyboard(first)).toEqual([...ticks(1), ["Next › = /todo list 2"]]);
    expect(keyboard(second)).toEqual([...ticks(11), ["‹ Prev = /todo list 1", "Next › = /todo list 3"]]);
    expect(keyboard(last)).toEqual([...ticks(91), ["‹ Prev = /todo list 9"]]);
    expect(beyond?.text).toBe("There is no page 11: your list has 10 pages. Send /todo list 1.");

    await deliver(telegramRequest(callbackUpdate("/todo done 112", { userId: 2412 })));
    expect(sentTexts(outbound).at(-1)).toBe(`Done: <b>12: ${"x".repeat(95)}…</b>. 99 items left.`);
    expect(await storedTodos(2412)).toEqual(long.filter((_, i) => i !== 11));
  });

  it("repeats at most 100 characters of an item or of a word it does not know", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const item = `buy ${"m".repeat(496)}`;
    await say(2414, `/todo add ${item}`, "/todo done 1", `/todo ${"x".repeat(3000)}`);
    expect(sentTexts(outbound)).toEqual([
      `Added <b>buy ${"m".repeat(95)}…</b> as item 1.`,
      `Done: <b>buy ${"m".repeat(95)}…</b>. Your list is empty now.`,
      `Sorry, unknown subcommand ${"x".repeat(99)}…. Usage: /todo add|list|done`,
    ]);
  });

  it("apologises rather than overwriting a stored list it cannot read", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await storeUserData(2413, { todos: "not a list" });
    await say(2413, "/todo add something");
    expect(sentTexts(outbound)).toEqual(["Sorry, something went wrong on my side. Please try again in a moment."]);
    expect(await storedTodos(2413)).toBe("not a list");
  });
});
