import { defineBot, defineIntent } from "parley";
import { describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { slashCommands } from "../../../src/platforms/discord/commands.ts";

const byName = (name: string) => slashCommands(concierge).find((command) => command.name === name);

describe("Discord slash commands from the intent definitions", () => {
  it("registers every intent of the bot as a command, and nothing else", () => {
    expect(slashCommands(concierge).map((command) => command.name)).toEqual(
      concierge.intents.map((intent) => intent.command),
    );
  });

  it("types the arguments, requires what the bot cannot ask for, and autocompletes what it can suggest", () => {
    expect(byName("rate")).toEqual({
      type: 1,
      name: "rate",
      description: "Convert between currencies",
      description_localizations: { de: "Zwischen Währungen umrechnen" },
      contexts: [0, 1, 2],
      integration_types: [0, 1],
      options: [
        {
          type: 3,
          name: "from",
          description: "Currency to convert from, e.g. USD",
          description_localizations: { de: "Die Ausgangswährung, z. B. USD" },
          required: true,
          autocomplete: true,
        },
        {
          type: 3,
          name: "to",
          description: "Currency to convert to, e.g. EUR",
          description_localizations: { de: "Die Zielwährung, z. B. EUR" },
          required: true,
          autocomplete: true,
        },
        {
          type: 10,
          name: "amount",
          description: "How much to convert (default 1)",
          description_localizations: { de: "Der Betrag (Standard 1)" },
          required: false,
        },
      ],
    });
    expect(byName("weather")?.options).toEqual([
      {
        type: 3,
        name: "city",
        description: "The city or place, e.g. Berlin",
        description_localizations: { de: "Die Stadt oder der Ort, z. B. Berlin" },
        required: false,
        autocomplete: true,
      },
    ]);
    expect(byName("news")?.options).toEqual([
      {
        type: 4,
        name: "count",
        description: "How many stories, 1 to 10 (default 5)",
        description_localizations: { de: "Wie viele Meldungen, 1 bis 10 (Standard 5)" },
        required: false,
      },
    ]);
    expect(byName("help")).not.toHaveProperty("options");
  });

  it("makes subcommands subcommand options", () => {
    expect(byName("todo")?.options).toEqual([
      {
        type: 1,
        name: "add",
        description: "Add an item to your to-do list",
        description_localizations: { de: "Einen Eintrag zu deiner To-do-Liste hinzufügen" },
        options: [
          {
            type: 3,
            name: "text",
            description: "What to do",
            description_localizations: { de: "Was zu tun ist" },
            required: false,
          },
        ],
      },
      {
        type: 1,
        name: "list",
        description: "Show your to-do list, 10 items a page",
        description_localizations: { de: "Deine To-do-Liste zeigen, 10 Einträge je Seite" },
        options: [
          {
            type: 4,
            name: "page",
            description: "Which page (default 1)",
            description_localizations: { de: "Welche Seite (Standard 1)" },
            required: false,
          },
        ],
      },
      {
        type: 1,
        name: "done",
        description: "Tick off item n of your list",
        description_localizations: { de: "Eintrag n deiner Liste abhaken" },
        options: [
          {
            type: 4,
            name: "n",
            description: "The item's number, as in /todo list",
            description_localizations: { de: "Die Nummer des Eintrags, wie in /todo list" },
            required: false,
          },
        ],
      },
    ]);
  });

  it("describes the commands in each of the bot's languages, for every Discord locale of that language", () => {
    const bilingual = defineBot({
      name: "bilingual",
      intents: [
        defineIntent({
          command: "greet",
          description: "Say hello",
          args: [{ name: "who", type: "string", description: "Whom to greet" }],
          run: () => {},
        }),
      ],
      defaultLocale: "de",
      messages: {
        de: "greet-description = Hallo sagen",
        "en-GB": "greet-description = Say hello, mate",
        pt: "greet-description = Dizer olá",
      },
    });
    const [greet] = slashCommands(bilingual);
    expect(greet?.description).toBe("Hallo sagen");
    // Names are kept; only what reads differently is sent, under Discord's own codes.
    expect(greet?.description_localizations).toEqual({ "en-GB": "Say hello, mate", "pt-BR": "Dizer olá" });
    expect(greet?.options?.[0]).toEqual({ type: 3, name: "who", description: "Whom to greet", required: true });
  });

  it("puts required options first and keeps descriptions within Discord's 100 characters", () => {
    const bot = defineBot({
      name: "order",
      intents: [
        defineIntent({
          command: "send",
          description: "D".repeat(150),
          args: [
            { name: "note", type: "string", optional: true, description: "Note" },
            { name: "to", type: "string", description: "Whom" },
          ],
          run: () => {},
        }),
      ],
    });
    const [command] = slashCommands(bot);
    expect(command?.description).toBe(`${"D".repeat(99)}…`);
    expect(command?.options?.map((option) => option.name)).toEqual(["to", "note"]);
  });

  it("lists an argument's fixed choices, named in each language, instead of autocompleting it", () => {
    const bot = defineBot({
      name: "painter",
      intents: [
        defineIntent({
          command: "paint",
          description: "Paint",
          args: [
            {
              name: "shade",
              type: "string",
              description: "Shade",
              choices: [{ value: "red", label: "Red" }, "blue"],
              examples: ["red"],
            },
            { name: "coats", type: "integer", optional: true, description: "Coats", choices: ["1", "2"] },
          ],
          run: () => {},
        }),
      ],
      messages: { en: "", de: "paint-shade-choice-red = Rot" },
    });
    const [paint] = slashCommands(bot);
    expect(paint?.options).toEqual([
      {
        type: 3,
        name: "shade",
        description: "Shade",
        required: true,
        choices: [
          { name: "Red", value: "red", name_localizations: { de: "Rot" } },
          { name: "blue", value: "blue" },
        ],
      },
      {
        type: 4,
        name: "coats",
        description: "Coats",
        required: false,
        choices: [
          { name: "1", value: 1 },
          { name: "2", value: 2 },
        ],
      },
    ]);
  });
});
