/**
 * Conversation memory for tier 2: the exchanges tier 2 answered are kept
 * per chat and user in D1, bounded to the last 12 turns and 24 hours, and
 * sent to the model as context with the next message.
 */
import { env } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { describe, expect, it } from "vitest";
import type { Timer } from "../../src/core/timer.ts";
import { MAX_TURNS, MEMORY_MS } from "../../src/store/memory.ts";
import { type ModelAnswer, type RecordingAi, recordingAi } from "../support/ai.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { BOT_ID, stubTelegramApi } from "../support/telegram.ts";
import { expired, unlimited } from "../support/time.ts";
import { workersAiAnswer, workersAiToolCall } from "./fixtures.ts";

const greet = defineIntent({
  command: "greet",
  description: "Greet someone",
  args: [{ name: "name", type: "string", rest: true, description: "Whom to greet" }],
  run(ctx) {
    ctx.reply(`Hello, ${ctx.args.name}!`);
  },
});

const keeper = defineBot({ name: "keeper", intents: [greet] });

function keeperWorker(ai: RecordingAi, modelTimer: Timer = unlimited) {
  stubTelegramApi(interceptFetch());
  return labWorker(
    keeper,
    { KEEPER_TELEGRAM_BOT_TOKEN: `${BOT_ID}:keeper-token`, KEEPER_AI_ENABLED: "true", AI: ai },
    { modelTimer },
  );
}

/** What the model was sent in run `index`, system prompt left out: [role, text] pairs. */
function context(ai: RecordingAi, index: number): [string, string][] {
  const messages = ai.runs[index]?.inputs.messages ?? [];
  return messages.filter((message) => message.role !== "system").map((message) => [message.role, message.content]);
}

async function storedTurns(userId: string, chatId = userId): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT COUNT(*) AS n FROM ai_memory WHERE bot = 'keeper' AND platform = 'telegram' AND chat_id = ? AND user_id = ?",
  )
    .bind(chatId, userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const answers = (count: number): ModelAnswer[] =>
  Array.from({ length: count }, (_, i) => ({ body: workersAiAnswer(`Answer ${i + 1}.`) }));

describe("conversation memory", () => {
  it("sends the earlier exchanges with the next message: the user's words and what the bot said", async () => {
    const ai = recordingAi().answer(
      { body: workersAiAnswer("Berlin is lovely in May.") },
      { body: workersAiToolCall("greet", { name: "Ann" }) },
      { body: workersAiAnswer("You asked about Berlin, then had me greet Ann.") },
    );
    const worker = keeperWorker(ai);
    await worker.send("is Berlin nice in spring?", { userId: 5101 });
    await worker.send("now say hello to Ann from me", { userId: 5101 });
    await worker.send("what did we talk about?", { userId: 5101 });
    expect(context(ai, 2)).toEqual([
      ["user", "is Berlin nice in spring?"],
      ["assistant", "Berlin is lovely in May."],
      ["user", "now say hello to Ann from me"],
      ["assistant", "Hello, Ann!"],
      ["user", "what did we talk about?"],
    ]);
  });

  it("keeps the last 12 turns of a chat and user, and sends no more", async () => {
    const ai = recordingAi().answer(...answers(9));
    const worker = keeperWorker(ai);
    for (let i = 1; i <= 9; i++) await worker.send(`question ${i}`, { userId: 5102 });
    expect(await storedTurns("5102")).toBe(MAX_TURNS);
    const sent = context(ai, 8);
    expect(sent).toHaveLength(MAX_TURNS + 1);
    expect(sent.slice(0, 2)).toEqual([
      ["user", "question 3"],
      ["assistant", "Answer 3."],
    ]);
    expect(sent.at(-1)).toEqual(["user", "question 9"]);
  });

  it("sends nothing older than a day", async () => {
    const now = Date.now();
    const insert = (role: string, text: string, at: number) =>
      env.DB.prepare(
        `INSERT INTO ai_memory (bot, platform, chat_id, user_id, role, text, created_at)
         VALUES ('keeper', 'telegram', '5103', '5103', ?, ?, ?)`,
      ).bind(role, text, at);
    await env.DB.batch([
      insert("user", "from the day before yesterday", now - MEMORY_MS - 60 * 60_000),
      insert("assistant", "an old answer", now - MEMORY_MS - 60 * 60_000),
      insert("user", "from this morning", now - MEMORY_MS + 60 * 60_000),
      insert("assistant", "a recent answer", now - MEMORY_MS + 60 * 60_000),
    ]);
    const ai = recordingAi().answer(...answers(1));
    await keeperWorker(ai).send("and now?", { userId: 5103 });
    expect(context(ai, 0)).toEqual([
      ["user", "from this morning"],
      ["assistant", "a recent answer"],
      ["user", "and now?"],
    ]);
  });

  it("is kept per chat and user: another chat or another user starts empty", async () => {
    const ai = recordingAi().answer(...answers(3));
    const worker = keeperWorker(ai);
    await worker.send("private words", { userId: 5104 });
    await worker.send("@concierge_test_bot words in the group", {
      userId: 5104,
      group: true,
      replyToBot: true,
    });
    await worker.send("someone else", { userId: 5105 });
    expect(context(ai, 1)).toEqual([["user", "@concierge_test_bot words in the group"]]);
    expect(context(ai, 2)).toEqual([["user", "someone else"]]);
  });

  it("keeps nothing of a message tier 2 could not answer", async () => {
    const ai = recordingAi().answer({ body: workersAiToolCall("no_such_tool", {}) }, "hang");
    await keeperWorker(ai).send("do the impossible", { userId: 5106 });
    await keeperWorker(ai, expired).send("are you still there?", { userId: 5106 });
    expect(ai.runs).toHaveLength(2);
    expect(await storedTurns("5106")).toBe(0);
  });
});
