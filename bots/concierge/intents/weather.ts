/** /weather <city>: the current weather in a place; without one, the bot asks which. */
import {
  bold,
  type Context,
  defineIntent,
  fitsButton,
  italic,
  quote,
  type Services,
  type Span,
  type Suggestion,
  UserError,
} from "parley";
import { formatMeasure } from "../format.ts";
import { type CurrentWeather, currentWeather, findPlace, type Place, searchPlaces } from "../services/open-meteo.ts";
import { weatherCodeMessage } from "../services/weather-codes.ts";

/** Longer than any real place name; keeps pasted text out of the geocoder. */
export const MAX_CITY_LENGTH = 100;

/** "Paris, Île-de-France, France": enough to tell Paris, Texas apart. */
function placeLabel(place: Pick<Place, "name" | "admin1" | "country">): string {
  const parts = [place.name, place.admin1, place.country].filter((part): part is string => Boolean(part));
  return [...new Set(parts)].join(", ");
}

/** The current conditions at a place, in the language of `ctx` (a handler's, or a digest's rendering). */
export function describe(
  ctx: Pick<Context<unknown>, "t" | "locale">,
  place: Pick<Place, "name" | "admin1" | "country">,
  weather: CurrentWeather,
): Span[] {
  const { current } = weather;
  const unit = (field: keyof typeof current, fallback: string) => weather.current_units?.[field] ?? fallback;
  const measure = (field: keyof typeof current, value: number, fallback: string) =>
    formatMeasure(value, unit(field, fallback), ctx.locale);
  const celsius = unit("temperature_2m", "°C");
  // Open-Meteo gives local time as "2024-05-03T14:15" with timezone=auto.
  const localTime = /T(\d{2}:\d{2})/.exec(current.time)?.[1];
  const now = ctx.t("weather-now", {
    condition: ctx.t(weatherCodeMessage(current.weather_code)),
    temperature: measure("temperature_2m", current.temperature_2m, "°C"),
    feelsLike: measure("apparent_temperature", current.apparent_temperature, celsius),
  });
  const more = ctx.t("weather-more", {
    humidity: measure("relative_humidity_2m", current.relative_humidity_2m, "%"),
    wind: measure("wind_speed_10m", current.wind_speed_10m, "km/h"),
  });
  return [
    bold(placeLabel(place)),
    `\n${now}\n${more}`,
    ...(localTime ? ["\n", italic(ctx.t("weather-measured", { time: localTime }))] : []),
  ];
}

/**
 * Places starting with what was typed, one per name: /weather looks a name
 * up as its best match, so that is the place each suggestion shows.
 */
export async function suggestPlaces(prefix: string, services: Services): Promise<Suggestion[]> {
  if (prefix.length < 2 || prefix.length > MAX_CITY_LENGTH) return [];
  const places = await searchPlaces(services, prefix, 5, "en");
  const firstByName = places.filter((place, index) => places.findIndex((other) => other.name === place.name) === index);
  return firstByName.map((place) => ({ label: placeLabel(place), value: place.name }));
}

export const weather = defineIntent({
  command: "weather",
  description: "Current weather in a city",
  examples: {
    en: [
      "weather (in|for) {city}",
      "whats the (weather|temperature) in {city}",
      "what is the weather like in {city}",
      "how is the weather in {city}",
      "{city} weather",
      "weather {city}",
      "will it rain in {city} today",
      "temperature in {city}",
      "forecast for {city}",
      "tell me the weather in {city}",
      "current weather in {city}",
      "whats it like outside in {city}",
      "is there a storm in {city}",
      "weather conditions in {city}",
      "how many degrees is it in {city}",
      "weather report for {city}",
      "what will the weather be like in {city} tomorrow",
      "check the weather in {city}",
      "show me the weather for {city}",
      "get the weather for {city}",
      "weather",
      "how (cold|hot|warm|wet|windy) is it in {city}",
      "is it (raining|sunny|windy|snowing|foggy|cloudy|stormy|hot|cold|warm) in {city}",
      "will it (snow|rain|storm) in {city}",
      "do i need (an|a) (umbrella|jacket|coat|sunscreen) in {city}",
    ],
    de: [
      "wetter (in|für) {city}",
      "wie (ist|wird) das wetter in {city}",
      "(wetter|wetterbericht) {city}",
      "{city} wetter",
      "scheint die sonne in {city}",
      "temperatur in {city}",
      "wie viel grad (hat|sind) es in {city}",
      "wettervorhersage für {city}",
      "sag mir das wetter in {city}",
      "wie ist das wetter heute in {city}",
      "was macht das wetter in {city}",
      "wird es morgen in {city} regnen",
      "gibt es ein gewitter in {city}",
      "wie sieht es draußen in {city} aus",
      "wie sieht das wetter in {city} aus",
      "wie wird das wetter morgen in {city}",
      "was sagt der wetterbericht für {city}",
      "zeig mir das wetter für {city}",
      "wetter",
      "wie (kalt|warm|heiß|nass|windig) ist es in {city}",
      "(regnet|schneit|stürmt|hagelt|nieselt) es in {city}",
      "ist es (windig|kalt|warm|heiß|sonnig|neblig|bewölkt) in {city}",
      "wird es in {city} (schneien|regnen|stürmen)",
      "brauche ich (einen|eine) (schirm|regenschirm|jacke|sonnencreme) in {city}",
    ],
  },
  args: [
    {
      name: "city",
      type: "string",
      kind: "city",
      rest: true,
      ask: "Which city?",
      description: "The city or place, e.g. Berlin",
      examples: ["Berlin", "New York", "Tokyo"],
      suggest: suggestPlaces,
    },
  ],
  async run(ctx) {
    const city = ctx.args.city.replace(/\s+/g, " ").trim();
    if (city.length > MAX_CITY_LENGTH) throw new UserError(ctx.t("weather-too-long"));
    // Place names in the user's language: "Paris, Frankreich".
    const place = await findPlace(ctx.services, city, new Intl.Locale(ctx.locale).language);
    if (!place) throw new UserError(ctx.t("weather-not-found", { city: quote(city) }));
    const report = await currentWeather(ctx.services, place);
    const refresh = `/weather ${city}`;
    ctx.reply(
      describe(ctx, place, report),
      fitsButton(refresh) ? { buttons: [[{ label: ctx.t("weather-refresh"), value: refresh }]] } : {},
    );
  },
});
