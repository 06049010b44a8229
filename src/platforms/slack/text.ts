/**
 * What users type, as Slack delivers it, back to what they see: Slack
 * escapes `&`, `<` and `>` and wraps links, mentions and channels in
 * `<…>` markup. Handlers get plain text, so "weather São Paulo" and
 * "todo add salt & pepper" arrive as typed.
 */

/** A mention at the very start, as in "<@U0BOT> weather Berlin" or "<@U0BOT|concierge>: help". */
const LEADING_MENTION = /^\s*<@([A-Z0-9]+)(?:\|[^>]*)?>[\s,:]*/;

/**
 * Drops a leading mention of the bot so the rest routes like a direct
 * message. When the bot's user id is unknown, the leading mention of an
 * `app_mention` event is the bot's by definition.
 */
export function stripMention(text: string, botUserId: string | undefined): string {
  const match = LEADING_MENTION.exec(text);
  if (!match || (botUserId !== undefined && match[1] !== botUserId)) return text;
  return text.slice(match[0].length);
}

/** Whether the text mentions the user anywhere. */
export function mentions(text: string, userId: string): boolean {
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}

/** `<target|label>` as the user saw it: a link's label, "@name" for people and groups, "#name" for channels. */
function unwrap(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith("@") || target.startsWith("#")) return `${target[0]}${label ?? target.slice(1)}`;
  // Special mentions: <!here>, <!subteam^S123|@team>.
  if (target.startsWith("!")) return label ?? `@${target.slice(1)}`;
  return label ?? target;
}

export function decodeText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => unwrap(inner))
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
