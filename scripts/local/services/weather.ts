/**
 * A stand-in for Open-Meteo's geocoding and forecast APIs: sixteen cities
 * around the world, and current weather that follows the season, the hour
 * of the day and the climate of each, changing from hour to hour but the
 * same for everyone asking at the same time.
 */
import type { ApiAnswer } from "../platform.ts";

interface City {
  readonly name: string;
  readonly country: string;
  readonly countryCode: string;
  readonly admin1?: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly timezone: string;
  readonly population: number;
  /** Mean temperature over the year, °C. */
  readonly mean: number;
  /** From the mean to the warmest month; negative south of the equator, where July is winter. */
  readonly swing: number;
}

/** Name, country, code, region, latitude, longitude, zone, thousands of people, mean °C, swing °C. */
type Row = readonly [string, string, string, string, number, number, string, number, number, number];

const ROWS: readonly Row[] = [
  ["Berlin", "Germany", "DE", "Land Berlin", 52.52437, 13.41053, "Europe/Berlin", 3426, 10.3, 9.5],
  ["Paris", "France", "FR", "Île-de-France", 48.85341, 2.3488, "Europe/Paris", 2138, 12.3, 8],
  ["London", "United Kingdom", "GB", "England", 51.50853, -0.12574, "Europe/London", 8961, 11.3, 6.5],
  ["Madrid", "Spain", "ES", "Madrid", 40.4165, -3.70256, "Europe/Madrid", 3255, 15, 10],
  ["Rome", "Italy", "IT", "Lazio", 41.89193, 12.51133, "Europe/Rome", 2318, 15.5, 8.5],
  ["Reykjavík", "Iceland", "IS", "Capital Region", 64.13548, -21.89541, "Atlantic/Reykjavik", 118, 5, 5.5],
  ["Cairo", "Egypt", "EG", "Cairo", 30.06263, 31.24967, "Africa/Cairo", 9606, 22.5, 7],
  ["Cape Town", "South Africa", "ZA", "Western Cape", -33.92584, 18.42322, "Africa/Johannesburg", 3433, 17, -4],
  ["New York", "United States", "US", "New York", 40.71427, -74.00597, "America/New_York", 8804, 13, 12],
  ["San Francisco", "United States", "US", "California", 37.77493, -122.41942, "America/Los_Angeles", 864, 14.5, 3],
  ["Toronto", "Canada", "CA", "Ontario", 43.70643, -79.39864, "America/Toronto", 2600, 9, 13],
  ["São Paulo", "Brazil", "BR", "São Paulo", -23.5475, -46.63611, "America/Sao_Paulo", 10021, 19.5, -3],
  ["Tokyo", "Japan", "JP", "Tokyo", 35.6895, 139.69171, "Asia/Tokyo", 9733, 16, 10],
  ["Mumbai", "India", "IN", "Maharashtra", 19.07283, 72.88261, "Asia/Kolkata", 12691, 27.5, 2.5],
  ["Singapore", "Singapore", "SG", "", 1.28967, 103.85007, "Asia/Singapore", 3547, 27.5, 0.5],
  ["Sydney", "Australia", "AU", "New South Wales", -33.86785, 151.20732, "Australia/Sydney", 4627, 18.5, -5],
];

const CITIES: readonly City[] = ROWS.map(
  ([name, country, countryCode, admin1, latitude, longitude, timezone, thousands, mean, swing]) => ({
    name,
    country,
    countryCode,
    ...(admin1 ? { admin1 } : {}),
    latitude,
    longitude,
    timezone,
    population: thousands * 1000,
    mean,
    swing,
  }),
);

/** What people type: any case, with or without accents ("sao paulo", "Reykjavik"). */
function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim();
}

/** FNV-1a to [0, 1): weather that varies, yet is the same for the same place and hour. */
function chance(key: string): number {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return (hash >>> 0) / 2 ** 32;
}

function search(query: URLSearchParams): ApiAnswer {
  const name = normalise(query.get("name") ?? "");
  const count = Math.min(Number(query.get("count") ?? 10) || 10, 100);
  const results = CITIES.filter((city) => name !== "" && normalise(city.name).startsWith(name))
    .sort((a, b) => b.population - a.population)
    .slice(0, count)
    .map((city, index) => ({
      id: 2_950_000 + index,
      name: city.name,
      latitude: city.latitude,
      longitude: city.longitude,
      feature_code: "PPLC",
      country_code: city.countryCode,
      timezone: city.timezone,
      population: city.population,
      country: city.country,
      ...(city.admin1 ? { admin1: city.admin1 } : {}),
    }));
  // Open-Meteo leaves `results` out when nothing matches.
  return { status: 200, body: { ...(results.length ? { results } : {}), generationtime_ms: 0.4 } };
}

