import { describe, expect, it } from "vitest";
import { bold, code, italic, link, MAX_MESSAGES_PER_REPLY } from "../../../src/core/reply.ts";
import { renderReply, SECTION_LIMIT } from "../../../src/platforms/slack/render.ts";
import { ENGLISH } from "../../support/texts.ts";

const sectionTexts = (blocks: readonly { type: string; text?: { text: string } }[]) =>
  blocks.filter((block) => block.type === "section").map((block) => block.text?.text);

describe("Slack rendering", () => {
  it("renders formatting as mrkdwn and escapes what could become a link or a mention", () => {
    const message = renderReply(
      {
        text: [
          bold("<Berlin>"),
          " & ",
          italic(" now "),
          code("a<b"),
          " ",
          link("docs & more", "https://x.test/?a=1&b=<2>|3"),
          " <!channel>",
        ],
      },
      ENGLISH,
    );
    expect(sectionTexts(message?.blocks ?? [])).toEqual([
      "*&lt;Berlin&gt;* &amp;  _now_ `a&lt;b` <https://x.test/?a=1&amp;b=&lt;2&gt;%7C3|docs &amp; more> &lt;!channel&gt;",
    ]);
    expect(message?.text).toBe("&lt;Berlin&gt; &amp;  now a&lt;b docs &amp; more &lt;!channel&gt;");
  });

  it("keeps Slack from reading plain words as mentions or links", () => {
    const message = renderReply({ text: "@channel example.com" }, ENGLISH);
    expect(message?.blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "@channel example.com", verbatim: true },
    });
  });

  it("splits a long reply into sections at line breaks, within Slack's limit", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${"&".repeat(10)}`).join("\n");
    const message = renderReply({ text: [bold("Title"), "\n", lines] }, ENGLISH);
    const texts = sectionTexts(message?.blocks ?? []);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text?.length).toBeLessThanOrEqual(SECTION_LIMIT);
    expect(texts.slice(1).every((text) => /^line \d+ /.test(text ?? ""))).toBe(true);
    expect(texts.join("").replaceAll("&amp;", "&").replaceAll("\n", "")).toBe(`*Title*${lines.replaceAll("\n", "")}`);
  });

  it("cuts a reply longer than three sections' worth, and says so in the last", () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(" ");
    const message = renderReply({ text: words, buttons: [[{ label: "More", value: "/more" }]] }, ENGLISH);
    const texts = sectionTexts(message.blocks);
    expect(texts).toHaveLength(MAX_MESSAGES_PER_REPLY);
    for (const text of texts) expect(text?.length).toBeLessThanOrEqual(SECTION_LIMIT);
    expect(texts[2]).toMatch(/ w\d+ …\n_\(The rest was too long to send\.\)_$/);
    expect(words.startsWith(texts.join("").replace(/ …\n_.*$/, ""))).toBe(true);
    expect(message.blocks.map((block) => block.type)).toEqual(["section", "section", "section", "actions"]);
  });

  it("puts buttons in actions blocks after the text, each with its own action id", () => {
    const message = renderReply(
      {
        text: "Pick",
        buttons: [
          [
            { label: "✓ 1", value: "/todo done 1" },
            { label: "✓ 2", value: "/todo done 2" },
          ],
          [{ label: "Refresh", value: "/weather Berlin" }],
        ],
      },
      ENGLISH,
    );
    const actions = message?.blocks.filter((block) => block.type === "actions") ?? [];
    expect(message?.blocks[0]?.type).toBe("section");
    expect(
      actions.map((block) => block.elements.map((button) => [button.action_id, "value" in button && button.value])),
    ).toEqual([
      [
        ["button-0-0", "/todo done 1"],
        ["button-0-1", "/todo done 2"],
      ],
      [["button-1-0", "/weather Berlin"]],
    ]);
  });

  it("refuses a button value longer than every platform accepts", () => {
    expect(() => renderReply({ text: "x", buttons: [[{ label: "Go", value: "é".repeat(40) }]] }, ENGLISH)).toThrow(
      /64 bytes/,
    );
  });
});
