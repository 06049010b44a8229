/**
 * Stand-ins for the outside APIs the concierge bot calls, at the default
 * base URLs from wrangler.toml, answering with the shapes the real ones use.
 */
import { forecastBody } from "../../../scripts/local/services/weather.ts";
import type { Outbound, OutboundCall } from "../../support/outbound.ts";

export const GEOCODING_API = "https://geocoding-api.open-meteo.com/v1";
export const WEATHER_API = "https://api.open-meteo.com/v1";
export const FX_API = "https://api.frankfurter.dev/v1";
export const NEWS_API = "https://hacker-news.firebaseio.com/v0";

export interface StubPlace {
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly country?: string;
  readonly admin1?: string;
  /** What the forecast stub reports at the place's coordinates. */
  readonly temperature: number;
  readonly feelsLike: number;
}

export const BERLIN: StubPlace = {
  name: "Berlin",
  latitude: 52.52437,
  longitude: 13.41053,
  country: "Germany",
  temperature: 8.4,
  feelsLike: 5.1,
};

export const PARIS: StubPlace = {
  name: "Paris",
  latitude: 48.85341,
  longitude: 2.3488,
  country: "France",
  admin1: "Île-de-France",
  temperature: 11.2,
  feelsLike: 9.8,
};

/** The place's current weather as Open-Meteo answers it: its temperatures, a partly cloudy afternoon. */
export function forecastAt(place: StubPlace) {
  const { latitude, longitude, temperature, feelsLike } = place;
  const afternoon = { timezone: "Europe/Berlin", time: "2026-11-26T14:15", humidity: 71, wind: 14.4, code: 2 };
  return forecastBody({ latitude, longitude, temperature, feelsLike, ...afternoon });
}

/** Geocoding that knows `places` by name (case-insensitive), and their current weather by coordinates. */
export function stubOpenMeteo(outbound: Outbound, places: readonly StubPlace[] = [BERLIN, PARIS]): Outbound {
  return outbound
    .on(`${GEOCODING_API}/search`, (call) => {
      const name = call.url.searchParams.get("name")?.toLowerCase();
      const place = places.find((candidate) => candidate.name.toLowerCase() === name);
      if (!place) return Response.json({ generationtime_ms: 0.5 }); // Open-Meteo leaves `results` out.
      const { temperature: _t, feelsLike: _f, ...result } = place;
      return Response.json({ results: [{ id: 1, timezone: "Europe/Berlin", ...result }] });
    })
    .on(`${WEATHER_API}/forecast`, (call) => {
      const latitude = Number(call.url.searchParams.get("latitude"));
      const place = places.find((candidate) => candidate.latitude === latitude);
      return place
        ? Response.json(forecastAt(place))
        : Response.json({ error: true, reason: "no stub" }, { status: 400 });
    });
}

/** The calls made to the API at `base`. */
export function callsTo(outbound: Outbound, base: string): OutboundCall[] {
  return outbound.calls.filter((call) => call.url.href.startsWith(base));
}

/** Frankfurter knowing one rate, US dollars in euros, on 26 November 2026. */
export function stubRates(outbound: Outbound): Outbound {
  return outbound.on(`${FX_API}/latest`, (call) =>
    call.url.searchParams.get("base") === "USD" && call.url.searchParams.get("symbols") === "EUR"
      ? Response.json({ amount: 1, base: "USD", date: "2026-11-26", rates: { EUR: 0.92345 } })
      : Response.json({ message: "not found" }, { status: 404 }),
  );
}

/** Hacker News answering with five numbered stories. */
export function stubNews(outbound: Outbound): Outbound {
  return outbound
    .on(`${NEWS_API}/topstories.json`, () => Response.json([1, 2, 3, 4, 5, 6]))
    .on(`${NEWS_API}/item/`, (call) => {
      const id = Number(/\/item\/(\d+)\.json$/.exec(call.url.pathname)?.[1]);
      return Response.json({ id, title: `Story ${id}`, url: `https://example.net/${id}`, score: id * 10 });
    });
}