/** "2026-11-26T14:15" on the clocks of `zone`, as Open-Meteo reports time with timezone=auto. */
function localTime(instant: Date, zone: string): { time: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const minute = String(Math.floor(Number(parts.minute) / 15) * 15).padStart(2, "0");
  return { time: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${minute}`, hour: Number(parts.hour) };
}

/** Sky conditions by chance, as WMO codes; snow instead of rain below freezing. */
function weatherCode(roll: number, temperature: number): number {
  const codes = [0, 0, 1, 1, 2, 2, 3, 3, 45, 61, 63, 80, 95];
  const code = codes[Math.floor(roll * codes.length)] ?? 0;
  const snow: Readonly<Record<number, number>> = { 61: 71, 63: 73, 80: 85 };
  return temperature < 1 ? (snow[code] ?? code) : code;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** The weather at one place and time, in the units Open-Meteo reports. */
export interface Conditions {
  readonly latitude: number;
  readonly longitude: number;
  readonly timezone: string;
  /** Local time at the place, "2026-11-26T14:15". */
  readonly time: string;
  /** °C. */
  readonly temperature: number;
  readonly feelsLike: number;
  /** %. */
  readonly humidity: number;
  /** km/h. */
  readonly wind: number;
  /** WMO weather code. */
  readonly code: number;
}

/**
 * The body of Open-Meteo's `/forecast` with `current` weather, as the real
 * API answers it: the stand-in here and the tests' stubs both answer with it.
 */
export function forecastBody(conditions: Conditions) {
  return {
    latitude: conditions.latitude,
    longitude: conditions.longitude,
    generationtime_ms: 0.05,
    timezone: conditions.timezone,
    current_units: {
      time: "iso8601",
      interval: "seconds",
      temperature_2m: "°C",
      apparent_temperature: "°C",
      relative_humidity_2m: "%",
      wind_speed_10m: "km/h",
      weather_code: "wmo code",
    },
    current: {
      time: conditions.time,
      interval: 900,
      temperature_2m: conditions.temperature,
      apparent_temperature: conditions.feelsLike,
      relative_humidity_2m: conditions.humidity,
      wind_speed_10m: conditions.wind,
      weather_code: conditions.code,
    },
  };
}

function forecast(query: URLSearchParams, now: Date): ApiAnswer {
  const latitude = Number(query.get("latitude"));
  const longitude = Number(query.get("longitude"));
  if (!Number.isFinite(latitude) || Math.abs(latitude) > 90 || !Number.isFinite(longitude)) {
    return { status: 400, body: { error: true, reason: "Latitude must be in range of -90 to 90°." } };
  }
  const city = CITIES.find(
    (candidate) => Math.abs(candidate.latitude - latitude) < 0.5 && Math.abs(candidate.longitude - longitude) < 0.5,
  );
  // Elsewhere: a climate from the latitude alone, on UTC.
  const mean = city?.mean ?? 28 - 0.4 * Math.abs(latitude);
  const swing = city?.swing ?? Math.sign(latitude) * Math.min(14, Math.abs(latitude) / 4);
  const zone = city?.timezone ?? "UTC";
  const { time, hour } = localTime(now, zone);
  const dayOfYear = (now.getTime() - Date.UTC(now.getUTCFullYear(), 0, 1)) / 86_400_000;
  const season = Math.cos((2 * Math.PI * (dayOfYear - 200)) / 365.25);
  const key = `${latitude},${longitude},${time.slice(0, 13)}`;
  const temperature = mean + swing * season + 4 * Math.cos((2 * Math.PI * (hour - 15)) / 24) + 3 * chance(key) - 1.5;
  const humidity = Math.round(45 + 45 * chance(`${key}:humidity`));
  const wind = 4 + 26 * chance(`${key}:wind`);
  const feelsLike = temperature < 18 ? temperature - wind / 8 : temperature + (humidity - 50) / 20;
  return {
    status: 200,
    body: forecastBody({
      latitude,
      longitude,
      timezone: zone,
      time,
      temperature: round(temperature),
      feelsLike: round(feelsLike),
      humidity,
      wind: round(wind),
      code: weatherCode(chance(`${key}:sky`), temperature),
    }),
  };
}

/** `GEOCODING_API_BASE` answers `/search`. */
export function geocoding(path: string, query: URLSearchParams): ApiAnswer {
  return path === "/search" ? search(query) : { status: 404, body: { error: true, reason: "Not Found" } };
}

/** `WEATHER_API_BASE` answers `/forecast`. */
export function weather(path: string, query: URLSearchParams): ApiAnswer {
  return path === "/forecast"
    ? forecast(query, new Date())
    : { status: 404, body: { error: true, reason: "Not Found" } };
}
