import { defineBot, defineIntent, privateOnly } from "parley";
import { describe, expect, it } from "vitest";
import { PLATFORMS, talkTo } from "../support/everywhere.ts";

const NOTE = "Please use this command in a private chat with me.";

const secret = defineIntent({
  command: "secret",
  description: "Keeps a word, in private only",
  args: [{ name: "word", type: "string", ask: "Which word?", description: "The word" }],
  use: [privateOnly()],
  run(ctx) {
    ctx.user.data.word = ctx.args.word;
    ctx.reply(`Kept ${ctx.args.word}.`);
  },
});

const open = defineIntent({
  command: "open",
  description: "Works anywhere",
  run(ctx) {
    ctx.reply("Anyone may see this.");
  },
});

const lab = defineBot({ name: "lab", intents: [secret, open] });

/** The same rule for the whole bot, in its own words. */
const hush = defineBot({
  name: "hush",
  use: [privateOnly({ text: "Let us talk in private." })],
  intents: [secret, open],
});

describe.each(PLATFORMS)("privateOnly on %s", (platform) => {
  it("lets the intent run in a private chat", async () => {
    const chat = await talkTo(lab);
    const said = await chat.say(platform, { command: "secret", args: { word: "owl" } }, { user: 11 });
    expect(said.map((reply) => reply.text)).toEqual(["Kept owl."]);
    expect((await chat.stored(platform, 11)).data).toEqual({ word: "owl" });
  });

  it("answers a group with a note to the user alone (where the platform can), and runs nothing", async () => {
    const chat = await talkTo(lab);
    const said = await chat.say(platform, { command: "secret", args: { word: "owl" } }, { user: 12, group: true });
    // Telegram cannot show a message to one member of a group.
    expect(said).toEqual([{ text: NOTE, private: platform !== "telegram", buttons: [] }]);
    expect((await chat.stored(platform, 12)).data).toBeUndefined();
    const other = await chat.say(platform, { command: "open" }, { user: 12, group: true });
    expect(other.map((reply) => reply.text)).toEqual(["Anyone may see this."]);
  });

  it("refuses in a group before the bot asks for a missing argument, and leaves no question", async () => {
    const chat = await talkTo(lab);
    const refused = await chat.say(platform, { command: "secret" }, { user: 13, group: true });
    expect(refused.map((reply) => reply.text)).toEqual([NOTE]);
    expect(await chat.stored(platform, 13)).toEqual({ data: undefined, questions: 0 });

    const asked = await chat.say(platform, { command: "secret" }, { user: 13 });
    expect(asked.map((reply) => reply.text)).toEqual(["Which word?"]);
    const answered = await chat.say(platform, { answer: "lark" }, { user: 13 });
    expect(answered.map((reply) => reply.text)).toEqual(["Kept lark."]);
  });

  it("as the bot's middleware, covers every intent, in the bot's words", async () => {
    const chat = await talkTo(hush);
    for (const command of ["secret", "open"]) {
      const said = await chat.say(platform, { command }, { user: 14, group: true });
      expect(said.map((reply) => reply.text)).toEqual(["Let us talk in private."]);
    }
    const said = await chat.say(platform, { command: "open" }, { user: 14 });
    expect(said.map((reply) => reply.text)).toEqual(["Anyone may see this."]);
  });
});
