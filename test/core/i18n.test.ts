import { bold, defineBot, defineIntent } from "parley";
import { describe, expect, it, vi } from "vitest";
import { translate } from "../../src/core/i18n.ts";
import { matchLocale, resolveLocale } from "../../src/core/locale.ts";

const bilingual = defineBot({
  name: "bilingual",
  intents: [defineIntent({ command: "ping", description: "Ping", run: () => {} })],
  messages: {
    en: [
      "greeting = Hello { $name }!",
      "only-english = Only in English",
      "parley-apology = Sorry, that broke.",
      "items = { $count ->\n    [one] 1 item\n   *[other] { $count } items\n  }",
    ].join("\n"),
    de: [
      "greeting = Hallo { $name }!",
      "items = { $count ->\n    [one] 1 Eintrag\n   *[other] { $count } Einträge\n  }",
    ].join("\n"),
  },
});

describe("choosing the language", () => {
  it("matches a platform's tag to the bot's languages by language", () => {
    expect(matchLocale(["en", "de"], ["de-AT"])).toBe("de");
    expect(matchLocale(["en", "de"], ["DE"])).toBe("de");
    expect(matchLocale(["en", "pt-BR"], ["pt-PT"])).toBe("pt-BR");
    expect(matchLocale(["en", "de"], ["fr", "de-CH"])).toBe("de");
    expect(matchLocale(["en", "de"], ["fr"])).toBeUndefined();
    expect(matchLocale(["en", "de"], ["__proto__", "", undefined, null])).toBeUndefined();
  });

  it("takes the user's own choice over the platform's language, and the bot's default when neither fits", () => {
    expect(resolveLocale(bilingual, "de", "en-US")).toBe("de");
    expect(resolveLocale(bilingual, null, "de-AT")).toBe("de");
    expect(resolveLocale(bilingual, null, "fr-FR")).toBe("en");
    expect(resolveLocale(bilingual, "fr", undefined)).toBe("en");
  });
});

describe("a bot's messages", () => {
  it("formats variables, plurals and numbers for the language", () => {
    expect(translate(bilingual, "de", "greeting", { name: "Ann" })).toBe("Hallo Ann!");
    expect(translate(bilingual, "en", "items", { count: 1 })).toBe("1 item");
    expect(translate(bilingual, "en", "items", { count: 1234 })).toBe("1,234 items");
    expect(translate(bilingual, "de", "items", { count: 1234 })).toBe("1.234 Einträge");
  });

  it("keeps spans given as variables, wherever the language puts them", () => {
    expect(translate(bilingual, "de", "greeting", { name: bold("Ann") })).toEqual([
      "Hallo ",
      { style: "bold", text: "Ann" },
      "!",
    ]);
  });

  it("puts Parley's own texts in the language, unless the bot says them otherwise", () => {
    expect(translate(bilingual, "de", "parley-fallback")).toBe(
      "Das habe ich nicht verstanden. Schick /help, dann siehst du, was ich kann.",
    );
    expect(translate(bilingual, "en", "parley-apology")).toBe("Sorry, that broke.");
  });

  it("falls back to English for a message a language lacks, and logs it once", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(translate(bilingual, "de", "only-english")).toBe("Only in English");
    expect(translate(bilingual, "de", "only-english")).toBe("Only in English");
    expect(translate(bilingual, "de", "nowhere")).toBe("nowhere");
    const logged = errors.mock.calls.map((call) => JSON.parse(String(call[0])));
    expect(logged).toEqual([
      { level: "error", event: "message_missing", bot: "bilingual", locale: "de", id: "only-english" },
      { level: "error", event: "message_missing", bot: "bilingual", locale: "de", id: "nowhere" },
    ]);
  });
});
