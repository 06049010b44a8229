import { adminOnly, defineBot, defineIntent } from "parley";
import { describe, expect, it } from "vitest";
import { PLATFORMS, type Platform, talkTo, userId } from "../support/everywhere.ts";

const REFUSAL = "Sorry, only the bot's admins can use this command.";

/** User 1 is the admin on every platform. */
const ADMIN = 1;
const admins = Object.fromEntries(PLATFORMS.map((platform) => [platform, [userId(platform, ADMIN)]]));

const reset = defineIntent({
  command: "reset",
  description: "Starts something over, for admins",
  args: [{ name: "what", type: "string", ask: "Reset what?", description: "What to reset" }],
  use: [adminOnly(admins)],
  run(ctx) {
    ctx.user.data.reset = ctx.args.what;
    ctx.reply(`Reset ${ctx.args.what}.`);
  },
});

/** Each platform's list holds the admin's id on another platform. */
const rotated = Object.fromEntries(
  PLATFORMS.map((platform, index) => [platform, [userId(PLATFORMS[(index + 1) % 3] as Platform, ADMIN)]]),
);

const crossed = defineIntent({
  command: "crossed",
  description: "Admins listed under the wrong platforms",
  use: [adminOnly(rotated)],
  run(ctx) {
    ctx.reply("Crossed.");
  },
});

/** Users whose id ends in 2 (user 2 on every platform), in the bot's own words. */
const owners = defineIntent({
  command: "owners",
  description: "Decided by a function of the update",
  use: [adminOnly((update) => update.user.id.endsWith("2"), { text: "Owners only." })],
  run(ctx) {
    ctx.reply("Welcome, owner.");
  },
});

const lab = defineBot({ name: "lab", intents: [reset, crossed, owners] });

describe.each(PLATFORMS)("adminOnly on %s", (platform) => {
  it("runs the intent for an admin, in a private chat and in a group", async () => {
    const chat = await talkTo(lab);
    for (const group of [false, true]) {
      const said = await chat.say(platform, { command: "reset", args: { what: "scores" } }, { user: ADMIN, group });
      expect(said.map((reply) => reply.text)).toEqual(["Reset scores."]);
    }
    expect((await chat.stored(platform, ADMIN)).data).toEqual({ reset: "scores" });
  });

  it("refuses anyone else, to them alone where the platform can, before asking for a missing argument", async () => {
    const chat = await talkTo(lab);
    const said = await chat.say(platform, { command: "reset", args: { what: "scores" } }, { user: 21, group: true });
    expect(said).toEqual([{ text: REFUSAL, private: platform !== "telegram", buttons: [] }]);
    const unasked = await chat.say(platform, { command: "reset" }, { user: 21 });
    expect(unasked.map((reply) => reply.text)).toEqual([REFUSAL]);
    expect(await chat.stored(platform, 21)).toEqual({ data: undefined, questions: 0 });
  });

  it("counts an id only under its own platform", async () => {
    const chat = await talkTo(lab);
    const said = await chat.say(platform, { command: "crossed" }, { user: ADMIN });
    expect(said.map((reply) => reply.text)).toEqual([REFUSAL]);
  });

  it("asks a function of the update instead of a list, when given one", async () => {
    const chat = await talkTo(lab);
    const owner = await chat.say(platform, { command: "owners" }, { user: 2 });
    const other = await chat.say(platform, { command: "owners" }, { user: 3 });
    expect([...owner, ...other].map((reply) => reply.text)).toEqual(["Welcome, owner.", "Owners only."]);
  });
});
