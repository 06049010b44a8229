import { describe, expect, it } from "vitest";
import { hang, interceptFetch } from "../../support/outbound.ts";
import {
  callbackUpdate,
  messageUpdate,
  sendTelegram,
  sentMessages,
  sentTexts,
  stubTelegramApi,
  telegramRequest,
} from "../../support/telegram.ts";
import { deliver } from "../../support/worker.ts";
import { BERLIN, callsTo, GEOCODING_API, stubOpenMeteo, WEATHER_API } from "./apis.ts";

const NOT_ANSWERING = "The weather service is not answering right now. Please try again in a moment.";

describe("/weather", () => {
  it("reports the current weather with a refresh button", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    await sendTelegram({ text: "/weather Berlin", userId: 2101 });

    const [message, ...others] = sentMessages(outbound);
    expect(others).toHaveLength(0);
    expect(message?.text).toBe(
      [
        "<b>Berlin, Germany</b>",
        "Partly cloudy, 8.4°C (feels like 5.1°C)",
        "Humidity 71%, wind 14.4 km/h",
        "<i>Measured at 14:15 local time</i>",
      ].join("\n"),
    );
    expect(message?.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Refresh", callback_data: "/weather Berlin" }]],
    });

    const [forecast] = callsTo(outbound, WEATHER_API);
    expect(forecast?.url.pathname).toBe("/v1/forecast");
    expect(Object.fromEntries(forecast?.url.searchParams ?? [])).toEqual({
      latitude: String(BERLIN.latitude),
      longitude: String(BERLIN.longitude),
      current: "temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,weather_code",
      timezone: "auto",
    });
  });

  it("sends the city to the geocoder encoded, whatever the user typed", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()), [
      {
        name: "São Paulo",
        latitude: -23.5475,
        longitude: -46.63611,
        country: "Brazil",
        admin1: "São Paulo",
        temperature: -0.04,
        feelsLike: -3,
      },
    ]);
    await sendTelegram({ text: "/weather São  Paulo", userId: 2102 });
    await sendTelegram({ text: "/weather Rio&count=100#x", userId: 2102 });

    const [saoPaulo, rio] = callsTo(outbound, GEOCODING_API);
    expect(saoPaulo?.url.searchParams.get("name")).toBe("São Paulo");
    expect(saoPaulo?.url.search).toContain("name=S%C3%A3o+Paulo");
    expect(Object.fromEntries(rio?.url.searchParams ?? [])).toEqual({
      name: "Rio&count=100#x",
      count: "1",
      language: "en",
      format: "json",
    });
    const [first, second] = sentTexts(outbound);
    expect(first).toContain("<b>São Paulo, Brazil</b>");
    // Rounding never shows "-0".
    expect(first).toContain("Partly cloudy, 0°C (feels like -3°C)");
    expect(second).toBe(
      'I could not find a place called "Rio&amp;count=100#x". Check the spelling, or try a larger town nearby.',
    );
  });

  it("leaves the refresh button out when its value would be too long to send", async () => {
    const name = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()), [
      { name, latitude: 53.22, longitude: -4.2, country: "United Kingdom", temperature: 7, feelsLike: 4 },
    ]);
    await sendTelegram({ text: `/weather ${name}`, userId: 2103 });
    const [message] = sentMessages(outbound);
    expect(message?.text).toContain(`<b>${name}, United Kingdom</b>`);
    expect(message?.reply_markup).toBeUndefined();
  });

  it("says so when there is no such place, without asking for a forecast", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    await sendTelegram({ text: "/weather Atlantis", userId: 2104 });
    expect(sentTexts(outbound)).toEqual([
      'I could not find a place called "Atlantis". Check the spelling, or try a larger town nearby.',
    ]);
    expect(callsTo(outbound, WEATHER_API)).toHaveLength(0);
  });

  it("turns away a city name too long to be one, without calling out", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    await sendTelegram({ text: `/weather ${"Berlin ".repeat(20)}`, userId: 2112 });
    expect(sentTexts(outbound)).toEqual(["That is too long for a place name. Please send just the city."]);
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(0);
  });

  it("answers kindly when the weather service fails", async () => {
    const outbound = stubTelegramApi(interceptFetch())
      .on(GEOCODING_API, () => new Response("upstream exploded", { status: 500 }))
      .on(WEATHER_API, () => Response.json({ current: "not what we expect" }));
    const response = await sendTelegram({ text: "/weather Berlin", userId: 2105 });
    expect(response.status).toBe(200);
    expect(sentTexts(outbound)).toEqual([NOT_ANSWERING]);
    expect(callsTo(outbound, WEATHER_API)).toHaveLength(0);
  });

  it("answers kindly when the forecast comes back in an unexpected shape", async () => {
    const outbound = stubTelegramApi(interceptFetch())
      .on(GEOCODING_API, () => Response.json({ results: [BERLIN] }))
      .on(WEATHER_API, () => Response.json({ current: "not what we expect" }));
    await sendTelegram({ text: "/weather Berlin", userId: 2106 });
    expect(sentTexts(outbound)).toEqual([NOT_ANSWERING]);
  });

  it("gives up on a forecast that does not come, and says so", { timeout: 15_000 }, async () => {
    const outbound = stubTelegramApi(interceptFetch())
      .on(GEOCODING_API, () => Response.json({ results: [BERLIN] }))
      .on(WEATHER_API, hang);
    const started = Date.now();
    await sendTelegram({ text: "/weather Berlin", userId: 2107 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    expect(sentTexts(outbound)).toEqual([NOT_ANSWERING]);
  });

  it("asks for the city when none is given, and takes the next message as the answer", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    await sendTelegram({ text: "/weather", userId: 2108 });
    expect(sentTexts(outbound)).toEqual(["Which city?"]);
    expect(outbound.calls.filter((call) => !call.url.href.startsWith("https://api.telegram.org"))).toHaveLength(0);

    await sendTelegram({ text: "Berlin", userId: 2108 });
    expect(sentTexts(outbound)[1]).toContain("<b>Berlin, Germany</b>");
    expect(callsTo(outbound, GEOCODING_API)[0]?.url.searchParams.get("name")).toBe("Berlin");

    // The question was answered: the next plain message is not taken as a city.
    await sendTelegram({ text: "Paris", userId: 2108 });
    expect(sentTexts(outbound)[2]).toBe("I did not understand that. Here is what I can do; /help lists every command.");
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(1);
  });

  it("in a group, waits for the answer of the user it asked and ignores the others", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    const alice = 2109;
    const bob = 2110;
    const ask = messageUpdate({ text: "/weather", userId: alice, group: true });
    await deliver(telegramRequest(ask));
    const [question] = sentMessages(outbound);
    expect(question?.text).toBe("Which city?");
    expect(question?.call.json).toMatchObject({
      reply_parameters: { message_id: (ask.message as { message_id: number }).message_id },
    });

    await sendTelegram({ text: "Berlin is lovely this time of year", userId: bob, group: true });
    expect(sentTexts(outbound)).toHaveLength(1);
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(0);

    await sendTelegram({ text: "Paris", userId: alice, group: true });
    const texts = sentTexts(outbound);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("<b>Paris, Île-de-France, France</b>");
    expect(texts[1]).toContain("11.2°C (feels like 9.8°C)");
    expect(callsTo(outbound, GEOCODING_API).map((call) => call.url.searchParams.get("name"))).toEqual(["Paris"]);
  });

  it("refreshes when the button is pressed", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    await deliver(telegramRequest(callbackUpdate("/weather Berlin", { userId: 2111 })));
    expect(sentTexts(outbound)[0]).toContain("<b>Berlin, Germany</b>");
    expect(outbound.to("/answerCallbackQuery")).toHaveLength(1);
  });
});
