import { describe, expect, it } from "vitest";
import { buildSpeller } from "../../src/nlu/spelling.ts";

const speller = buildSpeller(
  (["weather", "convert", "remind", "news", "nachrichten", "erinnere", "wetter"] as const).map(
    (word) => [word, word === "wetter" || word === "nachrichten" || word === "erinnere" ? "de" : "en"] as const,
  ),
);

describe("spelling correction", () => {
  it("corrects one typo in a word of four or more letters", () => {
    expect(speller.correct("weathr")).toBe("weather");
    expect(speller.correct("convrt")).toBe("convert");
    expect(speller.correct("rmeind")).toBe("remind");
    expect(speller.correct("erinner")).toBe("erinnere");
  });

  it("corrects two typos only in long words", () => {
    expect(speller.correct("nachrihcten")).toBe("nachrichten");
    expect(speller.correct("nahcrichtn")).toBe("nachrichten");
    expect(speller.correct("wehtr")).toBe("wehtr");
  });

  it("settles a tie between languages in favour of the user's", () => {
    expect(speller.correct("wether", "en")).toBe("weather");
    expect(speller.correct("wether", "de")).toBe("wetter");
  });

  it("takes a dropped double letter for the likeliest typo", () => {
    const meals = buildSpeller([
      ["diver", "en"],
      ["dinner", "en"],
    ]);
    expect(meals.correct("diner")).toBe("dinner");
  });

  it("finds a long word that lacks two letters", () => {
    expect(buildSpeller([["abonniere", "de"]]).correct("abonier")).toBe("abonniere");
  });

  it("corrects a four-letter word only for swapped or doubled letters", () => {
    const short = buildSpeller([
      ["work", "en"],
      ["news", "en"],
      ["show", "en"],
    ]);
    expect(short.correct("york")).toBe("york");
    expect(short.correct("nwes")).toBe("news");
    expect(short.correct("shwo")).toBe("show");
    expect(
      buildSpeller([
        ["hello", undefined],
        ["help", "en"],
      ]).correct("helo"),
    ).toBe("hello");
  });

  it("never corrects into a function word, so names stay names", () => {
    const german = buildSpeller([
      ["meinen", "de"],
      ["welche", "de"],
    ]);
    expect(german.correct("meinel")).toBe("meinel");
    expect(german.correct("welcke")).toBe("welcke");
  });

  it("leaves known, short and unrelated words alone", () => {
    expect(speller.correct("news")).toBe("news");
    expect(speller.correct("nws")).toBe("nws");
    expect(speller.correct("berlin")).toBe("berlin");
  });
});
