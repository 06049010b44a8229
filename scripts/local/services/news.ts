/**
 * A stand-in for the Hacker News Firebase API: a front page of made-up but
 * plausible stories (an "Ask HN" without a link among them), items by id,
 * and `null` for an id it does not have, as the real API answers.
 */
import type { ApiAnswer } from "../platform.ts";

/** Title, and the story's link; none for a text post, whose link is its discussion. */
const STORIES: readonly (readonly [string, string?])[] = [
  ["Show HN: One set of intent handlers for Telegram, Discord and Slack", "https://example.com/parley"],
  ["SQLite is the database you already have", "https://example.com/sqlite-everywhere"],
  ["Ask HN: How do you test code that depends on third-party webhooks?"],
  ["Designing retries that respect a 429", "https://example.com/retry-after"],
  ["A visual guide to Ed25519 signatures", "https://example.com/ed25519"],
  ["Why daylight saving time still breaks scheduled jobs", "https://example.com/dst-cron"],
  ["The economics of serverless cold starts", "https://example.com/cold-starts"],
  ["Reading the WebAssembly spec one instruction at a time", "https://example.com/wasm-spec"],
  ["What we learned sending a million digests at 8 a.m.", "https://example.com/digests"],
  ["Exactly-once is a lie; at-most-once with a ledger is not", "https://example.com/ledger"],
  ["Show HN: A terminal chat client for your bot, no tokens needed", "https://example.com/chat-cli"],
  ["The case for boring technology, ten years on", "https://example.com/boring"],
];

const FIRST_ID = 46_100_001;
const AUTHORS = ["adal", "gracehop", "kthompson", "mhamilton", "dritchie", "barbarali"];

function item(id: number, now: number): unknown {
  const index = id - FIRST_ID;
  const story = STORIES[index];
  if (!story) return null;
  const [title, url] = story;
  return {
    by: AUTHORS[index % AUTHORS.length],
    descendants: 40 + ((index * 37) % 260),
    id,
    score: 480 - index * 31,
    time: Math.floor(now / 1000) - 1800 * (index + 1),
    title,
    type: "story",
    ...(url ? { url } : {}),
  };
}

/** `NEWS_API_BASE` answers `/topstories.json` and `/item/<id>.json`. */
export function news(path: string): ApiAnswer {
  if (path === "/topstories.json") return { status: 200, body: STORIES.map((_, index) => FIRST_ID + index) };
  const id = /^\/item\/(\d+)\.json$/.exec(path)?.[1];
  if (id !== undefined) return { status: 200, body: item(Number(id), Date.now()) };
  return { status: 404, body: { error: "Not Found" } };
}
