/**
 * Tier 2 on the example bot: on by default (wrangler.toml's AI_ENABLED)
 * once the Worker has an `AI` binding, with its own system prompt in the
 * user's language and its intents as tools; a tool call runs the intent,
 * outside API and all.
 */
import { describe, expect, it } from "vitest";
import { concierge } from "../../bots/concierge/index.ts";
import { echoBot } from "../../bots/echo/index.ts";
import { aiSettings } from "../../src/ai/settings.ts";
import type { Bot } from "../../src/core/intent.ts";
import { stubOpenMeteo } from "../bots/concierge/apis.ts";
import { recordingAi } from "../support/ai.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { finished, richWorker, telegramMessage } from "../support/rich.ts";
import { sentTexts, stubTelegramApi } from "../support/telegram.ts";
import { unlimited } from "../support/time.ts";
import { testEnv } from "../support/worker.ts";
import { workersAiAnswer, workersAiToolCall } from "./fixtures.ts";

describe("the concierge's tier 2", () => {
  it("runs /weather for the city the model read out of the message", async () => {
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch()));
    const ai = recordingAi().answer({ body: workersAiToolCall("weather", { city: "Berlin" }) });
    const worker = labWorker(concierge, { AI: ai }, { modelTimer: unlimited });
    await worker.send("my aunt flies to Berlin tomorrow, does she need a coat?", { userId: 9101 });
    expect(sentTexts(outbound)).toEqual([
      [
        "<b>Berlin, Germany</b>",
        "Partly cloudy, 8.4°C (feels like 5.1°C)",
        "Humidity 71%, wind 14.4 km/h",
        "<i>Measured at 14:15 local time</i>",
      ].join("\n"),
    ]);
    const tools = ai.runs[0]?.inputs.tools?.map((tool) => tool.name);
    expect(tools).toEqual([
      "start",
      "help",
      "weather",
      "rate",
      "news",
      "todo-add",
      "todo-list",
      "todo-done",
      "note",
      "notes",
      "subscribe",
      "subscriptions",
      "unsubscribe",
      "remind-in",
      "remind-at",
      "language",
      "forget",
      "answer-in-full",
    ]);
    // A file is attached to the message, never written by the model: /note's tool has its title alone.
    const note = ai.runs[0]?.inputs.tools?.find((tool) => tool.name === "note");
    expect(note?.parameters).toEqual({
      type: "object",
      properties: { title: { type: "string", description: "What to call it" } },
      required: ["title"],
    });
  });

  it("answers a photo sent without words with the fallback, without asking the model", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const ai = recordingAi().answer({ body: workersAiAnswer("A nice photo!") });
    const worker = await richWorker(concierge, { settings: { AI: ai } });
    const photo = [{ file_id: "photo-1", file_size: 10 }];
    await finished(worker.telegram(telegramMessage({ user: 9104, languageCode: "en", files: { photo } })));
    expect(ai.runs).toEqual([]);
    expect(sentTexts(outbound)).toEqual([
      "I did not understand that. Here is what I can do; /help lists every command.",
    ]);
  });

  it("tells the model who it is in the user's language", async () => {
    stubTelegramApi(interceptFetch());
    const ai = recordingAi().answer({ body: workersAiAnswer("Hallo!") }, { body: workersAiAnswer("Hello!") });
    const worker = labWorker(concierge, { AI: ai }, { modelTimer: unlimited });
    await worker.send("Guten Morgen, wer bist du eigentlich?", { userId: 9102, languageCode: "de" });
    await worker.send("Good morning, who are you?", { userId: 9103, languageCode: "en-GB" });
    const [german, english] = ai.runs.map((run) => run.inputs.messages[0]?.content ?? "");
    expect(german).toMatch(/^Du bist Concierge, ein freundlicher Chatbot .* Antworte auf Deutsch, /);
    expect(english).toMatch(/^You are Concierge, a friendly chat bot .* Answer in English, /);
  });
});

describe("which bots have tier 2", () => {
  const ai = recordingAi();
  const settings = (env: Record<string, unknown>, bot: Bot) => aiSettings({ ...testEnv, ...env }, bot, fetch);

  it("the concierge, by wrangler.toml's defaults, once there is a binding or a base URL", () => {
    expect(settings({}, concierge)).toBeUndefined();
    expect(settings({ AI: ai }, concierge)).toMatchObject({
      model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      dailyBudget: 50,
    });
    expect(settings({ AI_BASE_URL: "http://127.0.0.1:11434/v1" }, concierge)).toBeDefined();
    expect(settings({ AI: ai, AI_ENABLED: "false" }, concierge)).toBeUndefined();
  });

  it("not the echo bot, unless its own switch is on; then its own model and budget come first", () => {
    expect(settings({ AI: ai }, echoBot)).toBeUndefined();
    expect(
      settings({ AI: ai, ECHO_AI_ENABLED: "true", ECHO_AI_MODEL: "@hf/nousresearch/hermes-2-pro-mistral-7b" }, echoBot),
    ).toMatchObject({ model: "@hf/nousresearch/hermes-2-pro-mistral-7b", dailyBudget: 50 });
    expect(settings({ AI: ai, ECHO_AI_ENABLED: "true", ECHO_AI_DAILY_BUDGET: "5" }, echoBot)?.dailyBudget).toBe(5);
    expect(settings({ AI: ai, ECHO_AI_ENABLED: "true", AI_DAILY_BUDGET: "lots" }, echoBot)?.dailyBudget).toBe(50);
  });
});
