import { describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { type Conversation, PLATFORMS, type Platform, type Said, talkTo, userId } from "../../support/everywhere.ts";
import { testEnv } from "../../support/worker.ts";

/** A reply's words without the platform's bold markers. */
function words(said: readonly Said[]): string[] {
  return said.map((reply) => reply.text.replace(/<\/?b>|\*/g, ""));
}

async function add(chat: Conversation, platform: Platform, user: number, ...items: string[]): Promise<void> {
  for (const text of items) await chat.say(platform, { command: "todo", subcommand: "add", args: { text } }, { user });
}

/** The open items offered to pick from: Telegram's buttons, Discord's and Slack's select. */
function offered(said: Said | undefined, platform: Platform) {
  return (platform === "telegram" ? said?.buttons : said?.choices) ?? [];
}

const ITEMS = [
  { label: "1. milk", value: "/todo done 101" },
  { label: "2. bread", value: "/todo done 102" },
  { label: "3. eggs", value: "/todo done 103" },
];

describe.each(PLATFORMS)("/todo done without an item on %s", (platform) => {
  it("offers the open items by id, as the platform's select", async () => {
    const chat = await talkTo(concierge);
    await add(chat, platform, 31, "milk", "bread", "eggs");
    const [asked] = await chat.say(platform, { command: "todo", subcommand: "done" }, { user: 31 });
    expect(asked?.text).toBe("Which item is done?");
    expect(offered(asked, platform)).toEqual(ITEMS);
    const wire = chat.wires().at(-1);
    switch (platform) {
      case "telegram":
        expect(wire).toMatchObject({
          reply_markup: {
            inline_keyboard: [ITEMS.map(({ label, value }) => ({ text: label, callback_data: value }))],
          },
        });
        break;
      case "discord":
        expect(wire).toMatchObject({
          components: [
            {
              type: 1,
              components: [
                { type: 3, custom_id: "choose", placeholder: "Choose…", min_values: 1, max_values: 1, options: ITEMS },
              ],
            },
          ],
        });
        break;
      case "slack":
        expect(wire).toMatchObject({
          blocks: [
            { type: "section" },
            {
              type: "actions",
              elements: [
                {
                  type: "static_select",
                  action_id: "choose",
                  options: ITEMS.map(({ label, value }) => ({ text: { type: "plain_text", text: label }, value })),
                },
              ],
            },
          ],
        });
        break;
    }
  });

  it("ticks off the item a stale pick showed, or says it is gone; typed numbers follow the latest list", async () => {
    const chat = await talkTo(concierge);
    await add(chat, platform, 32, "milk", "bread", "eggs");
    const [asked] = await chat.say(platform, { command: "todo", subcommand: "done" }, { user: 32 });
    const [milk, , eggs] = offered(asked, platform);

    // The list changes after it was offered: milk goes (by its place), toast comes.
    const typed = await chat.say(platform, { command: "todo", subcommand: "done", args: { n: 1 } }, { user: 32 });
    expect(words(typed)).toEqual(["Done: milk. 2 items left."]);
    await add(chat, platform, 32, "toast");

    // Eggs were third when offered and are second now; the pick still means eggs.
    const picked = await chat.say(platform, { pick: eggs?.value ?? "" }, { user: 32 });
    expect(words(picked)).toEqual(["Done: eggs. 2 items left."]);
    const gone = await chat.say(platform, { pick: milk?.value ?? "" }, { user: 32 });
    expect(words(gone)).toEqual(["That item is no longer on your list. Send /todo list to see what is."]);

    const stored = (await chat.stored(platform, 32)).data as { todos: { text: string }[] };
    expect(stored.todos.map((todo) => todo.text)).toEqual(["bread", "toast"]);
    const second = await chat.say(platform, { command: "todo", subcommand: "done", args: { n: 2 } }, { user: 32 });
    expect(words(second)).toEqual(["Done: toast. 1 item left."]);
  });
});

describe("to-do lists kept before items had ids", () => {
  it("get ids in order, and an id taken off the end is never given again", async () => {
    const chat = await talkTo(concierge);
    await testEnv.DB.prepare(
      "INSERT INTO users (bot, platform, user_id, name, data, version, updated_at) VALUES ('concierge', 'telegram', ?, 'Ann', ?, 1, 0)",
    )
      .bind(userId("telegram", 33), JSON.stringify({ todos: ["tea", "jam"] }))
      .run();
    const [asked] = await chat.say("telegram", { command: "todo", subcommand: "done" }, { user: 33 });
    const [, jam] = offered(asked, "telegram");
    expect(jam).toEqual({ label: "2. jam", value: "/todo done 102" });
    await chat.say("telegram", { command: "todo", subcommand: "done", args: { n: 2 } }, { user: 33 });
    await add(chat, "telegram", 33, "rice");
    const gone = await chat.say("telegram", { pick: jam?.value ?? "" }, { user: 33 });
    expect(words(gone)).toEqual(["That item is no longer on your list. Send /todo list to see what is."]);
    const stored = (await chat.stored("telegram", 33)).data as { todos: { id: number; text: string }[] };
    expect(stored.todos).toEqual([
      { id: 101, text: "tea" },
      { id: 103, text: "rice" },
    ]);
  });
});
