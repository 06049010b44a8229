import { defineBot, defineIntent } from "parley";
import { describe, expect, it } from "vitest";
import { type Conversation, PLATFORMS, type Platform, type Said, talkTo } from "../support/everywhere.ts";

const paint = defineIntent({
  command: "paint",
  description: "Paints the wall",
  args: [
    {
      name: "shade",
      type: "string",
      description: "Which shade",
      ask: "Which shade?",
      choices: [{ value: "red", label: "Rouge red" }, "blue"],
    },
  ],
  run(ctx) {
    ctx.reply(`Painted ${ctx.args.shade}.`);
  },
});

/** Its list is what its source offers when the bot asks; a value too long to send as a pick is left out. */
const visit = defineIntent({
  command: "visit",
  description: "Visits a place",
  args: [
    {
      name: "place",
      type: "string",
      description: "Where",
      ask: "Where to?",
      choices: "suggested",
      suggest: async () => [
        { label: "Lisbon, Portugal", value: "Lisbon" },
        { label: "Oslo, Norway", value: "Oslo" },
        { label: "Llanfair, Wales", value: "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" },
      ],
    },
  ],
  run(ctx) {
    ctx.reply(`Off to ${ctx.args.place}.`);
  },
});

const lab = defineBot({ name: "lab", intents: [paint, visit] });

/** The values a pick of each choice sends, as the question offered them. */
function picks(said: Said | undefined, platform: Platform): string[] {
  const offered = platform === "telegram" ? said?.buttons : said?.choices;
  return (offered ?? []).map((choice) => choice.value);
}

/** The message the bot said last, as the platform got it. */
function lastWire(chat: Conversation): unknown {
  return chat.wires().at(-1);
}

/** The question's picks: `parley:pick:`, the question's id, and the value. */
const PICK = /^parley:pick:[0-9a-z]+:(.+)$/;

describe.each(PLATFORMS)("choices on %s", (platform) => {
  it("offers an argument's choices to pick from when the bot asks, each labelled", async () => {
    const chat = await talkTo(lab);
    const [asked] = await chat.say(platform, { command: "paint" }, { user: 1 });
    expect(asked?.text).toBe("Which shade?");
    const [red = "", blue = ""] = picks(asked, platform);
    expect(PICK.exec(red)?.[1]).toBe("red");
    expect(PICK.exec(blue)?.[1]).toBe("blue");
    const options = [
      { label: "Rouge red", value: red },
      { label: "blue", value: blue },
    ];
    switch (platform) {
      case "telegram":
        expect(lastWire(chat)).toMatchObject({
          reply_markup: {
            inline_keyboard: [options.map(({ label, value }) => ({ text: label, callback_data: value }))],
          },
        });
        break;
      case "discord":
        expect(lastWire(chat)).toMatchObject({
          components: [
            {
              type: 1,
              components: [
                { type: 3, custom_id: "choose", placeholder: "Choose…", min_values: 1, max_values: 1, options },
              ],
            },
          ],
        });
        break;
      case "slack":
        expect(lastWire(chat)).toMatchObject({
          blocks: [
            { type: "section" },
            {
              type: "actions",
              elements: [
                {
                  type: "static_select",
                  action_id: "choose",
                  placeholder: { type: "plain_text", text: "Choose…", emoji: true },
                  options: options.map(({ label, value }) => ({
                    text: { type: "plain_text", text: label, emoji: true },
                    value,
                  })),
                },
              ],
            },
          ],
        });
        break;
    }
  });

  it("takes a pick as the answer, as if typed, and then calls the list stale", async () => {
    const chat = await talkTo(lab);
    const [asked] = await chat.say(platform, { command: "paint" }, { user: 2 });
    const [red = ""] = picks(asked, platform);
    const done = await chat.say(platform, { pick: red }, { user: 2 });
    expect(done.map((reply) => reply.text)).toEqual(["Painted red."]);
    expect((await chat.stored(platform, 2)).questions).toBe(0);

    const again = await chat.say(platform, { pick: red }, { user: 2 });
    expect(again.map((reply) => reply.text)).toEqual(["That choice is no longer open. Please ask again."]);
  });

  it("answers a value outside the choices clearly, picked or typed, and keeps the question", async () => {
    const chat = await talkTo(lab);
    const [asked] = await chat.say(platform, { command: "paint" }, { user: 3 });
    const [red = ""] = picks(asked, platform);
    const forged = red.replace(/:red$/, ":green");
    const refused = await chat.say(platform, { pick: forged }, { user: 3 });
    expect(refused.map((reply) => reply.text.replaceAll("\\", ""))).toEqual([
      expect.stringContaining('there is no shade "green"; choose one of red, blue'),
    ]);
    expect((await chat.stored(platform, 3)).questions).toBe(1);

    const typed = await chat.say(platform, { answer: "purple" }, { user: 3 });
    expect(typed.map((reply) => reply.text.replaceAll("\\", ""))).toEqual([
      expect.stringContaining('there is no shade "purple"'),
    ]);
    const right = await chat.say(platform, { answer: "BLUE" }, { user: 3 });
    expect(right.map((reply) => reply.text)).toEqual(["Painted blue."]);
  });

  it("refuses a command typed with a value outside the choices, and runs nothing", async () => {
    const chat = await talkTo(lab);
    const said = await chat.say(platform, { command: "paint", args: { shade: "green" } }, { user: 4 });
    expect(said.map((reply) => reply.text.replaceAll("\\", ""))).toEqual([
      expect.stringContaining('there is no shade "green"; choose one of red, blue'),
    ]);
    expect(await chat.stored(platform, 4)).toEqual({ data: undefined, questions: 0 });
  });

  it("offers what the argument's source suggests that fits a pick, and takes only those", async () => {
    const chat = await talkTo(lab);
    const [asked] = await chat.say(platform, { command: "visit" }, { user: 5 });
    const offered = platform === "telegram" ? asked?.buttons : asked?.choices;
    expect(offered?.map((choice) => [choice.label, PICK.exec(choice.value)?.[1]])).toEqual([
      ["Lisbon, Portugal", "Lisbon"],
      ["Oslo, Norway", "Oslo"],
    ]);
    const typed = await chat.say(platform, { answer: "Paris" }, { user: 5 });
    expect(typed.map((reply) => reply.text.replaceAll("\\", ""))).toEqual([
      expect.stringContaining('there is no place "Paris"; choose one of Lisbon, Oslo'),
    ]);
    const done = await chat.say(platform, { pick: offered?.[1]?.value ?? "" }, { user: 5 });
    expect(done.map((reply) => reply.text)).toEqual(["Off to Oslo."]);
  });
});
