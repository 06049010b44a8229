import { cooldown, defineBot, defineIntent, defineSubcommand, UserError } from "parley";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PLATFORMS, talkTo } from "../support/everywhere.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const START = Date.parse("2033-03-01T09:00:00Z");

const ping = defineIntent({
  command: "ping",
  description: "Answers pong, twice a minute at most",
  args: [{ name: "how", type: "string", optional: true, description: "'bad' to fail" }],
  use: [cooldown(30 * SECOND)],
  run(ctx) {
    if (ctx.args.how === "bad") throw new UserError("That went wrong.");
    ctx.reply("pong");
  },
});

const other = defineIntent({
  command: "other",
  description: "Has a cooldown of its own",
  use: [cooldown(30 * SECOND)],
  run(ctx) {
    ctx.reply("other");
  },
});

const greet = defineIntent({
  command: "greet",
  description: "Asks whom to greet",
  args: [{ name: "name", type: "string", ask: "Whom shall I greet?", description: "Whom" }],
  use: [cooldown(5 * MINUTE)],
  run(ctx) {
    ctx.reply(`Hello, ${ctx.args.name}.`);
  },
});

const list = defineIntent({
  command: "list",
  description: "Subcommands cool down on their own",
  use: [cooldown(30 * SECOND)],
  subcommands: [
    defineSubcommand({ name: "show", description: "Shows", run: (ctx) => void ctx.reply("shown") }),
    defineSubcommand({ name: "clear", description: "Clears", run: (ctx) => void ctx.reply("cleared") }),
  ],
});

const lab = defineBot({ name: "lab", intents: [ping, other, greet, list] });

const wait = (duration: string) => `Please wait ${duration} before using this command again.`;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(PLATFORMS)("cooldown on %s", (platform) => {
  it("runs once, says how long to wait until the time is up, then runs again", async () => {
    const chat = await talkTo(lab);
    const texts = async () => (await chat.say(platform, { command: "ping" }, { user: 31 })).map((reply) => reply.text);
    expect(await texts()).toEqual(["pong"]);
    vi.setSystemTime(START + 10 * SECOND);
    expect(await texts()).toEqual([wait("20 seconds")]);
    vi.setSystemTime(START + 29.5 * SECOND);
    expect(await texts()).toEqual([wait("1 second")]);
    vi.setSystemTime(START + 30 * SECOND);
    expect(await texts()).toEqual(["pong"]);
    // The time is kept in the user's data in D1, where the engine saves it with the reply.
    expect((await chat.stored(platform, 31)).data).toEqual({ "parley:cooldowns": { ping: START + 30 * SECOND } });
  });

  it("tells the user alone where the platform can", async () => {
    const chat = await talkTo(lab);
    await chat.say(platform, { command: "ping" }, { user: 32, group: true });
    const said = await chat.say(platform, { command: "ping" }, { user: 32, group: true });
    expect(said).toEqual([{ text: wait("30 seconds"), private: platform !== "telegram", buttons: [] }]);
  });

  it("lets one of many simultaneous runs through and tells the others to wait", async () => {
    const chat = await talkTo(lab);
    await Promise.all(Array.from({ length: 5 }, () => chat.say(platform, { command: "ping" }, { user: 33 })));
    const texts = chat.heard().map((reply) => reply.text);
    expect(texts.filter((text) => text === "pong")).toHaveLength(1);
    expect(texts.filter((text) => text === wait("30 seconds"))).toHaveLength(4);
  });

  it("counts per user, per intent and per subcommand", async () => {
    const chat = await talkTo(lab);
    const run = async (command: string, user: number, subcommand?: string) =>
      (await chat.say(platform, { command, ...(subcommand ? { subcommand } : {}) }, { user })).map((r) => r.text);
    expect(await run("ping", 34)).toEqual(["pong"]);
    expect(await run("ping", 35)).toEqual(["pong"]);
    expect(await run("other", 34)).toEqual(["other"]);
    expect(await run("list", 34, "show")).toEqual(["shown"]);
    expect(await run("list", 34, "clear")).toEqual(["cleared"]);
    expect(await run("list", 34, "show")).toEqual([wait("30 seconds")]);
  });

  it("does not count a run that fails", async () => {
    const chat = await talkTo(lab);
    const failed = await chat.say(platform, { command: "ping", args: { how: "bad" } }, { user: 36 });
    expect(failed.map((reply) => reply.text)).toEqual(["That went wrong."]);
    const said = await chat.say(platform, { command: "ping" }, { user: 36 });
    expect(said.map((reply) => reply.text)).toEqual(["pong"]);
  });

  it("takes the answer to the bot's question as the same run, and counts the next one", async () => {
    const chat = await talkTo(lab);
    const asked = await chat.say(platform, { command: "greet" }, { user: 37 });
    expect(asked.map((reply) => reply.text)).toEqual(["Whom shall I greet?"]);
    vi.setSystemTime(START + 10 * SECOND);
    const answered = await chat.say(platform, { answer: "Ada" }, { user: 37 });
    expect(answered.map((reply) => reply.text)).toEqual(["Hello, Ada."]);
    const again = await chat.say(platform, { command: "greet", args: { name: "Bo" } }, { user: 37 });
    expect(again.map((reply) => reply.text)).toEqual([wait("5 minutes")]);
  });
});
