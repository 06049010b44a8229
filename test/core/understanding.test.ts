/**
 * Plain words in the engine: what a bot teaches the matcher (its examples
 * and its commands' own forms), when the matcher is trained, how the router
 * reads plain words and `/ask`, and the seam where a further reader (tier
 * 2) gets what tier 1 did not run.
 */
import { askIntent, defineBot, defineIntent, defineSubcommand } from "parley";
import { describe, expect, it, vi } from "vitest";
import { attempt } from "../../src/core/attempt.ts";
import { choiceValue, pendingChoice } from "../../src/core/dialog.ts";
import type { FurtherRequest, UnderstandFurther } from "../../src/core/further.ts";
import { Outbox } from "../../src/core/outbox.ts";
import { decide } from "../../src/core/router.ts";
import { createServices } from "../../src/core/services.ts";
import { EMPTY_STATE, type StateStore } from "../../src/core/state.ts";
import { understandablesOf } from "../../src/core/understanding.ts";
import type { Update } from "../../src/core/update.ts";

const noop = () => {};

const forecast = defineIntent({
  command: "forecast",
  aliases: ["fc"],
  description: "The forecast",
  args: [{ name: "city", type: "string", kind: "city", rest: true, ask: "Where?", description: "City" }],
  examples: { en: ["forecast for {city}", "will it rain in {city}"], de: ["wettervorhersage für {city}"] },
  run(ctx) {
    ctx.reply(`Sunny in ${ctx.args.city}`);
  },
});

const convert = defineIntent({
  command: "convert",
  description: "Convert money",
  args: [
    { name: "from", type: "string", kind: "currency", description: "From" },
    { name: "to", type: "string", kind: "currency", description: "To" },
    { name: "amount", type: "number", optional: true, description: "Amount" },
  ],
  examples: { en: ["how many {to} is {amount} {from}"] },
  run: noop,
});

const notes = defineIntent({
  command: "notes",
  description: "Notes",
  subcommands: [
    defineSubcommand({
      name: "add",
      description: "Add a note",
      args: [{ name: "text", type: "string", rest: true, description: "The note" }],
      examples: { en: ["note down {text}"] },
      run(ctx) {
        ctx.reply(`Noted: ${ctx.args.text}`);
      },
    }),
    defineSubcommand({ name: "clear", description: "Clear them", run: noop }),
  ],
});

const shop = defineBot({
  name: "shop",
  intents: [forecast, convert, notes, askIntent],
  outOfScope: { clock: { en: ["what time is it in {city}"] }, media: { en: ["play {song}"] } },
});

