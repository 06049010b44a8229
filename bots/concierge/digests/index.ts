/** The concierge's digests, in the order `/subscribe` lists them. */
import { newsDigest } from "./news.ts";
import { ratesDigest } from "./rates.ts";
import { weatherDigest } from "./weather.ts";

export const digests = [newsDigest, weatherDigest, ratesDigest];
