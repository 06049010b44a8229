/** The Hacker News Firebase API: a list of top story ids, then one request per story. */
import type { Services } from "parley";
import * as z from "zod";

/** The service as users hear of it: a message of the bot (`news-service`). */
const NEWS_SERVICE = "news-service";

const TopStories = z.array(z.number().int());

/** Deleted or missing items come back as `null` or without a title. */
const Item = z
  .object({
    id: z.number().int(),
    title: z.string().optional(),
    url: z.string().optional(),
    score: z.number().optional(),
  })
  .nullable();

export interface Story {
  readonly id: number;
  readonly title: string;
  /** The story's own link, or its discussion page for Ask HN and the like. */
  readonly url: string;
  readonly score?: number;
}

/** Only web links are passed on: a story's `url` is whatever its poster typed. */
function webUrl(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return protocol === "https:" || protocol === "http:" ? url : undefined;
}

function discussionUrl(id: number): string {
  return `https://news.ycombinator.com/item?id=${id}`;
}

/** The first `count` top stories, in ranking order, skipping any deleted since they were ranked. */
export async function topStories(services: Services, count: number): Promise<Story[]> {
  const base = services.setting("NEWS_API_BASE");
  const ids = await services.getJson(NEWS_SERVICE, new URL(`${base}/topstories.json`), TopStories);
  const items = await Promise.all(
    ids.slice(0, count).map((id) => services.getJson(NEWS_SERVICE, new URL(`${base}/item/${id}.json`), Item)),
  );
  return items.flatMap((item) =>
    item?.title === undefined
      ? []
      : [
          {
            id: item.id,
            title: item.title,
            url: webUrl(item.url) ?? discussionUrl(item.id),
            ...(item.score === undefined ? {} : { score: item.score }),
          },
        ],
  );
}
