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

  it("leaves known, short and unrelated words alone", () => {
    expect(speller.correct("news")).toBe("news");
    expect(speller.correct("nws")).toBe("nws");
    expect(speller.correct("berlin")).toBe("berlin");
  });
});