function update(text: string, extra: Partial<Update> = {}): Update {
  const command = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  return {
    platform: "telegram",
    bot: "shop",
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

describe("what a bot teaches the matcher", () => {
  const taught = understandablesOf(shop);

  it("is each intent and subcommand with its examples and its command's forms, and the topics it does not serve", () => {
    expect(taught.map((entry) => [entry.intent, entry.subcommand, entry.outOfScope ?? false])).toEqual([
      ["forecast", undefined, false],
      ["convert", undefined, false],
      ["notes", "add", false],
      ["notes", "clear", false],
      ["clock", undefined, true],
      ["media", undefined, true],
    ]);
    const [forecastEntry, convertEntry, addEntry] = taught;
    expect(forecastEntry?.examples.en).toEqual([
      "forecast for {city}",
      "will it rain in {city}",
      "forecast",
      "forecast {city}",
      "fc",
      "fc {city}",
    ]);
    expect(forecastEntry?.examples.de).toEqual([
      "wettervorhersage für {city}",
      "forecast",
      "forecast {city}",
      "fc",
      "fc {city}",
    ]);
    expect(convertEntry?.examples.en).toEqual([
      "how many {to} is {amount} {from}",
      "convert {from} {to}",
      "convert {from} {to} {amount}",
    ]);
    expect(addEntry?.examples.en).toEqual(["note down {text}", "notes add {text}"]);
  });

  it("names each slot by the argument it fills, of the kind the argument says", () => {
    const [forecastEntry, convertEntry] = taught;
    expect(forecastEntry?.slots).toEqual([{ name: "city", type: "string", entity: "city" }]);
    expect(convertEntry?.slots).toEqual([
      { name: "from", type: "string", entity: "currency" },
      { name: "to", type: "string", entity: "currency" },
      { name: "amount", type: "number", optional: true },
    ]);
    expect(taught.at(-2)?.slots).toEqual([{ name: "city", type: "string", entity: "city" }]);
    expect(taught.at(-1)?.slots).toEqual([{ name: "song", type: "string", entity: "text" }]);
  });

  it("is checked when the bot is defined: a slot that is no argument, a language the matcher does not read", () => {
    const withSlot = (template: string) =>
      defineIntent({ command: "f", description: "F", args: forecast.args, examples: { en: [template] }, run: noop });
    expect(() => defineBot({ name: "typo", intents: [withSlot("rain in {town}")] })).toThrow(
      'An example of "f" names "{town}", which is not one of its arguments',
    );
    const french = { fr: ["météo à {city}"] } as unknown as { en: string[] };
    const inFrench = defineIntent({ command: "f", description: "F", args: forecast.args, examples: french, run: noop });
    expect(() => defineBot({ name: "french", intents: [inFrench] })).toThrow(
      /in "fr": plain words are read in en and de/,
    );
  });
});

describe("the matcher", () => {
  it("is trained on the first plain words a bot reads, not when it is defined or for commands, and then kept", async () => {
    // Training reads the examples; counting the reads shows when it happens.
    let reads = 0;
    const examples = {
      get en() {
        reads += 1;
        return ["will it rain in {city}"];
      },
    };
    const lazy = defineBot({ name: "lazy", intents: [defineIntent({ ...forecast, examples })] });
    const checked = reads;
    await decide(lazy, update("/forecast Oslo", { bot: "lazy" }), null, 0);
    expect(reads).toBe(checked);
    expect(await decide(lazy, update("will it rain in Oslo", { bot: "lazy" }), null, 0)).toMatchObject({ kind: "run" });
    const trained = reads;
    expect(trained).toBeGreaterThan(checked);
    await decide(lazy, update("will it rain in Rome", { bot: "lazy" }), null, 0);
    expect(reads).toBe(trained);
  });
});

describe("the router, for plain words", () => {
  it("runs a sure reading as its command, the arguments checked and converted", async () => {
    expect(await decide(shop, update("how many EUR is 20 dollars"), null, 0)).toMatchObject({
      kind: "run",
      intent: { command: "convert" },
      args: { from: "USD", to: "EUR", amount: 20 },
      understood: { tier: 1, confidence: 1, reading: "convert" },
    });
    expect(await decide(shop, update("notes add buy stamps"), null, 0)).toMatchObject({
      kind: "run",
      subcommand: { name: "add" },
      args: { text: "buy stamps" },
    });
  });

  it("asks for a missing argument of a sure reading", async () => {
    expect(await decide(shop, update("forecast please"), null, 0)).toMatchObject({
      kind: "ask",
      intent: { command: "forecast" },
      missing: { name: "city" },
      understood: { tier: 1, reading: "forecast" },
    });
  });

  it("offers readings it is not sure of, and reads nothing into what it does not know", async () => {
    const unsure = await decide(shop, update("forecast or convert"), null, 0);
    expect(unsure).toMatchObject({ kind: "choose", text: "forecast or convert", language: "en" });
    expect(unsure.kind === "choose" && unsure.readings.map((reading) => reading.intent.command)).toContain("forecast");
    expect(await decide(shop, update("what time is it in Lima"), null, 0)).toMatchObject({ kind: "not_understood" });
    expect(await decide(shop, update("🙂"), null, 0)).toMatchObject({
      kind: "not_understood",
      readings: [],
      understood: { tier: 1, confidence: 0, reading: "-" },
    });
  });

  it("reads /ask's question as plain words, and asks for the question when there is none", async () => {
    expect(await decide(shop, update("/ask will it rain in Oslo"), null, 0)).toMatchObject({
      kind: "run",
      intent: { command: "forecast" },
      args: { city: "Oslo" },
      resumed: false,
    });
    const asked = await decide(shop, update("/ask"), null, 0);
    expect(asked).toMatchObject({ kind: "ask", intent: { command: "ask" }, missing: { name: "question" } });
    const question = { intent: "ask", args: {}, awaiting: "question", expiresAt: 1000 };
    expect(await decide(shop, update("note down call Bo"), question, 0)).toMatchObject({
      kind: "run",
      subcommand: { name: "add" },
      args: { text: "call Bo" },
    });
  });

  it("runs the reading of a pressed choice, and nothing for a choice that is not open", async () => {
    const choice = pendingChoice(
      [
        { intent: "forecast", args: { city: "Oslo" } },
        { intent: "notes", subcommand: "clear", args: {} },
      ],
      new Date(0),
    );
    const press = (index: number) => update(choiceValue(choice, index), { isButtonPress: true });
    expect(await decide(shop, press(1), choice, 0)).toMatchObject({ kind: "run", subcommand: { name: "clear" } });
    expect(await decide(shop, press(0), choice, 0)).toMatchObject({ kind: "run", args: { city: "Oslo" } });
    const newer = { ...pendingChoice(choice.readings, new Date(5)), expiresAt: choice.expiresAt };
    expect(await decide(shop, press(0), newer, 0)).toEqual({ kind: "stale_choice" });
    expect(await decide(shop, press(0), choice, choice.expiresAt)).toEqual({ kind: "stale_choice" });
    expect(await decide(shop, press(0), null, 0)).toEqual({ kind: "stale_choice" });
  });

  it("leaves an open choice aside for a new message", async () => {
    const choice = pendingChoice([{ intent: "forecast", args: { city: "Oslo" } }], new Date(0));
    expect(await decide(shop, update("will it rain in Rome"), choice, 0)).toMatchObject({ args: { city: "Rome" } });
    expect(await decide(shop, update("will it rain in Rome", { addressed: false }), choice, 0)).toEqual({
      kind: "ignore",
    });
  });
});

/** A store that holds nothing: the attempt is made on empty state and nothing is saved. */
const nowhere: StateStore = {
  load: async () => EMPTY_STATE,
  schedule: async () => ({ subscriptions: [], subscriptionCount: 0, channelCount: 0, pendingReminders: 0 }),
  save: async () => {},
};

function attemptWith(text: string, understandFurther?: UnderstandFurther) {
  return attempt(
    {
      bot: shop,
      update: update(text),
      store: nowhere,
      services: createServices({}, fetch),
      now: new Date(0),
      address: { chatId: "1" },
      ...(understandFurther ? { understandFurther } : {}),
    },
    EMPTY_STATE,
    new Outbox(undefined),
  );
}

describe("a further reader (tier 2)", () => {
  it("gets the words tier 1 did not run, and what it reads runs as its command would", async () => {
    const asked: FurtherRequest[] = [];
    const further: UnderstandFurther = async (question) => {
      asked.push(question);
      return {
        kind: "command",
        command: { name: "notes", subcommand: "add", text: "", options: { text: "the blue one" } },
      };
    };
    const result = await attemptWith("remember the blue one for me", further);
    expect(result).toMatchObject({
      intent: "notes",
      outcome: "ok",
      replies: [{ text: "Noted: the blue one" }],
      understood: { tier: 2, confidence: 1, reading: "notes add" },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      text: "remember the blue one for me",
      locale: "en",
      band: "none",
    });
  });

  it("is not asked about what tier 1 runs, and leaves tier 1's answer when it reads nothing or fails", async () => {
    const further = vi.fn<UnderstandFurther>(async () => ({ kind: "none" }));
    expect(await attemptWith("will it rain in Oslo", further)).toMatchObject({ replies: [{ text: "Sunny in Oslo" }] });
    expect(further).not.toHaveBeenCalled();

    const tierOne = await attemptWith("remember the blue one for me");
    expect(await attemptWith("remember the blue one for me", further)).toEqual(tierOne);
    expect(further).toHaveBeenCalledTimes(1);

    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing: UnderstandFurther = async () => {
      throw new Error("model unavailable");
    };
    expect(await attemptWith("remember the blue one for me", failing)).toEqual(tierOne);
    expect(errors.mock.calls.map((call) => JSON.parse(String(call[0])))).toEqual([
      expect.objectContaining({ event: "understand_further_failed", error: "Error: model unavailable" }),
    ]);
  });

  it("is checked like a command: a reading of no command of the bot leaves tier 1's answer", async () => {
    const tierOne = await attemptWith("remember the blue one for me");
    const unknown: UnderstandFurther = async () => ({ kind: "command", command: { name: "teleport", text: "" } });
    expect(await attemptWith("remember the blue one for me", unknown)).toEqual(tierOne);
  });
});
