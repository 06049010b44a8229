/** /weather <city>: the current weather in a place; without one, the bot asks which. */
import {
  bold,
  defineIntent,
  fitsButton,
  italic,
  quote,
  type Services,
  type Span,
  type Suggestion,
  UserError,
} from "parley";
import { formatDecimal } from "../format.ts";
import { type CurrentWeather, currentWeather, findPlace, type Place, searchPlaces } from "../services/open-meteo.ts";
import { describeWeatherCode } from "../services/weather-codes.ts";

/** Longer than any real place name; keeps pasted text out of the geocoder. */
const MAX_CITY_LENGTH = 100;

/** "Paris, Île-de-France, France": enough to tell Paris, Texas apart. */
function placeLabel(place: Place): string {
  const parts = [place.name, place.admin1, place.country].filter((part): part is string => Boolean(part));
  return [...new Set(parts)].join(", ");
}

/** "12.3°C", "60%", but "14 km/h". */
function measure(value: number, unit: string): string {
  return /^[°%]/.test(unit) ? `${formatDecimal(value, 1)}${unit}` : `${formatDecimal(value, 1)} ${unit}`;
}

function describe(place: Place, weather: CurrentWeather): Span[] {
  const { current } = weather;
  const unit = (field: keyof typeof current, fallback: string) => weather.current_units?.[field] ?? fallback;
  const temperature = unit("temperature_2m", "°C");
  // Open-Meteo gives local time as "2024-05-03T14:15" with timezone=auto.
  const localTime = /T(\d{2}:\d{2})/.exec(current.time)?.[1];
  return [
    bold(placeLabel(place)),
    `\n${describeWeatherCode(current.weather_code)}, ${measure(current.temperature_2m, temperature)}`,
    ` (feels like ${measure(current.apparent_temperature, unit("apparent_temperature", temperature))})`,
    `\nHumidity ${measure(current.relative_humidity_2m, unit("relative_humidity_2m", "%"))}`,
    `, wind ${measure(current.wind_speed_10m, unit("wind_speed_10m", "km/h"))}`,
    ...(localTime ? ["\n", italic(`Measured at ${localTime} local time`)] : []),
  ];
}

/**
 * Places starting with what was typed, one per name: /weather looks a name
 * up as its best match, so that is the place each suggestion shows.
 */
async function suggestPlaces(prefix: string, services: Services): Promise<Suggestion[]> {
  if (prefix.length < 2 || prefix.length > MAX_CITY_LENGTH) return [];
  const places = await searchPlaces(services, prefix, 5);
  const firstByName = places.filter((place, index) => places.findIndex((other) => other.name === place.name) === index);
  return firstByName.map((place) => ({ label: placeLabel(place), value: place.name }));
}

export const weather = defineIntent({
  command: "weather",
  description: "Current weather in a city",
  args: [
    {
      name: "city",
      type: "string",
      rest: true,
      ask: "Which city?",
      description: "The city or place, e.g. Berlin",
      examples: ["Berlin", "New York", "Tokyo"],
      suggest: suggestPlaces,
    },
  ],
  async run(ctx) {
    const city = ctx.args.city.replace(/\s+/g, " ").trim();
    if (city.length > MAX_CITY_LENGTH) {
      throw new UserError("That is too long for a place name. Please send just the city.");
    }
    const place = await findPlace(ctx.services, city);
    if (!place) {
      throw new UserError(
        `I could not find a place called "${quote(city)}". Check the spelling, or try a larger town nearby.`,
      );
    }
    const report = await currentWeather(ctx.services, place);
    const refresh = `/weather ${city}`;
    ctx.reply(
      describe(place, report),
      fitsButton(refresh) ? { buttons: [[{ label: "Refresh", value: refresh }]] } : {},
    );
  },
});
