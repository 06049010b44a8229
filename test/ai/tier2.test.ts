/**
 * Tier 2 end to end through the webhook: a message the router cannot place
 * goes to the model (a recording of the `AI` binding answering with
 * recorded wire-format answers), and what the model says is carried out
 * the way a typed command or a reply would be.
 */
import { env } from "cloudflare:test";
import { defineBot, defineIntent, defineSubcommand, privateOnly, UserError } from "parley";
import { describe, expect, it, vi } from "vitest";
import { promptFor } from "../../src/ai/prompt.ts";
import { LONG_ANSWER_TOOL, MAX_MESSAGE_CHARS } from "../../src/ai/tier.ts";
import { createHarness } from "../adversarial/harness.ts";
import { type ModelAnswer, type RecordingAi, recordingAi, userText } from "../support/ai.ts";
import { capturingQueue } from "../support/jobs.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { eventCallback, postedTexts, stubSlackApi } from "../support/slack.ts";
import { BOT_ID, sentMessages, sentTexts, stubTelegramApi } from "../support/telegram.ts";
import { expired, unlimited } from "../support/time.ts";
import { chatCompletionToolCall, hermesToolCall, workersAiAnswer, workersAiToolCall } from "./fixtures.ts";

/** Tier 1's answer to words it could not place: what the bot can do. */
const FALLBACK = "I did not understand that. Here is what I can do; /help lists every command.";

const greet = defineIntent({
  command: "greet",
  description: "Greet someone",
  args: [{ name: "name", type: "string", rest: true, description: "Whom to greet", ask: "Whom shall I greet?" }],
  use: [
    async (ctx, next) => {
      if (ctx.invocation.args.name === "Mallory") throw new UserError("I do not greet Mallory.");
      await next();
    },
  ],
  run(ctx) {
    ctx.reply(`Hello, ${ctx.args.name}!`);
  },
});

const whisper = defineIntent({
  command: "whisper",
  description: "Tell a secret",
  use: [privateOnly()],
  run(ctx) {
    ctx.reply("psst");
  },
});

const note = defineIntent({
  command: "note",
  description: "Notes",
  subcommands: [
    defineSubcommand({
      name: "add",
      description: "Add a note",
      args: [{ name: "text", type: "string", rest: true, description: "The note" }],
      run(ctx) {
        ctx.reply(`Noted: ${ctx.args.text}`);
      },
    }),
    defineSubcommand({
      name: "show",
      description: "Show a note",
      args: [{ name: "n", type: "integer", description: "Its number" }],
      run(ctx) {
        ctx.reply(`Note ${ctx.args.n}`);
      },
    }),
  ],
});

const oracle = defineBot({ name: "oracle", intents: [greet, whisper, note] });

interface Setup {
  readonly ai?: RecordingAi;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly modelTimer?: typeof unlimited;
}

/** The oracle bot with tier 2 on (unless `settings` says otherwise) and the recording as its `AI` binding. */
function oracleWorker(setup: Setup = {}) {
  const ai = setup.ai ?? recordingAi();
  const worker = labWorker(
    oracle,
    // The bot's id is the one test/support/telegram.ts makes replies to the bot from.
    { ORACLE_TELEGRAM_BOT_TOKEN: `${BOT_ID}:oracle-token`, ORACLE_AI_ENABLED: "true", AI: ai, ...setup.settings },
    { modelTimer: setup.modelTimer ?? unlimited },
  );
  return { ai, worker };
}

function answering(...answers: ModelAnswer[]): RecordingAi {
  return recordingAi().answer(...answers);
}

