import { describe, expect, it, vi } from "vitest";
import { interceptFetch } from "../../support/outbound.ts";
import { sendTelegram, sentMessages, sentTexts, stubTelegramApi } from "../../support/telegram.ts";
import { callsTo, NEWS_API } from "./apis.ts";

type Item = { id: number; title?: string; url?: string; score?: number; by?: string } | null;

const STORIES: Record<number, Item> = {
  101: { id: 101, title: "Show HN: A tiny database", url: "https://example.com/db", score: 412, by: "ann" },
  102: { id: 102, title: "Ask HN: C++ & <Rust>?", score: 1, by: "bob" },
  103: { id: 103, title: "Workers at the edge", url: "https://example.org/edge?a=1&b=2", score: 77 },
  104: { id: 104, title: "A link that is not a web page", url: "javascript:alert(1)", score: 5 },
  105: null,
  106: { id: 106, title: "Sixth", url: "https://example.net/6", score: 60 },
  107: { id: 107, title: "Seventh", url: "https://example.net/7", score: 70 },
};

const TOP = [101, 102, 103, 104, 106, 107, 108, 109, 110, 111, 112, 113];

function stubHackerNews() {
  return stubTelegramApi(interceptFetch())
    .on(`${NEWS_API}/topstories.json`, () => Response.json(TOP))
    .on(`${NEWS_API}/item/`, (call) => {
      const id = Number(/\/item\/(\d+)\.json$/.exec(call.url.pathname)?.[1]);
      return Response.json(STORIES[id] ?? { id, title: `Story ${id}`, url: `https://example.net/${id}`, score: id });
    });
}

const itemCalls = (outbound: ReturnType<typeof stubHackerNews>) =>
  callsTo(outbound, `${NEWS_API}/item/`).map((call) => call.url.pathname);

describe("/news", () => {
  it("lists the top five stories as numbered links", async () => {
    const outbound = stubHackerNews();
    await sendTelegram({ text: "/news", userId: 2301 });
    expect(sentTexts(outbound)).toEqual([
      [
        "<b>Top stories on Hacker News</b>",
        '1. <a href="https://example.com/db">Show HN: A tiny database</a> (412 points)',
        '2. <a href="https://news.ycombinator.com/item?id=102">Ask HN: C++ &amp; &lt;Rust&gt;?</a> (1 point)',
        '3. <a href="https://example.org/edge?a=1&amp;b=2">Workers at the edge</a> (77 points)',
        '4. <a href="https://news.ycombinator.com/item?id=104">A link that is not a web page</a> (5 points)',
        '5. <a href="https://example.net/6">Sixth</a> (60 points)',
      ].join("\n"),
    ]);
    expect(callsTo(outbound, `${NEWS_API}/topstories.json`)).toHaveLength(1);
    expect(itemCalls(outbound)).toEqual(["101", "102", "103", "104", "106"].map((id) => `/v0/item/${id}.json`));
  });

  it("shows as many stories as asked for, up to ten", async () => {
    const outbound = stubHackerNews();
    await sendTelegram({ text: "/news 10", userId: 2302 });
    await sendTelegram({ text: "/news 1", userId: 2307 });
    const [ten, one] = sentTexts(outbound);
    expect(ten?.split("\n")).toHaveLength(11);
    expect(ten).toContain('10. <a href="https://example.net/111">Story 111</a> (111 points)');
    expect(one).toBe(
      '<b>Top stories on Hacker News</b>\n1. <a href="https://example.com/db">Show HN: A tiny database</a> (412 points)',
    );
    expect(itemCalls(outbound)).toHaveLength(11);
  });

  it("skips a story deleted since it was ranked", async () => {
    const outbound = stubTelegramApi(interceptFetch())
      .on(`${NEWS_API}/topstories.json`, () => Response.json([105, 101]))
      .on(`${NEWS_API}/item/`, (call) => Response.json(call.url.pathname.includes("105") ? null : STORIES[101]));
    await sendTelegram({ text: "/news 2", userId: 2303 });
    expect(sentTexts(outbound)[0]).toBe(
      '<b>Top stories on Hacker News</b>\n1. <a href="https://example.com/db">Show HN: A tiny database</a> (412 points)',
    );
  });

  it("answers a user at most twice a minute, saying how long to wait", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const start = Date.parse("2033-03-01T09:00:00Z");
      vi.setSystemTime(start);
      const outbound = stubHackerNews();
      await sendTelegram({ text: "/news 1", userId: 2308 });
      vi.setSystemTime(start + 12_000);
      await sendTelegram({ text: "/news 1", userId: 2308 });
      vi.setSystemTime(start + 30_000);
      await sendTelegram({ text: "/news 1", userId: 2308 });
      const texts = sentTexts(outbound);
      expect(texts[1]).toBe("Please wait 18 seconds before using this command again.");
      expect(texts.filter((text) => text.startsWith("<b>Top stories"))).toHaveLength(2);
      expect(callsTo(outbound, `${NEWS_API}/topstories.json`)).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("says how long to wait in the user's language", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const start = Date.parse("2033-03-02T09:00:00Z");
      vi.setSystemTime(start);
      const outbound = stubHackerNews();
      await sendTelegram({ text: "/news 1", userId: 2309, languageCode: "de" });
      vi.setSystemTime(start + 29_500);
      await sendTelegram({ text: "/news 1", userId: 2309, languageCode: "de" });
      expect(sentTexts(outbound)[1]).toBe("Bitte warte 1 Sekunde, bevor du diesen Befehl wieder nutzt.");
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects a count out of range without calling Hacker News", async () => {
    const outbound = stubHackerNews();
    await sendTelegram({ text: "/news 0", userId: 2304 });
    await sendTelegram({ text: "/news 11", userId: 2304 });
    await sendTelegram({ text: "/news 2.5", userId: 2304 });
    expect(sentTexts(outbound)).toEqual([
      "I can show 1 to 10 stories; 0 is out of range.",
      "I can show 1 to 10 stories; 11 is out of range.",
      "Sorry, count must be a whole number. Usage: /news [count]",
    ]);
    expect(callsTo(outbound, NEWS_API)).toHaveLength(0);
  });

  it("answers kindly when Hacker News is down", async () => {
    const outbound = stubTelegramApi(interceptFetch()).on(NEWS_API, () => new Response("oops", { status: 503 }));
    await sendTelegram({ text: "/news", userId: 2305 });
    expect(sentTexts(outbound)).toEqual(["Hacker News is not answering right now. Please try again in a moment."]);
  });

  it("answers kindly when one story fails to load", async () => {
    const outbound = stubTelegramApi(interceptFetch())
      .on(`${NEWS_API}/topstories.json`, () => Response.json([101, 102]))
      .on(`${NEWS_API}/item/102`, () => new Response("oops", { status: 500 }))
      .on(`${NEWS_API}/item/`, () => Response.json(STORIES[101]));
    await sendTelegram({ text: "/news 2", userId: 2306 });
    const messages = sentMessages(outbound);
    expect(messages.map((message) => message.text)).toEqual([
      "Hacker News is not answering right now. Please try again in a moment.",
    ]);
  });
});
