/**
 * Answers written from the queue, on each platform through its intercepted
 * API: the first text is sent, the message is edited with what came since
 * at most once per pace (a manual timer: nothing depends on the machine),
 * and the last edit is the whole answer. A model failing halfway leaves
 * what came and a note; the call is metered either way, and a redelivered
 * job writes nothing again.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { defineBot } from "parley";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STREAM_PACE_MS } from "../../src/ai/streaming.ts";
import type { Env } from "../../src/env.ts";
import { consumeJobs } from "../../src/jobs/consumer.ts";
import type { JobOf } from "../../src/jobs/job.ts";
import { platforms } from "../../src/platforms/index.ts";
import { chatCompletionTextStream, sse, workersAiStream } from "../ai/fixtures.ts";
import { recordingAi } from "../support/ai.ts";
import { DISCORD_API, stubDiscordApi } from "../support/discord.ts";
import { interceptFetch, type Outbound, type OutboundCall } from "../support/outbound.ts";
import { SLACK_API, stubSlackApi } from "../support/slack.ts";
import { stubTelegramApi, TELEGRAM_API } from "../support/telegram.ts";
import { manualTimer } from "../support/time.ts";

const oracle = defineBot({ name: "oracle", intents: [] });
const registry = { bots: { oracle }, platforms };
const CUT_OFF = "(The answer was cut off here. Please ask again in a moment.)";

type AnswerJob = JobOf<"answer">;
type HeldUpdate = AnswerJob["update"];

const person = { id: "7100", name: "Ana" };
let eventId = 9000;

function updateOn(platform: string, route: Record<string, string>, chatId = "7100"): HeldUpdate {
  eventId += 1;
  return {
    platform,
    bot: "oracle",
    eventId: String(eventId),
    chat: { id: chatId, kind: "private" },
    user: person,
    text: "why is the sky blue?",
    isButtonPress: false,
    addressed: true,
    locale: "en",
    route,
  };
}

function answerJob(update: HeldUpdate): AnswerJob {
  return {
    kind: "answer",
    update,
    receivedAt: Date.now(),
    locale: "en",
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "why is the sky blue?" },
    ],
  };
}

/**
 * A model's server-sent events, written by the test as it goes. `send`
 * settles once the reader has taken what was sent and asks for more: by
 * then the answer has heard it.
 */
function liveEvents() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let pulled = () => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(control) {
        controller = control;
      },
      pull() {
        pulled();
      },
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    send: (...events: string[]) => {
      const taken = new Promise<void>((resolve) => {
        pulled = resolve;
      });
      for (const event of events) controller?.enqueue(encoder.encode(`data: ${event}\n\n`));
      return taken;
    },
    close: () => controller?.close(),
    break: (error: Error) => controller?.error(error),
  };
}

/** Runs the consumer on `job` with the model answering `events`; the test drives the stream and the clock meanwhile. */
function consumeAnswer(job: AnswerJob, events: ReturnType<typeof liveEvents>, clock = manualTimer()) {
  const ai = recordingAi().answer({ body: events.body });
  const batch = createMessageBatch("parley-jobs", [
    { id: `answer-${job.update.eventId}`, timestamp: new Date(), attempts: 1, body: job },
  ]);
  const ctx = createExecutionContext();
  const workerEnv = {
    ...env,
    ORACLE_AI_ENABLED: "true",
    AI: ai,
    ORACLE_TELEGRAM_BOT_TOKEN: "42:oracle",
    ORACLE_SLACK_BOT_TOKEN: "xoxb-oracle",
  } as unknown as Env;
  const run = consumeJobs(batch, workerEnv, registry, clock.timer).then(() => getQueueResult(batch, ctx));
  return { ai, clock, run };
}

/**
 * The stream of a three-part answer: the first part, a pace, the next two
 * parts in one pace, then the end. Returns the texts the user saw, in order.
 */
async function streamThreeParts(job: AnswerJob): Promise<{ readonly runs: number }> {
  const events = workersAiStream(["The sky is blue ", "because air scatters ", "blue light most."]);
  const live = liveEvents();
  const { ai, clock, run } = consumeAnswer(job, live);
  live.send(events[0] as string);
  // The answer's time limit, then the first pace after the message went out.
  await clock.asked(2);
  await live.send(events[1] as string);
  clock.advance(STREAM_PACE_MS);
  await clock.asked(3);
  live.send(...events.slice(2));
  live.close();
  const result = await run;
  expect(result.explicitAcks).toHaveLength(1);
  expect(ai.runs[0]?.inputs).toMatchObject({ stream: true });
  expect(ai.runs[0]?.inputs.tools).toBeUndefined();
  return { runs: ai.runs.length };
}

const json = (call: OutboundCall | undefined) => call?.json as Record<string, unknown> | undefined;

beforeEach(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  await env.DB.prepare("DELETE FROM ai_usage WHERE bot = 'oracle'").run();
});

