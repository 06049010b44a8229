/** The daily news digest: the top Hacker News stories, rendered once per language and sent to every subscriber. */
import { bold, type Digest } from "parley";
import { storyLine } from "../intents/news.ts";
import { topStories } from "../services/hacker-news.ts";

const DIGEST_STORIES = 5;

export const newsDigest: Digest = {
  name: "news",
  description: "The top 5 Hacker News stories",
  async render({ services, t }) {
    const stories = await topStories(services, DIGEST_STORIES);
    if (stories.length === 0) return { text: t("news-digest-none") };
    return { text: [bold(t("news-digest-title")), ...stories.flatMap((story, index) => storyLine(t, story, index))] };
  },
};
