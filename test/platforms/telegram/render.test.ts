import { describe, expect, it } from "vitest";
import { bold, code, link, MAX_MESSAGES_PER_REPLY } from "../../../src/core/reply.ts";
import { parseCommand } from "../../../src/platforms/telegram/parse.ts";
import { MESSAGE_LIMIT, renderReply } from "../../../src/platforms/telegram/render.ts";
import { ENGLISH } from "../../support/texts.ts";

describe("Telegram rendering", () => {
  it("renders formatting as HTML and escapes user text", () => {
    const [message] = renderReply(
      {
        text: [bold("<Berlin>"), " & ", code("a<b"), " ", link("docs", 'https://x.test/?a=1&b="2"')],
      },
      ENGLISH,
    );
    expect(message?.text).toBe(
      '<b>&lt;Berlin&gt;</b> &amp; <code>a&lt;b</code> <a href="https://x.test/?a=1&amp;b=&quot;2&quot;">docs</a>',
    );
  });

  it("splits a long reply at Telegram's limit, at line breaks, and keeps the buttons on the last part", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `line ${i} ${"&".repeat(10)}`).join("\n");
    const messages = renderReply(
      {
        text: [bold("Title"), "\n", lines],
        buttons: [[{ label: "More", value: "/more" }]],
      },
      ENGLISH,
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(messages.slice(1).every((message) => /^line \d+ /.test(message.text))).toBe(true);
    expect(messages.at(-1)?.replyMarkup).toEqual({ inline_keyboard: [[{ text: "More", callback_data: "/more" }]] });
    expect(messages[0]?.replyMarkup).toBeUndefined();
    const unescaped = messages.map((m) => m.text.replaceAll("&amp;", "&")).join("");
    expect(unescaped.replaceAll("\n", "")).toBe(`<b>Title</b>${lines.replaceAll("\n", "")}`);
  });

  it("splits one enormous word without losing a character", () => {
    const word = "x".repeat(MESSAGE_LIMIT * 2 + 10);
    const messages = renderReply({ text: word }, ENGLISH);
    expect(messages.map((m) => m.text.length)).toEqual([MESSAGE_LIMIT, MESSAGE_LIMIT, 10]);
  });

  it("cuts a reply that would take more than three messages, and says so in the last", () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(" ");
    const messages = renderReply({ text: words, buttons: [[{ label: "More", value: "/more" }]] }, ENGLISH);
    expect(MAX_MESSAGES_PER_REPLY).toBe(3);
    expect(messages).toHaveLength(3);
    for (const message of messages) expect(message.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    const last = messages[2]?.text ?? "";
    expect(last).toMatch(/ w\d+ …\n<i>\(The rest was too long to send\.\)<\/i>$/);
    expect(
      words.startsWith(
        messages
          .map((message) => message.text)
          .join("")
          .replace(/ …\n<i>.*$/, ""),
      ),
    ).toBe(true);
    expect(messages[2]?.replyMarkup).toEqual({ inline_keyboard: [[{ text: "More", callback_data: "/more" }]] });
  });

  it("refuses a button value longer than Telegram's callback data limit", () => {
    expect(() => renderReply({ text: "x", buttons: [[{ label: "Go", value: "é".repeat(40) }]] }, ENGLISH)).toThrow(
      /64 bytes/,
    );
  });

  it("parses commands with a bot name suffix and arguments", () => {
    expect(parseCommand("/Weather@Concierge_Bot  New York")).toEqual({
      name: "weather",
      text: "New York",
      target: "Concierge_Bot",
    });
    expect(parseCommand("/help")).toEqual({ name: "help", text: "" });
    expect(parseCommand("not a command")).toBeUndefined();
  });
});

describe("Telegram questions", () => {
  it("opens the reply field for the asking user when the bot asks without buttons", () => {
    expect(renderReply({ text: "Which city?", asks: true }, ENGLISH)[0]?.replyMarkup).toEqual({
      force_reply: true,
      selective: true,
    });
    expect(
      renderReply({ text: "Which?", asks: true, buttons: [[{ label: "A", value: "a" }]] }, ENGLISH)[0]?.replyMarkup,
    ).toEqual({
      inline_keyboard: [[{ text: "A", callback_data: "a" }]],
    });
    expect(renderReply({ text: "Plain" }, ENGLISH)[0]?.replyMarkup).toBeUndefined();
  });
});