describe("an answer streamed on Telegram", () => {
  function telegram(): Outbound {
    return stubTelegramApi(
      interceptFetch().on(`${TELEGRAM_API}/bot`, (call) =>
        call.url.pathname.endsWith("/sendMessage")
          ? Response.json({
              ok: true,
              result: { message_id: 77, date: 0, chat: { id: 7100, type: "private" }, text: "" },
            })
          : Response.json({ ok: true, result: true }),
      ),
    );
  }
  const texts = (outbound: Outbound, method: string) =>
    outbound.calls.filter((call) => call.url.pathname.endsWith(`/${method}`)).map((call) => json(call)?.text);

  it("sends the first text, then edits the message a pace later and with the whole answer", async () => {
    const outbound = telegram();
    await streamThreeParts(answerJob(updateOn("telegram", { chatId: "7100", messageId: "55" })));
    expect(texts(outbound, "sendMessage")).toEqual(["The sky is blue "]);
    expect(texts(outbound, "editMessageText")).toEqual([
      "The sky is blue because air scatters ",
      "The sky is blue because air scatters blue light most.",
    ]);
    const edit = outbound.calls.find((call) => call.url.pathname.endsWith("/editMessageText"));
    expect(json(edit)).toMatchObject({ chat_id: "7100", message_id: 77 });
  });

  it("ends with what came and a note when the model fails halfway, and meters the call", async () => {
    const outbound = telegram();
    const live = liveEvents();
    const job = answerJob(updateOn("telegram", { chatId: "7100", messageId: "56" }));
    const { clock, run } = consumeAnswer(job, live);
    live.send(workersAiStream(["Rayleigh scattering "])[0] as string);
    await clock.asked(2);
    live.break(new Error("connection reset"));
    await run;
    expect(texts(outbound, "sendMessage")).toEqual(["Rayleigh scattering "]);
    expect(texts(outbound, "editMessageText")).toEqual([`Rayleigh scattering\n\n${CUT_OFF}`]);
    const metered = await env.DB.prepare("SELECT outcome, count FROM ai_usage WHERE bot = 'oracle'").all();
    expect(metered.results).toEqual([{ outcome: "failed", count: 1 }]);
  });

  it("meters a whole answer with its tokens, and writes nothing again when the job comes back", async () => {
    const outbound = telegram();
    const job = answerJob(updateOn("telegram", { chatId: "7100", messageId: "57" }));
    await streamThreeParts(job);
    const metered = await env.DB.prepare(
      "SELECT outcome, count, tokens_in, tokens_out FROM ai_usage WHERE bot = 'oracle'",
    ).all();
    expect(metered.results).toEqual([{ outcome: "answered", count: 1, tokens_in: 640, tokens_out: 18 }]);
    const calls = outbound.calls.length;
    const ended = liveEvents();
    ended.close();
    const again = consumeAnswer(job, ended);
    const result = await again.run;
    expect(result.explicitAcks).toHaveLength(1);
    expect(again.ai.runs).toHaveLength(0);
    expect(outbound.calls).toHaveLength(calls);
  });
});

describe("an answer from an OpenAI-compatible endpoint", () => {
  it("asks for a stream and ends with the whole answer of its chunks", async () => {
    const endpoint = "http://127.0.0.1:11434/v1";
    const outbound = stubTelegramApi(
      interceptFetch()
        .on(
          endpoint,
          () =>
            new Response(sse(chatCompletionTextStream(["Short ", "waves ", "scatter more."]), 5), {
              headers: { "content-type": "text/event-stream" },
            }),
        )
        .on(`${TELEGRAM_API}/bot`, (call) =>
          call.url.pathname.endsWith("/sendMessage")
            ? Response.json({
                ok: true,
                result: { message_id: 78, date: 0, chat: { id: 7100, type: "private" }, text: "" },
              })
            : Response.json({ ok: true, result: true }),
        ),
    );
    const job = answerJob(updateOn("telegram", { chatId: "7100", messageId: "58" }));
    const batch = createMessageBatch("parley-jobs", [
      { id: "answer-openai", timestamp: new Date(), attempts: 1, body: job },
    ]);
    const workerEnv = {
      ...env,
      ORACLE_AI_ENABLED: "true",
      AI_BASE_URL: endpoint,
      ORACLE_TELEGRAM_BOT_TOKEN: "42:oracle",
    };
    await consumeJobs(batch, workerEnv as unknown as Env, registry, manualTimer().timer);
    expect(outbound.to(endpoint)[0]?.json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const texts = outbound.calls
      .filter((call) => /\/(sendMessage|editMessageText)$/.test(call.url.pathname))
      .map((call) => json(call)?.text);
    expect(texts.at(-1)).toBe("Short waves scatter more.");
    const metered = await env.DB.prepare("SELECT tokens_in, tokens_out FROM ai_usage WHERE bot = 'oracle'").all();
    expect(metered.results).toEqual([{ tokens_in: 512, tokens_out: 24 }]);
  });
});

describe("an answer streamed on Discord", () => {
  it("follows up the closed interaction, then edits that message", async () => {
    const outbound = stubDiscordApi(
      interceptFetch().on(DISCORD_API, () =>
        Response.json({ id: "1500000000000000009", channel_id: "300000000000000001" }),
      ),
    );
    const route = { applicationId: "100000000000000001", token: "interaction-token", source: "command" };
    await streamThreeParts(answerJob(updateOn("discord", route)));
    const calls = outbound
      .to(DISCORD_API)
      .map((call) => [call.method, call.url.pathname.split("/").slice(-2).join("/"), json(call)?.content]);
    expect(calls).toEqual([
      ["POST", "100000000000000001/interaction-token", "The sky is blue "],
      ["PATCH", "messages/1500000000000000009", "The sky is blue because air scatters "],
      ["PATCH", "messages/1500000000000000009", "The sky is blue because air scatters blue light most."],
    ]);
  });
});

describe("an answer streamed on Slack", () => {
  it("posts the first text, then updates that message", async () => {
    const outbound = stubSlackApi(interceptFetch());
    await streamThreeParts(answerJob(updateOn("slack", { channel: "D0ORACLE", source: "event" }, "D0ORACLE")));
    const calls = outbound
      .to(SLACK_API)
      .filter((call) => !call.url.pathname.endsWith("/users.info"))
      .map((call) => [call.url.pathname.split("/").at(-1), json(call)?.text]);
    expect(calls).toEqual([
      ["chat.postMessage", "The sky is blue "],
      ["chat.update", "The sky is blue because air scatters "],
      ["chat.update", "The sky is blue because air scatters blue light most."],
    ]);
  });
});
