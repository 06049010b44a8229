/**
 * Faults outside Parley's control: D1 failing on a write, an outside API
 * that never answers, a platform API that fails once. The user must get one
 * sensible message, and the stored state must be all or nothing.
 */
import { env } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import * as z from "zod";
import type { Env } from "../../src/env.ts";
import { overrideD1, sqlOf } from "../support/d1.ts";
import { DEFERRED_MESSAGE, DISCORD_API, slashCommand, stubDiscordApi } from "../support/discord.ts";
import { hang, interceptFetch, type Responder } from "../support/outbound.ts";
import { eventCallback, postedTexts, SLACK_API, stubSlackApi, stubUserInfo } from "../support/slack.ts";
import { messageUpdate, sentTexts, stubTelegramApi, TELEGRAM_API } from "../support/telegram.ts";
import { expired } from "../support/time.ts";
import { createHarness } from "./harness.ts";

const SLOW_API = "https://slow.example/v1";

/** A plan is kept in two places at once: the user's data and a reminder. */
const plan = defineIntent({
  command: "plan",
  description: "Remember a plan and remind me of it in an hour",
  args: [{ name: "text", type: "string", rest: true, description: "The plan" }],
  async run(ctx) {
    ctx.user.data.plan = ctx.args.text;
    await ctx.schedule.remind(new Date(ctx.now.getTime() + 3_600_000), ctx.args.text);
    ctx.reply(`Planned: ${ctx.args.text}`);
  },
});

const SlowAnswer = z.object({ text: z.string() });

/** Asks an outside API, giving up after the number of milliseconds given. */
const slow = defineIntent({
  command: "slow",
  description: "Ask the slow service",
  args: [{ name: "timeout", type: "integer", description: "Milliseconds to wait" }],
  async run(ctx) {
    const options = { timeoutMs: ctx.args.timeout };
    const answer = await ctx.services.getJson("The slow service", `${SLOW_API}/answer`, SlowAnswer, options);
    ctx.reply(answer.text);
  },
});

const twice = defineIntent({
  command: "twice",
  description: "Answer with two messages",
  run(ctx) {
    ctx.reply("first");
    ctx.reply("second");
  },
});

const lab = defineBot({
  name: "lab",
  intents: [plan, slow, twice],
  messages: { en: "parley-apology = Sorry, that failed." },
});

/**
 * A D1 binding whose batches writing to `users`, once armed, fail after
 * their own statements, as a write failing halfway would. D1 runs a batch as
 * one transaction, so the statements before the failing one are undone.
 */
function failingUserWrites(db: D1Database) {
  const control = { armed: false };
  const writesUsers = (statement: D1PreparedStatement) => /^\s*(INSERT INTO|UPDATE) users\b/.test(sqlOf(statement));
  const failing = overrideD1(db, {
    batch: (statements) =>
      db.batch(
        control.armed && statements.some(writesUsers)
          ? [...statements, db.prepare("INSERT INTO no_such_table VALUES (1)")]
          : statements,
      ),
  });
  return { db: failing, control };
}

/** Answers the first call with `status` and `body`, every later one with `then`. */
function failingOnce(status: number, body: string, then: Responder, contentType = "application/json"): Responder {
  let failed = false;
  return (call) => {
    if (failed) return then(call);
    failed = true;
    return new Response(body, { status, headers: { "content-type": contentType } });
  };
}

const ok: Responder = () =>
  Response.json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } });

let errors: MockInstance;

beforeEach(() => {
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "info").mockImplementation(() => {});
});

const logged = () => errors.mock.calls.map((call) => String(call[0])).join("\n");

/** What the lab bot keeps for user 50001: the plan in the user's data, and the reminders. */
async function storedPlans(): Promise<{ plan: unknown; reminders: string[] }> {
  const user = await env.DB.prepare("SELECT data FROM users WHERE bot = 'lab' AND user_id = '50001'").first<{
    data: string;
  }>();
  const reminders = await env.DB.prepare(
    "SELECT text FROM reminders WHERE bot = 'lab' AND user_id = '50001' ORDER BY id",
  ).all<{ text: string }>();
  return { plan: JSON.parse(user?.data ?? "{}").plan, reminders: reminders.results.map((row) => row.text) };
}

describe("D1 failing on a write in the middle of a delivery", () => {
  it("leaves the earlier state whole, and tells the user it failed", async () => {
    const { db, control } = failingUserWrites(env.DB);
    const harness = await createHarness({ bots: [lab], env: (base) => ({ ...base, DB: db }) as Env });
    const outbound = stubTelegramApi(interceptFetch());
    const send = (text: string, updateId?: number) =>
      harness.deliver(harness.telegram(JSON.stringify(messageUpdate({ text, userId: 50_001, updateId }))));
    await send("/plan water the plants");
    control.armed = true;
    expect((await send("/plan repaint the fence", 505_050)).status).toBe(200);

    expect(sentTexts(outbound)).toEqual(["Planned: water the plants", "Sorry, that failed."]);
    expect(await storedPlans()).toEqual({ plan: "water the plants", reminders: ["water the plants"] });
    // The operator finds the failure by the update's id.
    expect(logged()).toMatch(/"event":"delivery_failed".*"eventId":"505050"/);

    // Once D1 is back, the same request goes through whole.
    control.armed = false;
    await send("/plan repaint the fence");
    expect(await storedPlans()).toEqual({
      plan: "repaint the fence",
      reminders: ["water the plants", "repaint the fence"],
    });
  });
});

