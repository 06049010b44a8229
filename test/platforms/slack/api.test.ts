import { describe, expect, it, vi } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { newTrace } from "../../../src/core/trace.ts";
import { createAdapterEnv } from "../../../src/platforms/adapter.ts";
import { PlatformError } from "../../../src/platforms/errors.ts";
import { slack } from "../../../src/platforms/slack/index.ts";
import { TEST_SECRETS } from "../../secrets.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { eventCallback, eventRequest, postedMessages, SLACK_API } from "../../support/slack.ts";
import { deliver, testEnv } from "../../support/worker.ts";

const env = () => createAdapterEnv(testEnv, concierge, newTrace());

const refusal = (error: string) => () => Response.json({ ok: false, error });

describe("Slack Web API calls", () => {
  it("pushes to a channel's thread with the bot token", async () => {
    const outbound = interceptFetch().on(SLACK_API, () => Response.json({ ok: true, ts: "1.2" }));
    await slack.push({ chatId: "C0DIGEST", threadId: "1700000000.000100" }, [{ text: "Digest" }], env());
    const [message] = postedMessages(outbound);
    expect(message).toMatchObject({ channel: "C0DIGEST", thread_ts: "1700000000.000100", text: "Digest" });
    expect(message?.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "Digest", verbatim: true } }]);
    expect(message?.call.url.href).toBe(`${SLACK_API}/chat.postMessage`);
  });

  it("authenticates with the bot token", async () => {
    const seen: Request[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return Response.json({ ok: true });
    });
    await slack.push({ chatId: "C0DIGEST" }, [{ text: "Digest" }], env());
    expect(seen.map((request) => request.headers.get("authorization"))).toEqual([
      `Bearer ${TEST_SECRETS.SLACK_BOT_TOKEN}`,
    ]);
  });

  it("waits out a 429 for the seconds in Retry-After, then sends", async () => {
    let attempts = 0;
    const outbound = interceptFetch().on(`${SLACK_API}/chat.postMessage`, () => {
      attempts += 1;
      return attempts === 1
        ? Response.json({ ok: false, error: "ratelimited" }, { status: 429, headers: { "retry-after": "1" } })
        : Response.json({ ok: true });
    });
    const started = Date.now();
    await deliver(await eventRequest(eventCallback({ text: "help", user: "U0LIMIT" })));
    expect(outbound.to("/chat.postMessage")).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("reports a rate limit that outlasts the retries with the wait Slack asked for", async () => {
    interceptFetch().on(SLACK_API, () =>
      Response.json({ ok: false, error: "ratelimited" }, { status: 429, headers: { "retry-after": "120" } }),
    );
    const error = await slack.push({ chatId: "C0BUSY" }, [{ text: "Digest" }], env()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platform: "slack", permanent: false, retryAfterMs: 120_000 });
  });

  it("reports an archived channel, one the bot left, or a deactivated user as permanent", async () => {
    for (const code of ["is_archived", "not_in_channel", "channel_not_found", "account_inactive", "user_not_found"]) {
      interceptFetch().on(SLACK_API, refusal(code));
      const error = await slack.push({ chatId: "C0GONE" }, [{ text: "Digest" }], env()).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(PlatformError);
      expect(error, code).toMatchObject({ code, permanent: true });
    }
  });

  it("reports other refusals as passing, and never with the token in them", async () => {
    interceptFetch().on(SLACK_API, refusal("invalid_blocks"));
    const error = await slack.push({ chatId: "C0X" }, [{ text: "Digest" }], env()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_blocks", permanent: false });
    expect(String(error)).not.toContain(TEST_SECRETS.SLACK_BOT_TOKEN);
  });
});
