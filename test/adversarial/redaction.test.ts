/**
 * Secrets never reach the log, whoever's they are: an error that quotes
 * another bot's token, the Discord bot token or the admin token is logged
 * with each of them redacted, in webhook, queue and Cron tick lines alike.
 * The values are made per test, so that only the environment of that test
 * can have taught the log what to hide.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { clearScheduledWork, consume, insertReminder, tick } from "../support/jobs.ts";
import { labWorker } from "../support/lab.ts";
import { interceptFetch } from "../support/outbound.ts";
import { stubTelegramApi, TELEGRAM_API } from "../support/telegram.ts";
import { testEnv } from "../support/worker.ts";

interface Secrets {
  readonly otherBot: string;
  readonly discordBotToken: string;
  readonly adminToken: string;
}

function freshSecrets(): Secrets {
  const id = crypto.randomUUID();
  // Characters that URL-encoding and JSON write differently, as real tokens may hold.
  return {
    otherBot: `9191:echo-${id}`,
    discordBotToken: `discord.bot/${id}`,
    adminToken: `admin-"quoted"-${id}`,
  };
}

/** The settings that hold `secrets`: the echo bot's Telegram token, the concierge's Discord bot token, the admin token. */
function settingsOf(secrets: Secrets): Record<string, string> {
  return {
    ECHO_TELEGRAM_BOT_TOKEN: secrets.otherBot,
    DISCORD_BOT_TOKEN: secrets.discordBotToken,
    ADMIN_TOKEN: secrets.adminToken,
  };
}

/** An error message quoting every secret, also URL-encoded and inside JSON, as an API's answer might. */
function quoting(secrets: Secrets): string {
  const values = Object.values(secrets);
  return `refused: ${values.join(" ")} ${values.map(encodeURIComponent).join(",")} ${JSON.stringify(values)}`;
}

/** Every logged line holds no secret in any of the forms `quoting` wrote, and the `event` line says it redacted. */
function expectRedacted(lines: MockInstance, event: string, secrets: Secrets): void {
  const logged = lines.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
  expect(logged.find((line) => line.event === event)?.error, `the ${event} line`).toContain("[redacted]");
  const text = logged.flatMap((line) => Object.values(line).filter((value) => typeof value === "string")).join("\n");
  for (const [name, value] of Object.entries(secrets)) {
    for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
      expect(text, name).not.toContain(form);
    }
  }
}

let secrets: Secrets;
let errors: MockInstance;

beforeEach(async () => {
  secrets = freshSecrets();
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "info").mockImplementation(() => {});
  await clearScheduledWork();
});

const leak = defineIntent({
  command: "leak",
  description: "Fails, quoting secrets",
  run() {
    throw new Error(quoting(secrets));
  },
});

describe("secrets in log lines", () => {
  it("are redacted from a webhook's lines", async () => {
    stubTelegramApi(interceptFetch());
    const bot = defineBot({ name: "leaky", intents: [leak] });
    await labWorker(bot, settingsOf(secrets)).send("/leak", { userId: 8301 });
    expectRedacted(errors, "handler_failed", secrets);
  });

  it("are redacted from a queue consumer's lines", async () => {
    interceptFetch().on(TELEGRAM_API, () =>
      Response.json({ ok: false, error_code: 400, description: quoting(secrets) }, { status: 400 }),
    );
    await insertReminder({ dueAt: "2031-03-01T09:00:00Z" });
    const jobs = await tick("2031-03-01T09:00:00Z");
    await consume(jobs, { env: { ...testEnv, ...settingsOf(secrets) } as Env });
    expectRedacted(errors, "scheduled_failed", secrets);
  });

  it("are redacted from a Cron tick's lines", async () => {
    const usage = {
      writeDataPoint() {
        throw new Error(quoting(secrets));
      },
    };
    const ctx = createExecutionContext();
    const controller = createScheduledController({
      scheduledTime: Date.parse("2031-03-02T00:00:00Z"),
      cron: "* * * * *",
    });
    await worker.scheduled?.(controller, { ...testEnv, ...settingsOf(secrets), USAGE: usage } as Env, ctx);
    await waitOnExecutionContext(ctx);
    expectRedacted(errors, "usage_write_failed", secrets);
  });
});
