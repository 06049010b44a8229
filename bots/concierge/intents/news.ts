/** /news [count]: the top Hacker News stories, each a link. */
import { bold, cooldown, defineIntent, link, type Span, type Translate, UserError } from "parley";
import { type Story, topStories } from "../services/hacker-news.ts";

export const DEFAULT_COUNT = 5;
/** Each story is one outside request; ten keeps the reply readable and the request count low. */
export const MAX_COUNT = 10;
/** Up to eleven requests to Hacker News a time: a user may ask twice a minute. */
const COOLDOWN_MS = 30_000;

/** One numbered line per story: its title as a link, and its points. */
export function storyLine(t: Translate, story: Story, index: number): Span[] {
  return [
    `\n${index + 1}. `,
    link(story.title, story.url),
    ...(story.score === undefined ? [] : [` (${t("news-points", { points: story.score })})`]),
  ];
}

export const news = defineIntent({
  command: "news",
  description: "Top stories on Hacker News",
  examples: {
    en: [
      "(news|headlines)",
      "top {count} news",
      "show me the top {count} news",
      "give me {count} headlines",
      "top stories",
      "whats new on hacker news",
      "(latest|any|tech) news",
      "whats in the news",
      "hacker news top {count}",
      "the {count} latest stories",
      "read me the headlines",
      "whats happening today",
      "whats (new|trending)",
      "show me {count} stories",
      "news from hacker news",
      "what is going on in the world",
      "catch me up on the news",
      "(show|give|tell|get|read) me the (news|headlines)",
    ],
    de: [
      "(nachrichten|schlagzeilen|neuigkeiten)",
      "zeig mir die nachrichten",
      "zeig mir die top {count} nachrichten",
      "die {count} neuesten nachrichten",
      "was gibt es neues",
      "top {count} meldungen",
      "aktuelle nachrichten",
      "(hacker|tech) news",
      "gib mir {count} schlagzeilen",
      "was ist los in der welt",
      "die (wichtigsten|neuesten) nachrichten",
      "news bitte",
      "was gibt es neues bei hacker news",
      "was ist los bei hacker news",
      "nur {count} nachrichten",
      "top stories",
      "was gibt es neues in der welt",
      "die {count} wichtigsten schlagzeilen",
      "was läuft gerade",
      "(zeig|gib|sag|lies) mir die (nachrichten|news|schlagzeilen)",
    ],
  },
  args: [
    {
      name: "count",
      type: "integer",
      optional: true,
      description: `How many stories, 1 to ${MAX_COUNT} (default ${DEFAULT_COUNT})`,
    },
  ],
  use: [cooldown(COOLDOWN_MS)],
  async run(ctx) {
    const wanted = ctx.args.count ?? DEFAULT_COUNT;
    if (wanted < 1 || wanted > MAX_COUNT) {
      throw new UserError(ctx.t("news-out-of-range", { max: MAX_COUNT, wanted }));
    }
    const stories = await topStories(ctx.services, wanted);
    if (stories.length === 0) {
      ctx.reply(ctx.t("news-none"));
      return;
    }
    ctx.reply([bold(ctx.t("news-title")), ...stories.flatMap((story, index) => storyLine(ctx.t, story, index))]);
  },
});