describe("a tool call", () => {
  it("runs the intent with the model's arguments, as if the command had been typed", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker({ ai: answering({ body: workersAiToolCall("greet", { name: "Ann" }) }) });
    await worker.send("could you say hi to Ann for me", { userId: 4101 });
    expect(sentTexts(outbound)).toEqual(["Hello, Ann!"]);

    const [run] = ai.runs;
    expect(run?.model).toBe("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    expect(userText(run)).toBe("could you say hi to Ann for me");
    expect(run?.inputs.messages[0]?.role).toBe("system");
    expect(run?.inputs.tools).toEqual([
      {
        name: "greet",
        description: "Greet someone",
        parameters: {
          type: "object",
          properties: { name: { type: "string", description: "Whom to greet" } },
          required: ["name"],
        },
      },
      { name: "whisper", description: "Tell a secret", parameters: { type: "object", properties: {}, required: [] } },
      {
        name: "note-add",
        description: "Add a note",
        parameters: {
          type: "object",
          properties: { text: { type: "string", description: "The note" } },
          required: ["text"],
        },
      },
      {
        name: "note-show",
        description: "Show a note",
        parameters: {
          type: "object",
          properties: { n: { type: "integer", description: "Its number" } },
          required: ["n"],
        },
      },
      LONG_ANSWER_TOOL,
    ]);
  });

  it("hands a question that needs a long answer to the queue, with the prompt, and sends nothing now", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { sent, queue } = capturingQueue();
    const { ai, worker } = oracleWorker({
      ai: answering({ body: workersAiToolCall(LONG_ANSWER_TOOL.name, {}) }),
      settings: { JOBS: queue },
    });
    await worker.send("why do cats purr when they are happy?");
    expect(sentTexts(outbound)).toEqual([]);
    expect(sent).toEqual([
      expect.objectContaining({
        kind: "answer",
        locale: "en",
        messages: ai.runs[0]?.inputs.messages,
        update: expect.objectContaining({ platform: "telegram", bot: "oracle" }),
      }),
    ]);
    expect(userText(ai.runs[0])).toBe("why do cats purr when they are happy?");
  });

  it("takes a subcommand's tool in the OpenAI-compatible shape, numbers written as text included", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { worker } = oracleWorker({
      ai: answering(
        { body: chatCompletionToolCall("note-add", '{"text": "buy oat milk"}') },
        { body: hermesToolCall("note-show", { n: "3" }) },
      ),
    });
    await worker.send("jot down that I need to buy oat milk", { userId: 4102 });
    await worker.send("what was my third note again", { userId: 4102 });
    expect(sentTexts(outbound)).toEqual(["Noted: buy oat milk", "Note 3"]);
  });

  it("asks for a required argument the model left out, and the answer runs the intent", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker({ ai: answering({ body: workersAiToolCall("greet", {}) }) });
    await worker.send("could you say hi to someone for me", { userId: 4103 });
    await worker.send("Bob", { userId: 4103 });
    expect(sentTexts(outbound)).toEqual(["Whom shall I greet?", "Hello, Bob!"]);
    expect(ai.runs).toHaveLength(1);
  });

  it("goes through the intent's middleware like a typed command", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { worker } = oracleWorker({
      ai: answering(
        { body: workersAiToolCall("greet", { name: "Mallory" }) },
        { body: workersAiToolCall("whisper", {}) },
      ),
    });
    await worker.send("wave at Mallory", { userId: 4104 });
    await worker.send("tell me a secret, oracle", { userId: 4104, group: true, replyToBot: true });
    expect(sentTexts(outbound)).toEqual([
      "I do not greet Mallory.",
      "Please use this command in a private chat with me.",
    ]);
  });
});

describe("a tool call the bot cannot take", () => {
  it("leaves tier 1's answer: a tool the bot does not have, arguments of the wrong type or unknown ones", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker({
      ai: answering(
        { body: workersAiToolCall("greet_everyone", { name: "Ann" }) },
        { body: workersAiToolCall("note-show", { n: "third" }) },
        { body: workersAiToolCall("greet", { name: "Ann", mood: "cheerful" }) },
        { body: chatCompletionToolCall("greet", "{name: Ann") },
        { body: workersAiAnswer("   ") },
      ),
    });
    for (const text of ["fire away", "show me the third one", "please say hi to Ann", "say hi to Ann", "hm, well"]) {
      await worker.send(text, { userId: 4105 });
    }
    expect(ai.runs).toHaveLength(5);
    // Tier 1 half-recognized "show me the third one", so its answer there is a question.
    expect(sentTexts(outbound)).toEqual([FALLBACK, "Did you mean one of these?", FALLBACK, FALLBACK, FALLBACK]);
  });
});

