import { describe, expect, it } from "vitest";
import { bold, code, italic, link, MAX_MESSAGES_PER_REPLY } from "../../../src/core/reply.ts";
import {
  answerModal,
  escapeMarkdown,
  MESSAGE_LIMIT,
  readCustomId,
  renderReply,
} from "../../../src/platforms/discord/render.ts";
import { ENGLISH } from "../../support/texts.ts";

const only = (reply: Parameters<typeof renderReply>[0]) => renderReply(reply, ENGLISH)[0];

describe("Discord rendering", () => {
  it("renders formatting as Discord markdown and escapes user text", () => {
    const message = only({
      text: [
        bold("*Berlin*"),
        " _a_ ~b~ `c` |d| ",
        italic(" gentle "),
        " ",
        link("docs [v2]", "https://x.test/a_(b)?q=1 2"),
      ],
    });
    expect(message?.content).toBe(
      "**\\*Berlin\\***" +
        " \\_a\\_ \\~b\\~ \\`c\\` \\|d\\| " +
        " *gentle* " +
        " [docs \\[v2\\]](https://x.test/a_%28b%29?q=1%202)",
    );
  });

  it("keeps line starts from turning into headings, quotes or lists", () => {
    expect(escapeMarkdown("# title\n> quote\n- item\n12. twelve\n-# small")).toBe(
      "\\# title\n\\> quote\n\\- item\n12\\. twelve\n\\-# small",
    );
    expect(escapeMarkdown("<@123> <t:1:R> @everyone")).toBe("\\<@123\\> \\<t:1:R\\> @everyone");
  });

  it("keeps backticks from ending a code span early", () => {
    expect(only({ text: [code("a`b")] })?.content).toBe("`aˋb`");
  });

  it("splits a long reply at Discord's limit and keeps the buttons on the last part", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} *`).join("\n");
    const messages = renderReply(
      {
        text: [bold("Title"), "\n", lines],
        buttons: [[{ label: "More", value: "/more" }]],
      },
      ENGLISH,
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.content.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(messages.slice(0, -1).every((message) => message.components.length === 0)).toBe(true);
    expect(messages.at(-1)?.components[0]?.components[0]).toMatchObject({ label: "More", custom_id: "0:/more" });
    const text = messages.map((message) => message.content.replaceAll("\\*", "*")).join("");
    expect(text.replaceAll("\n", "")).toBe(`**Title**${lines.replaceAll("\n", "")}`);
  });

  it("cuts a reply that would take more than three messages, and says so in the last", () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(" ");
    const messages = renderReply({ text: words, buttons: [[{ label: "More", value: "/more" }]] }, ENGLISH);
    expect(messages).toHaveLength(MAX_MESSAGES_PER_REPLY);
    for (const message of messages) expect(message.content.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(messages[2]?.content).toMatch(/ w\d+ …\n\*\(The rest was too long to send\.\)\*$/);
    expect(
      words.startsWith(
        messages
          .map((message) => message.content)
          .join("")
          .replace(/ …\n\*.*$/, ""),
      ),
    ).toBe(true);
    expect(messages.map((message) => message.components.length)).toEqual([0, 0, 1]);
  });

  it("lays buttons out within Discord's limits: five in a row, five rows", () => {
    const row = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({ label: `B${from + i}`, value: `v${from + i}` }));
    const [message] = renderReply({ text: "Pick", buttons: [row(7), row(3, 7), row(20, 10)] }, ENGLISH);
    const rows = message?.components ?? [];
    expect(rows.map((entry) => entry.components.length)).toEqual([5, 2, 3, 5, 5]);
    expect(rows.flatMap((entry) => entry.components.map((button) => button.custom_id))).toEqual(
      Array.from({ length: 20 }, (_, i) => `${i}:v${i}`),
    );
  });

  it("gives buttons with equal values distinct ids, and reads their values back", () => {
    const [message] = renderReply(
      {
        text: "Sure?",
        buttons: [
          [
            { label: "Yes", value: "/confirm" },
            { label: "Sure", value: "/confirm" },
          ],
        ],
      },
      ENGLISH,
    );
    const ids = message?.components[0]?.components.map((button) => button.custom_id) ?? [];
    expect(new Set(ids).size).toBe(2);
    expect(ids.map((id) => readCustomId(id))).toEqual([
      { kind: "value", value: "/confirm" },
      { kind: "value", value: "/confirm" },
    ]);
    expect(readCustomId("something else")).toBeUndefined();
  });

  it("shortens long button labels and refuses values longer than any platform takes", () => {
    const [message] = renderReply({ text: "x", buttons: [[{ label: "L".repeat(100), value: "v" }]] }, ENGLISH);
    expect(message?.components[0]?.components[0]).toMatchObject({ label: `${"L".repeat(79)}…` });
    expect(() => renderReply({ text: "x", buttons: [[{ label: "Go", value: "é".repeat(40) }]] }, ENGLISH)).toThrow(
      /64 bytes/,
    );
  });

  it("makes every message say which buttons it has, so an edit removes old ones", () => {
    expect(only({ text: "Plain" })?.components).toEqual([]);
  });
});

describe("Discord questions", () => {
  it("gives a question without buttons an Answer button that carries the question", () => {
    const [message] = renderReply({ text: "Which city?", asks: true }, ENGLISH);
    const answer = message?.components[0]?.components[0];
    expect(answer).toMatchObject({ label: "Answer" });
    expect(readCustomId(answer?.custom_id ?? "")).toEqual({ kind: "answer", question: "Which city?" });
    const [withButtons] = renderReply({ text: "Which?", asks: true, buttons: [[{ label: "A", value: "a" }]] }, ENGLISH);
    expect(withButtons?.components).toMatchObject([{ components: [{ label: "A" }] }]);
  });

  it("opens a modal titled with the question, in full above the field when the title is too short for it", () => {
    expect(answerModal("Which city?", ENGLISH)).toMatchObject({ title: "Which city?", components: [{ type: 18 }] });
    const long = "Which of the many cities of the world would you like the weather for?";
    const modal = answerModal(long, ENGLISH);
    expect([...modal.title]).toHaveLength(45);
    expect(modal.components[0]).toEqual({ type: 10, content: long });
  });
});
