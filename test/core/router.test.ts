import { defineBot, defineIntent, defineSubcommand } from "parley";
import { describe, expect, it } from "vitest";
import { QUESTION_TTL_MS } from "../../src/core/dialog.ts";
import { helpLines } from "../../src/core/help.ts";
import { decide } from "../../src/core/router.ts";
import type { Update } from "../../src/core/update.ts";

const noop = () => {};
const bot = defineBot({
  name: "router",
  intents: [
    defineIntent({
      command: "rate",
      aliases: ["fx"],
      description: "Exchange rate",
      args: [
        { name: "from", type: "string", description: "From" },
        { name: "to", type: "string", description: "To" },
        { name: "amount", type: "number", description: "Amount", optional: true },
      ],
      run: noop,
    }),
    defineIntent({
      command: "weather",
      description: "Weather",
      args: [{ name: "city", type: "string", rest: true, ask: "Which city?", description: "City" }],
      patterns: [/^weather in (?<city>.+)$/i],
      run: noop,
    }),
    defineIntent({
      command: "todo",
      description: "To-do list",
      subcommands: [
        defineSubcommand({
          name: "add",
          description: "Add",
          args: [{ name: "text", type: "string", rest: true, description: "Text" }],
          run: noop,
        }),
        defineSubcommand({
          name: "done",
          description: "Done",
          args: [{ name: "n", type: "integer", description: "Number" }],
          run: noop,
        }),
      ],
    }),
  ],
});

function update(text: string, extra: Partial<Update> = {}): Update {
  const command = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  return {
    platform: "telegram",
    bot: "router",
    eventId: "1",
    chat: { id: "1", kind: "private" },
    user: { id: "1", name: "Ann" },
    text,
    ...(command ? { command: { name: command[1] as string, text: command[2] as string } } : {}),
    isButtonPress: false,
    addressed: true,
    route: {},
    ...extra,
  };
}

describe("router", () => {
  it("parses typed arguments, aliases and optional ones", async () => {
    expect(await decide(bot, update("/rate usd eur 12.5"), null, 0)).toMatchObject({
      kind: "run",
      args: { from: "usd", to: "eur", amount: 12.5 },
    });
    expect(await decide(bot, update("/FX usd eur"), null, 0)).toMatchObject({
      kind: "run",
      args: { from: "usd", to: "eur" },
    });
  });

  it("answers bad arguments with the usage", async () => {
    expect(await decide(bot, update("/rate usd"), null, 0)).toMatchObject({
      kind: "usage",
      usage: "/rate <from> <to> [amount]",
    });
    expect(await decide(bot, update("/rate usd eur lots"), null, 0)).toMatchObject({
      kind: "usage",
      problem: { message: "parley-arg-not-a-number", args: { name: "amount" } },
    });
    expect(await decide(bot, update("/rate a b 1 2"), null, 0)).toMatchObject({
      kind: "usage",
      problem: { message: "parley-too-many-args", args: {} },
    });
  });

  it("takes the rest of the line for a rest argument", async () => {
    expect(await decide(bot, update("/weather  New   York "), null, 0)).toMatchObject({ args: { city: "New   York" } });
  });

  it("asks for a missing argument, then takes the next message as the answer, resuming the command", async () => {
    const asked = await decide(bot, update("/weather"), null, 0);
    expect(asked).toMatchObject({ kind: "ask", missing: { name: "city" }, resumed: false });
    const question = { intent: "weather", args: {}, awaiting: "city", expiresAt: QUESTION_TTL_MS };
    expect(await decide(bot, update("Berlin"), question, 1000)).toMatchObject({
      kind: "run",
      args: { city: "Berlin" },
      resumed: true,
    });
  });

  it("forgets a question after it expires", async () => {
    const question = { intent: "weather", args: {}, awaiting: "city", expiresAt: 1000 };
    expect(await decide(bot, update("Berlin"), question, 1001)).toMatchObject({
      kind: "not_understood",
      text: "Berlin",
    });
  });

  it("lets a new command win over a pending question", async () => {
    const question = { intent: "weather", args: {}, awaiting: "city", expiresAt: 1000 };
    expect(await decide(bot, update("/rate usd eur"), question, 0)).toMatchObject({
      kind: "run",
      intent: { command: "rate" },
      resumed: false,
    });
  });

  it("dispatches subcommands and checks their arguments", async () => {
    expect(await decide(bot, update("/todo add buy milk"), null, 0)).toMatchObject({
      subcommand: { name: "add" },
      args: { text: "buy milk" },
    });
    expect(await decide(bot, update("/todo done 2"), null, 0)).toMatchObject({
      subcommand: { name: "done" },
      args: { n: 2 },
    });
    expect(await decide(bot, update("/todo done two"), null, 0)).toMatchObject({
      kind: "usage",
      problem: { message: "parley-arg-not-a-number", args: { name: "n" } },
    });
    expect(await decide(bot, update("/todo done 1.5"), null, 0)).toMatchObject({
      kind: "usage",
      problem: { message: "parley-arg-not-whole", args: { name: "n" } },
    });
    expect(await decide(bot, update("/todo fly"), null, 0)).toMatchObject({
      kind: "usage",
      problem: { message: "parley-unknown-subcommand", args: { name: "fly" } },
    });
  });

  it("uses typed options as given by the platform", async () => {
    const typed = update("", { command: { name: "rate", text: "", options: { from: "USD", to: "EUR", amount: 3 } } });
    expect(await decide(bot, typed, null, 0)).toMatchObject({
      kind: "run",
      args: { from: "USD", to: "EUR", amount: 3 },
    });
  });

  it("takes a message that starts with a command's name as that command", async () => {
    expect(await decide(bot, update("rate usd eur 2"), null, 0)).toMatchObject({
      kind: "run",
      args: { from: "usd", amount: 2 },
    });
    expect(await decide(bot, update("todo add tea"), null, 0)).toMatchObject({
      subcommand: { name: "add" },
      args: { text: "tea" },
    });
    expect(await decide(bot, update("rate usd eur", { addressed: false }), null, 0)).toEqual({ kind: "ignore" });
  });

  it("matches free-text patterns with named groups, and ignores what is not addressed to it", async () => {
    expect(await decide(bot, update("Weather in Rome"), null, 0)).toMatchObject({
      kind: "run",
      args: { city: "Rome" },
    });
    expect(await decide(bot, update("hello there"), null, 0)).toMatchObject({ kind: "not_understood" });
    expect(await decide(bot, update("hello there", { addressed: false }), null, 0)).toEqual({ kind: "ignore" });
  });

  it("writes one help line per command and subcommand from the same definitions", () => {
    expect(helpLines(bot, "en")).toEqual([
      "/rate <from> <to> [amount] — Exchange rate",
      "/weather <city> — Weather",
      "/todo add <text> — Add",
      "/todo done <n> — Done",
    ]);
  });

  it("rejects a bot that defines a command twice", () => {
    const twice = defineIntent({ command: "a", description: "A", run: noop });
    expect(() => defineBot({ name: "twice", intents: [twice, twice] })).toThrow(/defined twice/);
  });
});