describe("a plain answer", () => {
  it("is sent as the reply, as plain text", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const answer = "I can greet people and keep notes. Try <b>greet Ann</b> & see.";
    const { worker } = oracleWorker({ ai: answering({ body: workersAiAnswer(answer) }) });
    await worker.send("what are you good for?", { userId: 4106 });
    const [message, ...others] = sentMessages(outbound);
    expect(others).toEqual([]);
    expect(message?.text).toBe("I can greet people and keep notes. Try &lt;b&gt;greet Ann&lt;/b&gt; &amp; see.");
  });

  it("is capped like any reply: at most three messages, the last one saying so", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { worker } = oracleWorker({ ai: answering({ body: workersAiAnswer("blah ".repeat(4000)) }) });
    await worker.send("tell me everything", { userId: 4107 });
    const texts = sentTexts(outbound);
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/…\n<i>\(The rest was too long to send\.\)<\/i>$/);
  });
});

describe("when the model fails", () => {
  it("gets the fallback after the time limit, and the call is called off", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker({ ai: answering("hang"), modelTimer: expired });
    const response = await worker.send("are you there?", { userId: 4108 });
    expect(response.status).toBe(200);
    expect(sentTexts(outbound)).toEqual([FALLBACK]);
    expect(ai.runs[0]?.signal?.aborted).toBe(true);
  });

  it("gets the fallback when the binding throws or answers something that is no completion", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { worker } = oracleWorker({
      ai: answering({ fail: new Error("AiError: 3040: Capacity temporarily exceeded") }, { body: { result: 42 } }),
    });
    expect((await worker.send("hello there", { userId: 4109 })).status).toBe(200);
    expect((await worker.send("hello again", { userId: 4109 })).status).toBe(200);
    expect(sentTexts(outbound)).toEqual([FALLBACK, FALLBACK]);
  });
});

describe("the daily budget", () => {
  it("gives the fallback without a model call once the user's calls for the day are spent", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker({
      ai: answering(
        { body: workersAiAnswer("One.") },
        { body: workersAiAnswer("Two.") },
        { body: workersAiAnswer("Yours.") },
      ),
      settings: { ORACLE_AI_DAILY_BUDGET: "2" },
    });
    for (const text of ["first question", "second question", "third question"]) {
      await worker.send(text, { userId: 4110 });
    }
    await worker.send("someone else's question", { userId: 4111 });
    expect(ai.runs.map(userText)).toEqual(["first question", "second question", "someone else's question"]);
    expect(sentTexts(outbound)).toEqual(["One.", "Two.", FALLBACK, "Yours."]);
  });

  it("is counted exactly when messages arrive at once", async () => {
    stubTelegramApi(interceptFetch());
    const answers = Array.from({ length: 8 }, (): ModelAnswer => ({ body: workersAiAnswer("Yes.") }));
    const { ai, worker } = oracleWorker({ ai: answering(...answers), settings: { ORACLE_AI_DAILY_BUDGET: "3" } });
    await Promise.all(Array.from({ length: 8 }, (_, i) => worker.send(`question number ${i}`, { userId: 4112 })));
    expect(ai.runs).toHaveLength(3);
    const row = await env.DB.prepare(
      "SELECT calls FROM ai_calls WHERE bot = 'oracle' AND platform = 'telegram' AND user_id = '4112'",
    ).first<{ calls: number }>();
    expect(row?.calls).toBe(3);
  });
});

