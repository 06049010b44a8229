/**
 * Property-based tests of the Discord route: a signed body is a 200 or a
 * 400, never a 500, and a 400 stores nothing; anything not signed with the
 * application's key, or signed too long ago, is a 401 that touches nothing.
 */
import fc from "fast-check";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { MAX_BODY_BYTES } from "../../src/app.ts";
import {
  autocomplete,
  buttonPress,
  DEFERRED_MESSAGE,
  DEFERRED_UPDATE,
  MESSAGE,
  MODAL,
  modalSubmit,
  newKeyPair,
  nowSeconds,
  ping,
  sign,
  slashCommand,
  stubDiscordApi,
  UPDATE_MESSAGE,
} from "../support/discord.ts";
import { effectOf, excessRows, headerValue, mutated, propertySuite, RUNS, strangeBody, userText } from "./harness.ts";

const suite = propertySuite(stubDiscordApi);

let nextUser = 700_000_000_000_090_000n;
const fresh = () => ({ userId: String(nextUser++) });

/** Real-looking interactions of every kind the adapter reads. */
const interactions = [
  () => ping(),
  () => slashCommand("help", {}, fresh()),
  () => slashCommand("todo", { text: "buy milk" }, { ...fresh(), subcommand: "add", dm: true }),
  () => buttonPress("0:/todo list", fresh()),
  () => modalSubmit("Berlin", fresh()),
  () => autocomplete("weather", { city: "Ber" }, "city", fresh()),
];

/** Whether the user saw an answer: in the webhook response itself, or sent through the interaction's webhook. */
async function answered(response: Response, callsBefore: number): Promise<boolean> {
  const { type } = (await response.json()) as { type: number };
  if (type === MESSAGE || type === UPDATE_MESSAGE || type === MODAL) return true;
  const followUps = suite.outbound.calls.slice(callsBefore).filter((call) => call.url.pathname.includes("/webhooks/"));
  return (type === DEFERRED_MESSAGE || type === DEFERRED_UPDATE) && followUps.length > 0;
}

describe("Discord route under hostile input", () => {
  it("answers any signed body with 400 or a 200 no-op, and stores and sends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(strangeBody, async (body) => {
        const effect = await effectOf(suite.harness, suite.outbound.calls, await suite.harness.discord(body));
        expect([200, 400]).toContain(effect.status);
        expect(effect).toMatchObject({ stored: false, calls: 0 });
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers interactions with missing fields, wrong types and strange strings with 200 or 400, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(interactions), async (interaction) => {
        const effect = await effectOf(
          suite.harness,
          suite.outbound.calls,
          await suite.harness.discord(JSON.stringify(interaction)),
        );
        expect([200, 400]).toContain(effect.status);
        if (effect.status === 400) expect(effect).toMatchObject({ stored: false, calls: 0 });
        else expect(excessRows(effect)).toEqual([]);
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers whatever a user types into an option, a modal or a button, under whatever name, and logs no error", async () => {
    const name = fc.string({ unit: "binary", minLength: 1, maxLength: 80 });
    const typed = fc.oneof(
      userText.map((text) => slashCommand("todo", { text }, { ...fresh(), subcommand: "add" })),
      userText.map((city) => slashCommand("weather", { city }, fresh())),
      userText.map((text) => modalSubmit(text, fresh())),
      userText.map((text) => buttonPress(`0:${text}`, fresh())),
    );
    await fc.assert(
      fc.asyncProperty(typed, name, fc.option(name), async (interaction, nick, channel) => {
        const payload = structuredClone(interaction) as Record<string, unknown>;
        Object.assign(payload.member as object, { nick });
        if (channel !== null) Object.assign(payload.channel as object, { name: channel });
        const callsBefore = suite.outbound.calls.length;
        const response = await suite.harness.deliver(await suite.harness.discord(JSON.stringify(payload)));
        expect(response.status).toBe(200);
        expect(await answered(response, callsBefore)).toBe(true);
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("refuses a delivery with a wrong, foreign, malformed or stale signature with 401, touching nothing", async () => {
    // The clock stands still, so that a skew of 301 s is still 301 s when the Worker reads the clock.
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 1000) * 1000 });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const other = await newKeyPair();
    const body = fc.oneof(
      strangeBody,
      fc.constantFrom(...interactions).map((make) => JSON.stringify(make())),
    );
    /** Headers that are all wrong in some way, for `text`. */
    const forged = (text: string) =>
      fc.oneof(
        fc.record({
          signature: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 128, maxLength: 128 }),
        }),
        fc.record({ signature: fc.option(headerValue(), { nil: null }), timestamp: fc.option(headerValue()) }),
        fc.constant(null).map(() => ({ signWith: other.privateKey })),
        // Signed right, but more than five minutes away from now in either direction.
        fc
          .integer({ min: 301, max: 10 ** 9 })
          .chain((skew) => fc.constantFrom(-skew, skew))
          .map((skew) => ({ timestamp: nowSeconds() + skew })),
        // Signed right, for another body.
        fc
          .string({ maxLength: 50 })
          .filter((another) => another !== text)
          .map((another) => ({ signedBody: another })),
      );
    await fc.assert(
      fc.asyncProperty(
        body.chain((text) => fc.tuple(fc.constant(text), forged(text))),
        async ([text, forgery]) => {
          const timestamp = String(
            "timestamp" in forgery && forgery.timestamp !== null ? forgery.timestamp : nowSeconds(),
          );
          const signature =
            "signature" in forgery
              ? forgery.signature
              : await sign(
                  "signWith" in forgery ? forgery.signWith : suite.harness.keys.privateKey,
                  timestamp,
                  "signedBody" in forgery ? forgery.signedBody : text,
                );
          const request = await suite.harness.discord(text, { signature, timestamp });
          expect(await effectOf(suite.harness, suite.outbound.calls, request)).toMatchObject({
            status: 401,
            stored: false,
            calls: 0,
          });
        },
      ),
      RUNS,
    );
  });

  it("answers options nested thousands of levels deep (Discord nests three), near 1 MiB, without a 500", async () => {
    const command = slashCommand("help", {}, fresh());
    const level = '{"name":"a","type":2,"options":[';
    const depth = Math.floor((MAX_BODY_BYTES - 2_000) / (level.length + 2));
    const nested = `[${level.repeat(depth)}{"name":"x","type":3,"value":"v"}${"]}".repeat(depth)}]`;
    const body = JSON.stringify({ ...command, data: { ...command.data, options: "@" } }).replace('"@"', nested);
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    const response = await suite.harness.deliver(await suite.harness.discord(body));
    // Parley reads three levels, as deep as Discord nests options, and leaves the rest unread.
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: MESSAGE });
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers an option value of nearly 1 MiB with a short refusal", async () => {
    const text = "ß".repeat((MAX_BODY_BYTES - 2_000) / 2);
    const response = await suite.harness.deliver(
      await suite.harness.discord(JSON.stringify(slashCommand("todo", { text }, { ...fresh(), subcommand: "add" }))),
    );
    expect(await response.json()).toMatchObject({
      type: MESSAGE,
      data: { content: "That is too long for one item: please keep it under 500 characters." },
    });
    expect(suite.errors).not.toHaveBeenCalled();
  });
});