describe("an outside API that never answers", () => {
  const friendly = "The slow service is not answering right now. Please try again in a moment.";

  it("gets a friendly reply on Telegram once the timeout passes, while Telegram had its answer at once", async () => {
    const harness = await createHarness({ bots: [lab] });
    const outbound = stubTelegramApi(interceptFetch()).on(SLOW_API, hang);
    const { response, settled } = await harness.call(
      harness.telegram(JSON.stringify(messageUpdate({ text: "/slow 200", userId: 50_002 }))),
    );
    expect(response.status).toBe(200);
    // Answered while the handler was still waiting: nothing had been sent yet.
    expect(outbound.to(TELEGRAM_API)).toEqual([]);
    await settled;
    expect(sentTexts(outbound)).toEqual([friendly]);
  });

  it("gets Discord's deferral while the handler waits, and the friendly reply after", async () => {
    // The inline budget has run out before the handler could have finished.
    const harness = await createHarness({ bots: [lab], timer: expired });
    const outbound = stubDiscordApi(interceptFetch()).on(SLOW_API, hang);
    const interaction = slashCommand("slow", { timeout: 200 }, { userId: "700000000000050003" });
    const { response, settled } = await harness.call(await harness.discord(JSON.stringify(interaction)));
    expect(await response.json()).toEqual({ type: DEFERRED_MESSAGE });
    expect(outbound.to(DISCORD_API)).toEqual([]);
    await settled;
    const [edit, ...more] = outbound.to(DISCORD_API);
    expect(more).toHaveLength(0);
    expect(edit?.method).toBe("PATCH");
    expect(edit?.url.pathname).toBe(
      `/api/v10/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`,
    );
    expect(edit?.json).toMatchObject({ content: friendly });
  });
});

describe("a platform API answering 500, then 200", () => {
  it("delivers the Telegram reply once", async () => {
    const harness = await createHarness();
    const error = JSON.stringify({ ok: false, error_code: 500, description: "Internal Server Error" });
    const outbound = interceptFetch().on(TELEGRAM_API, failingOnce(500, error, ok));
    await harness.deliver(harness.telegram(JSON.stringify(messageUpdate({ text: "/start", userId: 50_004 }))));
    // The first attempt failed; the retry is the one message the user sees.
    const [failed, delivered, ...more] = sentTexts(outbound);
    expect(delivered).toContain("Hello <b>Ann</b>!");
    expect(failed).toBe(delivered);
    expect(more).toHaveLength(0);
    expect(errors).not.toHaveBeenCalled();
  });

  it("delivers the Telegram reply once when the 502 comes from the gateway, as an HTML page", async () => {
    const harness = await createHarness();
    const page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    const outbound = interceptFetch().on(TELEGRAM_API, failingOnce(502, page, ok, "text/html"));
    await harness.deliver(harness.telegram(JSON.stringify(messageUpdate({ text: "/start", userId: 50_005 }))));
    const [failed, delivered, ...more] = sentTexts(outbound);
    expect(delivered).toContain("Hello <b>Ann</b>!");
    expect(failed).toBe(delivered);
    expect(more).toHaveLength(0);
    expect(errors).not.toHaveBeenCalled();
  });

  it("fills in Discord's deferred message once, and sends the follow-up once", async () => {
    const harness = await createHarness({ bots: [lab] });
    const discordOk: Responder = () => Response.json({ id: "1500000000000000001" });
    const error = JSON.stringify({ message: "Internal Server Error", code: 0 });
    const outbound = interceptFetch().on(DISCORD_API, failingOnce(500, error, discordOk));
    const interaction = slashCommand("twice", {}, { userId: "700000000000050006" });
    const response = await harness.deliver(await harness.discord(JSON.stringify(interaction)));
    expect(await response.json()).toEqual({ type: DEFERRED_MESSAGE });
    expect(outbound.to(DISCORD_API).map((call) => [call.method, (call.json as { content: string }).content])).toEqual([
      ["PATCH", "first"],
      ["PATCH", "first"],
      ["POST", "second"],
    ]);
    expect(errors).not.toHaveBeenCalled();
  });

  it("posts the Slack reply once", async () => {
    const harness = await createHarness();
    const slackOk: Responder = () => Response.json({ ok: true, channel: "D0ANN", ts: "1700000000.000001" });
    const outbound = stubSlackApi(stubUserInfo(interceptFetch()).on(SLACK_API, failingOnce(500, "", slackOk)));
    await harness.deliver(
      await harness.slack(JSON.stringify(eventCallback({ text: "help", user: "U0FAULT1" })), "application/json"),
    );
    const [failed, delivered, ...more] = postedTexts(outbound);
    expect(delivered).toContain("Commands");
    expect(failed).toBe(delivered);
    expect(more).toHaveLength(0);
    expect(errors).not.toHaveBeenCalled();
  });
});
