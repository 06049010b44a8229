/**
 * Names taken from a payload (a command's option, an argument a question
 * waits for) are names like any other: `constructor` or `__proto__` never
 * read a property of an object's prototype, and an argument the user did not
 * give is absent, whatever its name.
 */

import { defineBot, defineIntent } from "parley";
import { beforeAll, describe, expect, it } from "vitest";
import { discordWorker, type KeyPair, MESSAGE, newKeyPair, slashCommand } from "../support/discord.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { sentTexts, stubTelegramApi } from "../support/telegram.ts";

const say = defineIntent({
  command: "say",
  description: "Says what it was given",
  args: [
    { name: "constructor", type: "string", optional: true, description: "Anything" },
    { name: "text", type: "string", optional: true, rest: true, description: "Anything else" },
  ],
  patterns: [/^please say (?<text>.+)$/],
  run(ctx) {
    ctx.reply(`constructor: ${ctx.args.constructor ?? "-"}, text: ${ctx.args.text ?? "-"}`);
  },
});

/** Asks for both arguments in turn; the first answer waits in the stored question while the second is asked. */
const build = defineIntent({
  command: "build",
  description: "Asks for two things",
  args: [
    { name: "constructor", type: "string", ask: "Which constructor?", description: "A name" },
    { name: "size", type: "integer", ask: "Which size?", description: "A size" },
  ],
  run(ctx) {
    ctx.reply(`built ${ctx.args.constructor} of size ${ctx.args.size}`);
  },
});

const names = defineBot({ name: "names", intents: [say, build] });

describe("argument names that an object's prototype also has", () => {
  it("leaves an argument the user did not give absent on Telegram", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const worker = labWorker(names);
    await worker.send("/say", { userId: 8101 });
    await worker.send("/say hello", { userId: 8101 });
    await worker.send("please say hi", { userId: 8101 });
    expect(sentTexts(outbound)).toEqual([
      "constructor: -, text: -",
      "constructor: hello, text: -",
      "constructor: -, text: hi",
    ]);
  });

  it("asks for such an argument, and keeps the answer in the stored question", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const worker = labWorker(names);
    for (const text of ["/build", "Ada", "3"]) await worker.send(text, { userId: 8102 });
    expect(sentTexts(outbound)).toEqual(["Which constructor?", "Which size?", "built Ada of size 3"]);
  });

  describe("on Discord", () => {
    let keys: KeyPair;
    beforeAll(async () => {
      keys = await newKeyPair();
    });

    it("reads only the options that were sent, whatever they are called", async () => {
      const worker = discordWorker(keys, [names]);
      const absent = await worker.send(slashCommand("say", {}));
      expect(absent).toMatchObject({ status: 200, type: MESSAGE, data: { content: "constructor: -, text: -" } });
      const odd = await worker.send(slashCommand("say", { ["__proto__"]: "a", constructor: "b", text: "c" }));
      expect(odd.data?.content).toBe("constructor: b, text: c");
    });
  });

  it("refuses to define an argument named __proto__", () => {
    const broken = defineIntent({
      command: "broken",
      description: "Broken",
      args: [{ name: "__proto__", type: "string", description: "Not a name" }],
      run: () => {},
    });
    expect(() => defineBot({ name: "broken", intents: [broken] })).toThrow(/Invalid argument name "__proto__"/);
  });
});
