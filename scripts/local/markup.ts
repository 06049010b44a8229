/**
 * What the bot sends, read the way each platform's app reads it: Telegram's
 * HTML, Discord's markdown and Slack's mrkdwn become spans of styled text,
 * which the page and the command-line show without ever interpreting markup
 * themselves. Telegram refuses malformed HTML, so its reader does too.
 */
import type { Span } from "./protocol.ts";

type Style = Omit<Span, "text">;

/** Appends text in a style, joining it to the previous span when the style is the same. */
function push(spans: Span[], text: string, style: Style): void {
  if (text === "") return;
  const last = spans.at(-1);
  const same =
    last !== undefined &&
    last.bold === style.bold &&
    last.italic === style.italic &&
    last.code === style.code &&
    last.link === style.link;
  if (same) spans[spans.length - 1] = { ...last, text: last.text + text };
  else spans.push({ text, ...style });
}

const ENTITIES: Readonly<Record<string, string>> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"' };

function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|amp|quot);/g, (entity) => ENTITIES[entity] ?? entity);
}

const TELEGRAM_TAGS: Readonly<Record<string, keyof Style>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  code: "code",
  pre: "code",
  a: "link",
};

/** Telegram's HTML parse mode; the error is Telegram's "can't parse entities" when it would refuse the text. */
export function telegramHtml(html: string): { spans: Span[] } | { error: string } {
  const spans: Span[] = [];
  const open: { tag: string; style: Style }[] = [];
  const token = /<(\/?)([a-z]+)((?:\s+[a-z]+="[^"]*")*)\s*>|([^<&]+)|(&(?:lt|gt|amp|quot);)|([<&])/gy;
  for (let match = token.exec(html); match !== null; match = token.exec(html)) {
    const [, closing, tag = "", attributes = "", text, entity, stray] = match;
    const style = open.at(-1)?.style ?? {};
    if (text !== undefined || entity !== undefined) push(spans, decodeEntities(text ?? entity ?? ""), style);
    else if (stray !== undefined) return { error: `can't parse entities: unexpected "${stray}"` };
    else if (!(tag in TELEGRAM_TAGS)) return { error: `can't parse entities: unsupported tag "${tag}"` };
    else if (closing) {
      if (open.pop()?.tag !== tag) return { error: `can't parse entities: unmatched end tag "${tag}"` };
    } else {
      const href = /href="([^"]*)"/.exec(attributes)?.[1];
      const change = tag === "a" ? { link: decodeEntities(href ?? "") } : { [TELEGRAM_TAGS[tag] ?? "bold"]: true };
      open.push({ tag, style: { ...style, ...change } });
    }
  }
  return open.length > 0 ? { error: `can't parse entities: unclosed tag "${open.at(-1)?.tag}"` } : { spans };
}

/** Discord's markdown as far as bots use it: **bold**, *italic*, `code`, [masked links](url), backslash escapes. */
export function discordMarkdown(markdown: string): Span[] {
  const spans: Span[] = [];
  let style: Style = {};
  const token = /\\([^\w\s])|\*\*|\*|`([^`]*)`|\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)|([^\\*`[]+|[\\`[])/gy;
  for (let match = token.exec(markdown); match !== null; match = token.exec(markdown)) {
    const [whole, escaped, code, label, url, text] = match;
    if (escaped !== undefined) push(spans, escaped, style);
    else if (whole === "**") style = { ...style, bold: style.bold ? undefined : true };
    else if (whole === "*") style = { ...style, italic: style.italic ? undefined : true };
    else if (code !== undefined) push(spans, code, { ...style, code: true });
    else if (label !== undefined) push(spans, label.replace(/\\(.)/g, "$1"), { ...style, link: url ?? "" });
    else push(spans, text ?? whole, style);
  }
  return spans;
}

/** Slack's mrkdwn: *bold*, _italic_, `code`, <url|links>, and its three escaped characters. */
export function slackMrkdwn(mrkdwn: string): Span[] {
  const spans: Span[] = [];
  const token = /<([^|>]+)(?:\|([^>]*))?>|`([^`]+)`|\*([^*\n]+)\*|_([^_\n]+)_|([^<`*_]+|[<`*_])/gy;
  for (let match = token.exec(mrkdwn); match !== null; match = token.exec(mrkdwn)) {
    const [, url, label, code, bold, italic, text = ""] = match;
    if (url !== undefined) push(spans, decodeEntities(label ?? url), { link: decodeEntities(url) });
    else if (code !== undefined) push(spans, decodeEntities(code), { code: true });
    else if (bold !== undefined) push(spans, decodeEntities(bold), { bold: true });
    else if (italic !== undefined) push(spans, decodeEntities(italic), { italic: true });
    else push(spans, decodeEntities(text), {});
  }
  return spans;
}
