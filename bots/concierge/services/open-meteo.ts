/**
 * Open-Meteo, which needs no key: the geocoding API turns a place name into
 * coordinates, the forecast API gives the current weather there.
 */
import type { Services } from "parley";
import * as z from "zod";

/** The service as users hear of it ("… is not answering right now"): a message of the bot. */
const WEATHER_SERVICE = "weather-service";

const Place = z.object({
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  country: z.string().optional(),
  admin1: z.string().optional(),
});

export type Place = z.infer<typeof Place>;

/** Open-Meteo leaves `results` out when nothing matches. */
const GeocodingAnswer = z.object({ results: z.array(Place).optional() });

const CurrentWeather = z.object({
  current: z.object({
    time: z.string(),
    temperature_2m: z.number(),
    apparent_temperature: z.number(),
    relative_humidity_2m: z.number(),
    wind_speed_10m: z.number(),
    weather_code: z.number().int(),
  }),
  current_units: z.record(z.string(), z.string()).optional(),
});

export type CurrentWeather = z.infer<typeof CurrentWeather>;

/** Up to `count` places called `name` (or starting so), best match first, named in `language` (`en`, `de`). */
export async function searchPlaces(
  services: Services,
  name: string,
  count: number,
  language: string,
): Promise<Place[]> {
  const url = new URL(`${services.setting("GEOCODING_API_BASE")}/search`);
  url.search = new URLSearchParams({ name, count: String(count), language, format: "json" }).toString();
  const answer = await services.getJson(WEATHER_SERVICE, url, GeocodingAnswer);
  return answer.results ?? [];
}

/** The best match for `name`, or undefined when Open-Meteo knows no such place. */
export async function findPlace(services: Services, name: string, language: string): Promise<Place | undefined> {
  return (await searchPlaces(services, name, 1, language))[0];
}

export function currentWeather(services: Services, place: Place): Promise<CurrentWeather> {
  const url = new URL(`${services.setting("WEATHER_API_BASE")}/forecast`);
  url.search = new URLSearchParams({
    latitude: String(place.latitude),
    longitude: String(place.longitude),
    current: "temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,weather_code",
    timezone: "auto",
  }).toString();
  return services.getJson(WEATHER_SERVICE, url, CurrentWeather);
}

/** Today's range and chance of rain; the local stand-in may leave it out. */
const TodaysWeather = CurrentWeather.extend({
  daily: z
    .object({
      temperature_2m_max: z.array(z.number()).min(1),
      temperature_2m_min: z.array(z.number()).min(1),
      precipitation_probability_max: z.array(z.number().nullable()).min(1),
    })
    .optional(),
  daily_units: z.record(z.string(), z.string()).optional(),
});

export type TodaysWeather = z.infer<typeof TodaysWeather>;

/** The current weather at a place and today's high, low and chance of rain there: one call. */
export function todaysWeather(
  services: Services,
  place: Pick<Place, "latitude" | "longitude">,
): Promise<TodaysWeather> {
  const url = new URL(`${services.setting("WEATHER_API_BASE")}/forecast`);
  url.search = new URLSearchParams({
    latitude: String(place.latitude),
    longitude: String(place.longitude),
    current: "temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,weather_code",
    daily: "temperature_2m_max,temperature_2m_min,precipitation_probability_max",
    forecast_days: "1",
    timezone: "auto",
  }).toString();
  return services.getJson(WEATHER_SERVICE, url, TodaysWeather);
}
