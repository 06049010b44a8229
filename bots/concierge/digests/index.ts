/** The concierge's digests: what the bot sends on schedule, and what `/subscribe` offers to pick from. */
import { newsDigest } from "./news.ts";

export const digests = [newsDigest];

/** Their names: the choices of `/subscribe` and `/unsubscribe`. */
export const digestChoices = digests.map((digest) => digest.name);
