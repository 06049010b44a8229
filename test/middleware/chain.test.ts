import { defineBot, defineIntent, defineSubcommand, type Middleware, UserError } from "parley";
import { describe, expect, it } from "vitest";
import { PLATFORMS, talkTo } from "../support/everywhere.ts";

declare module "parley" {
  interface Variables {
    /** Who has run so far, in order (the middleware below and the handler). */
    trail: readonly string[];
  }
}

/** Notes `name` in the trail on the way in, and again on the way out. */
function mark(name: string): Middleware {
  return async (ctx, next) => {
    ctx.set("trail", [...(ctx.get("trail") ?? []), name]);
    await next();
    ctx.set("trail", [...(ctx.get("trail") ?? []), `${name} after`]);
  };
}

/** Outermost: once everything inside has run, says the whole trail. */
const report: Middleware = async (ctx, next) => {
  await next();
  ctx.reply((ctx.get("trail") ?? []).join(", "));
};

const step = defineSubcommand({
  name: "step",
  description: "Runs inside all three layers",
  use: [mark("subcommand")],
  run(ctx) {
    ctx.reply(`handler saw ${(ctx.get("trail") ?? []).join(", ")}`);
    ctx.set("trail", [...(ctx.get("trail") ?? []), "handler"]);
  },
});

const layers = defineIntent({
  command: "layers",
  description: "A subcommand inside an intent inside a bot",
  use: [mark("intent")],
  subcommands: [step],
});

const refusing: Middleware = () => {
  throw new UserError("Not today.");
};

const refused = defineIntent({
  command: "refused",
  description: "Refused by its middleware",
  use: [refusing],
  run(ctx) {
    ctx.user.data.ran = true;
    ctx.reply("the handler ran");
  },
});

const failing = defineIntent({
  command: "failing",
  description: "Refuses in its handler",
  run() {
    throw new UserError("Not today.");
  },
});

/** Stops without calling next, having changed nothing. */
const stopping: Middleware = (ctx) => {
  ctx.reply("stopped");
};

/** Stops without calling next, having noted something in the user's data. */
const noting: Middleware = (ctx) => {
  ctx.user.data.noted = "by middleware";
  ctx.reply("noted and stopped");
};

const stopped = defineIntent({
  command: "stopped",
  description: "Stopped by its middleware",
  use: [stopping],
  run(ctx) {
    ctx.user.data.ran = true;
    ctx.reply("the handler ran");
  },
});

const noted = defineIntent({
  command: "noted",
  description: "Stopped by middleware that changed the user's data",
  use: [noting],
  run(ctx) {
    ctx.user.data.ran = true;
    ctx.reply("the handler ran");
  },
});

const lab = defineBot({
  name: "lab",
  use: [report, mark("bot")],
  intents: [layers, refused, failing, stopped, noted],
});

describe.each(PLATFORMS)("middleware on %s", (platform) => {
  it("runs the bot's, the intent's and the subcommand's middleware in that order around the handler, which sees what they set", async () => {
    const chat = await talkTo(lab);
    const said = await chat.say(platform, { command: "layers", subcommand: "step" }, { user: 1 });
    expect(said.map((reply) => reply.text)).toEqual([
      "handler saw bot, intent, subcommand",
      "bot, intent, subcommand, handler, subcommand after, intent after, bot after",
    ]);
  });

  it("answers a UserError thrown in middleware as it answers one thrown in a handler, and runs no handler", async () => {
    const chat = await talkTo(lab);
    for (const group of [false, true]) {
      const fromMiddleware = await chat.say(platform, { command: "refused" }, { user: 2, group });
      const fromHandler = await chat.say(platform, { command: "failing" }, { user: 2, group });
      expect(fromMiddleware).toEqual(fromHandler);
      expect(fromMiddleware[0]?.text).toBe("Not today.");
    }
    expect((await chat.stored(platform, 2)).data).toBeUndefined();
  });

  it("keeps nothing for middleware that stops without changing anything, and what it changed when it did", async () => {
    const chat = await talkTo(lab);
    const stop = await chat.say(platform, { command: "stopped" }, { user: 3 });
    expect(stop.map((reply) => reply.text)).toEqual(["stopped", "bot, bot after"]);
    expect((await chat.stored(platform, 3)).data).toBeUndefined();

    const note = await chat.say(platform, { command: "noted" }, { user: 3 });
    expect(note.map((reply) => reply.text)).toEqual(["noted and stopped", "bot, bot after"]);
    expect((await chat.stored(platform, 3)).data).toEqual({ noted: "by middleware" });
  });
});
