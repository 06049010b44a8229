import { describe, expect, it, vi } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { newTrace } from "../../../src/core/trace.ts";
import type { Update } from "../../../src/core/update.ts";
import { createAdapterEnv } from "../../../src/platforms/adapter.ts";
import { discord } from "../../../src/platforms/discord/index.ts";
import { PlatformError } from "../../../src/platforms/errors.ts";
import { BOT_TOKEN, DISCORD_API, discordEnv, newKeyPair } from "../../support/discord.ts";

async function adapterEnv() {
  return createAdapterEnv(discordEnv(await newKeyPair()), concierge, newTrace());
}

/** Answers every request with `answers` in turn (the last one repeats), recording what was asked. */
function discordAnswering(...answers: (() => Response)[]) {
  const requests: { url: string; method: string; authorization: string | null; json: unknown }[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({
      url: request.url,
      method: request.method,
      authorization: request.headers.get("authorization"),
      json: await request.json(),
    });
    return (answers[requests.length - 1] ?? answers.at(-1) ?? (() => Response.json({})))();
  });
  return requests;
}

const refusal = (status: number, code: number, message: string) => () => Response.json({ code, message }, { status });

describe("Discord push (messages nobody asked for just now)", () => {
  it("posts to the channel as the bot", async () => {
    const requests = discordAnswering(() => Response.json({ id: "1" }));
    await discord.push({ chatId: "300" }, [{ text: "Digest *1*" }], await adapterEnv());
    expect(requests).toEqual([
      {
        url: `${DISCORD_API}/channels/300/messages`,
        method: "POST",
        authorization: `Bot ${BOT_TOKEN}`,
        json: { content: "Digest \\*1\\*", components: [], allowed_mentions: { parse: [] }, flags: 4 },
      },
    ]);
  });

  it("keeps a stored channel id inside the channel's path, whatever it holds", async () => {
    const requests = discordAnswering(() => Response.json({ id: "1" }));
    await discord.push({ chatId: "../users/@me/channels?x=" }, [{ text: "Digest" }], await adapterEnv());
    expect(requests.map((request) => request.url)).toEqual([
      `${DISCORD_API}/channels/..%2Fusers%2F%40me%2Fchannels%3Fx%3D/messages`,
    ]);
  });

  it("reports a user who cannot receive DMs as a permanent refusal", async () => {
    discordAnswering(refusal(403, 50007, "Cannot send messages to this user"));
    const error = await discord
      .push({ chatId: "400" }, [{ text: "Digest" }], await adapterEnv())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platform: "discord", code: 50007, permanent: true });
  });

  it("reports a channel that is gone as permanent, and a passing failure as not", async () => {
    discordAnswering(refusal(404, 10003, "Unknown Channel"));
    const gone = await discord
      .push({ chatId: "401" }, [{ text: "Digest" }], await adapterEnv())
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: 10003, permanent: true });
    discordAnswering(refusal(400, 50035, "Invalid Form Body"));
    const invalid = await discord
      .push({ chatId: "402" }, [{ text: "Digest" }], await adapterEnv())
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 50035, permanent: false });
  });

  it("retries a server error, and reports a rate limit longer than it waits with Discord's wait", async () => {
    const requests = discordAnswering(
      () => new Response("bad gateway", { status: 502 }),
      () => Response.json({ id: "1" }),
    );
    await discord.push({ chatId: "403" }, [{ text: "Digest" }], await adapterEnv());
    expect(requests).toHaveLength(2);

    discordAnswering(() =>
      Response.json({ message: "You are being rate limited.", retry_after: 64.5, global: true }, { status: 429 }),
    );
    const limited = await discord
      .push({ chatId: "404" }, [{ text: "Digest" }], await adapterEnv())
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 429, permanent: false, retryAfterMs: 64_500 });
  });

  it("addresses the channel an interaction came from", () => {
    const update: Update = {
      platform: "discord",
      bot: "concierge",
      eventId: "1",
      chat: { id: "555", kind: "group" },
      user: { id: "7", name: "Ann" },
      text: "/help",
      isButtonPress: false,
      addressed: true,
      route: { applicationId: "1", token: "t", source: "command" },
    };
    expect(discord.addressOf(update)).toEqual({ chatId: "555" });
  });
});