const AWKWARD = ["", "   ", "🙂🎉👍", "?!…", "x".repeat(4000), "wie ist the weather heute in München, bitte?"];

describe("without tier 2", () => {
  it("never calls a model when the bot's switch is off, whatever the message", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker({ settings: { ORACLE_AI_ENABLED: undefined } });
    for (const text of ["what are you good for?", ...AWKWARD]) await worker.send(text, { userId: 4113 });
    expect(ai.runs).toEqual([]);
    expect(sentTexts(outbound).every((text) => text === FALLBACK)).toBe(true);
  });

  it("never calls a model without a binding or a base URL, though the switch is on", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const worker = labWorker(oracle, { ORACLE_AI_ENABLED: "true" }, { modelTimer: unlimited });
    for (const text of ["what are you good for?", ...AWKWARD]) await worker.send(text, { userId: 4114 });
    expect(outbound.calls.filter((call) => !call.url.href.startsWith("https://api.telegram.org"))).toEqual([]);
    expect(sentTexts(outbound).every((text) => text === FALLBACK)).toBe(true);
  });

  it("asks nothing about an empty message, emoji or punctuation alone, or one too long to be a request", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker();
    for (const text of AWKWARD.slice(0, 5)) await worker.send(text, { userId: 4115 });
    await worker.send("y".repeat(MAX_MESSAGE_CHARS + 1), { userId: 4115 });
    expect(ai.runs).toEqual([]);
    expect(sentTexts(outbound).every((text) => text === FALLBACK)).toBe(true);
  });

  it("asks about words in mixed languages like any other", async () => {
    stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker({ ai: answering({ body: workersAiAnswer("Ich kann grüßen.") }) });
    await worker.send(AWKWARD[5] ?? "", { userId: 4116 });
    expect(ai.runs.map(userText)).toEqual(["wie ist the weather heute in München, bitte?"]);
  });

  it("is never asked about an unknown command or group chatter", async () => {
    stubTelegramApi(interceptFetch());
    const { ai, worker } = oracleWorker();
    await worker.send("/unknown do something", { userId: 4117 });
    await worker.send("people talking among themselves", { userId: 4117, group: true });
    expect(ai.runs).toEqual([]);
  });
});

describe("on every platform", () => {
  it("takes a Slack direct message to tier 2 like a Telegram one", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const ai = answering({ body: workersAiToolCall("greet", { name: "Ann" }) });
    const harness = await createHarness({
      bots: [oracle],
      env: (base) => ({ ...base, ORACLE_AI_ENABLED: "true", AI: ai }),
    });
    const event = eventCallback({ text: "say hi to Ann for me", user: "U0AI1", channel: "D0AI1" });
    await harness.deliver(await harness.slack(JSON.stringify(event), "application/json"));
    expect(userText(ai.runs[0])).toBe("say hi to Ann for me");
    expect(postedTexts(outbound)).toEqual(["Hello, Ann!"]);
  });
});

describe("the prompt", () => {
  it("passes on tier 1's weak guesses, when it has some, after the system prompt", () => {
    const update = { text: "the usual, please" } as Parameters<typeof promptFor>[0]["update"];
    const hints = [
      { intent: "note", subcommand: "show", confidence: 0.41 },
      { intent: "greet", confidence: 0.2 },
    ];
    const asked = { bot: oracle, update, text: "the usual, please", locale: "en", band: "ask", hints } as const;
    const [system, user] = promptFor(asked, []);
    expect(system?.content).toMatch(
      /\n\nA quick reading of this message was unsure; it thought of: note-show \(0\.41\), greet \(0\.20\)\. Use a guess only if it fits\.$/,
    );
    expect(user).toEqual({ role: "user", content: "the usual, please" });
    expect(promptFor({ ...asked, band: "none", hints: [] }, [])[0]?.content).not.toContain("quick reading");
  });
});
