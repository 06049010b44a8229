/** The news digest: the top Hacker News stories (5 unless the subscriber chose another count), rendered once per count and language. */
import { bold, type Digest, type DigestArgs, UserError } from "parley";
import { DEFAULT_COUNT, MAX_COUNT, storyLine } from "../intents/news.ts";
import { topStories } from "../services/hacker-news.ts";

export const newsDigest: Digest = {
  name: "news",
  description: "The top Hacker News stories",
  args: [
    { name: "count", type: "integer", kind: "count", optional: true, description: "How many stories (default 5)" },
  ],
  async canonical({ args, t }): Promise<DigestArgs> {
    const count = typeof args.count === "number" ? args.count : DEFAULT_COUNT;
    if (count < 1 || count > MAX_COUNT) {
      throw new UserError(t("news-out-of-range", { max: MAX_COUNT, wanted: count }));
    }
    // The usual count is stored as no count, so that it shares its render with subscriptions made without one.
    return count === DEFAULT_COUNT ? {} : { count };
  },
  async render({ services, args, t }) {
    const count = typeof args.count === "number" ? args.count : DEFAULT_COUNT;
    const stories = await topStories(services, count);
    if (stories.length === 0) return { text: t("news-digest-none") };
    return { text: [bold(t("news-digest-title")), ...stories.flatMap((story, index) => storyLine(t, story, index))] };
  },
};
