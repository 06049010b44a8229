import { describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { newTrace } from "../../../src/core/trace.ts";
import { createAdapterEnv } from "../../../src/platforms/adapter.ts";
import { PlatformError } from "../../../src/platforms/errors.ts";
import { telegram } from "../../../src/platforms/telegram/index.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { TELEGRAM_API } from "../../support/telegram.ts";
import { testEnv } from "../../support/worker.ts";

const env = () => createAdapterEnv(testEnv, concierge, newTrace());

describe("Telegram push (messages nobody asked for just now)", () => {
  it("sends to the chat and forum topic of the address", async () => {
    const outbound = interceptFetch().on(TELEGRAM_API, () =>
      Response.json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } }),
    );
    await telegram.push({ chatId: "-100", threadId: "9" }, [{ text: "Digest" }], env());
    expect(outbound.to("/sendMessage")[0]?.json).toMatchObject({
      chat_id: "-100",
      message_thread_id: 9,
      text: "Digest",
    });
  });

  it("reports a user who blocked the bot as a permanent refusal", async () => {
    interceptFetch().on(TELEGRAM_API, () =>
      Response.json(
        { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
        { status: 403 },
      ),
    );
    const error = await telegram.push({ chatId: "7" }, [{ text: "Digest" }], env()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ permanent: true, code: 403 });
  });

  it("reports a rate limit that outlasts the retries with the wait Telegram asked for", async () => {
    interceptFetch().on(TELEGRAM_API, () =>
      Response.json(
        { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 120 } },
        { status: 429 },
      ),
    );
    const error = await telegram.push({ chatId: "7" }, [{ text: "Digest" }], env()).catch((e: unknown) => e);
    expect(error).toMatchObject({ permanent: false, retryAfterMs: 120_000 });
  });
});
