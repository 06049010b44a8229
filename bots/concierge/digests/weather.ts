/**
 * The weather digest for a city: its current conditions, today's high and
 * low and the chance of rain. The city is looked up once, when someone
 * subscribes, and kept as its name and coordinates: every subscriber of one
 * place shares one render, one forecast call.
 */
import { type Digest, type DigestArgs, quote, type Translate, UserError } from "parley";
import { formatMeasure } from "../format.ts";
import { describe, MAX_CITY_LENGTH, suggestPlaces } from "../intents/weather.ts";
import { findPlace, type TodaysWeather, todaysWeather } from "../services/open-meteo.ts";

/** The place a subscription names, as `canonical` stored it. */
function placeOf(args: DigestArgs) {
  const { city, latitude, longitude, country, admin1 } = args;
  if (typeof city !== "string" || typeof latitude !== "number" || typeof longitude !== "number") {
    throw new Error("weather digest without a place");
  }
  return {
    name: city,
    latitude,
    longitude,
    ...(typeof country === "string" ? { country } : {}),
    ...(typeof admin1 === "string" ? { admin1 } : {}),
  };
}

/** "Today 3 °C to 9 °C, 40% chance of rain", when the forecast has today's range. */
function today(weather: TodaysWeather, t: Translate, locale: string): string[] {
  const { daily } = weather;
  const high = daily?.temperature_2m_max[0];
  const low = daily?.temperature_2m_min[0];
  if (high === undefined || low === undefined) return [];
  const unit = weather.daily_units?.temperature_2m_max ?? "°C";
  const rain = daily?.precipitation_probability_max[0];
  const range = t("weather-digest-today", {
    high: formatMeasure(high, unit, locale),
    low: formatMeasure(low, unit, locale),
  });
  const chance = rain === undefined || rain === null ? "" : ` ${t("weather-digest-rain", { chance: `${rain}%` })}`;
  return [`\n${range}${chance}`];
}

export const weatherDigest: Digest = {
  name: "weather",
  description: "The weather in a city: now, today's high and low, and the chance of rain",
  args: [
    {
      name: "city",
      type: "string",
      kind: "city",
      rest: true,
      ask: "For which city?",
      description: "The city or place, e.g. Berlin",
      examples: ["Berlin", "New York", "Tokyo"],
      suggest: suggestPlaces,
    },
  ],
  async canonical({ services, args, locale, t }) {
    const city = String(args.city).replace(/\s+/g, " ").trim();
    if (city.length > MAX_CITY_LENGTH) throw new UserError(t("weather-too-long"));
    const place = await findPlace(services, city, new Intl.Locale(locale).language);
    if (!place) throw new UserError(t("weather-not-found", { city: quote(city) }));
    return {
      city: place.name,
      latitude: place.latitude,
      longitude: place.longitude,
      ...(place.country ? { country: place.country } : {}),
      ...(place.admin1 ? { admin1: place.admin1 } : {}),
    };
  },
  title(args, t) {
    return t("weather-digest-name", { city: typeof args.city === "string" ? args.city : "" });
  },
  async render({ services, args, t, locale }) {
    const place = placeOf(args);
    const weather = await todaysWeather(services, place);
    return { text: [...describe({ t, locale }, place, weather), ...today(weather, t, locale)] };
  },
};
