/**
 * Property-based tests of the Slack route, for all three shapes that share it
 * (Events API JSON, slash-command forms, interactivity forms): a signed body
 * is a 200 or a 400, never a 500, and a 400 stores nothing; a wrong, foreign
 * or stale signature is a 401 that touches nothing.
 */
import fc from "fast-check";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { MAX_BODY_BYTES } from "../../src/app.ts";
import { buttonPress, eventCallback, postedMessages, sign, slashCommand, stubSlackApi } from "../support/slack.ts";
import { effectOf, excessRows, headerValue, mutated, propertySuite, RUNS, strangeBody, userText } from "./harness.ts";

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

const suite = propertySuite(stubSlackApi);

let nextUser = 1;
const freshUser = () => `U0FUZZ${nextUser++}`;

/** Form fields as Slack encodes them; a value that is not a string goes as its JSON. */
function formOf(fields: unknown): string {
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) return JSON.stringify(fields) ?? "";
  const entries = Object.entries(fields).map(([name, value]) => [
    name,
    typeof value === "string" ? value : JSON.stringify(value),
  ]);
  return new URLSearchParams(entries).toString();
}

/** A body and its content type, as Slack would send them. */
type Sent = [body: string, contentType: string];
const asJson = (value: unknown): Sent => [JSON.stringify(value), JSON_TYPE];
const asForm = (fields: unknown): Sent => [formOf(fields), FORM_TYPE];

/** Real-looking deliveries of the three shapes, each with fields missing, of the wrong type or strange. */
const mutatedDeliveries: fc.Arbitrary<Sent> = fc.oneof(
  mutated([
    () => eventCallback({ text: "help", user: freshUser() }),
    () => eventCallback({ text: "<@U0BOT> todo add milk", type: "app_mention", user: freshUser() }),
    () => ({ token: "t", challenge: "c", type: "url_verification" }),
  ]).map(asJson),
  mutated([() => slashCommand({ text: "todo add milk", user: freshUser() }).fields]).map(asForm),
  mutated([() => JSON.parse(buttonPress({ value: "/todo list", user: freshUser() }).fields.payload ?? "")]).map(
    (payload) => asForm({ payload: JSON.stringify(payload) }),
  ),
);

/** Bodies that are no Slack request, sent as JSON or as a form, with a content type that may not match. */
const strangeDeliveries: fc.Arbitrary<Sent> = fc.tuple(
  fc.oneof(
    strangeBody,
    fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ unit: "binary", maxLength: 100 })).map(formOf),
    fc.string({ unit: "binary", maxLength: 300 }).map((payload) => formOf({ payload })),
  ),
  fc.constantFrom(JSON_TYPE, FORM_TYPE, "text/plain", "Application/X-WWW-Form-Urlencoded; charset=utf-8", ""),
);

/** Whether the user saw an answer: a slash command's response body, or a message posted after it. */
async function answered(response: Response, callsBefore: number): Promise<boolean> {
  const text = await response.text();
  if (text !== "" && "text" in JSON.parse(text)) return true;
  const posted = postedMessages(suite.outbound).filter(
    (message) => suite.outbound.calls.indexOf(message.call) >= callsBefore,
  );
  return posted.length > 0;
}

describe("Slack route under hostile input", () => {
  it("answers any signed body, JSON or form, with 400 or a 200 no-op, and stores and sends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(strangeDeliveries, async ([body, contentType]) => {
        const effect = await effectOf(
          suite.harness,
          suite.outbound.calls,
          await suite.harness.slack(body, contentType),
        );
        expect([200, 400]).toContain(effect.status);
        expect(effect).toMatchObject({ stored: false, calls: 0 });
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers events, slash commands and button presses with missing fields, wrong types and strange strings with 200 or 400, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedDeliveries, async ([body, contentType]) => {
        const effect = await effectOf(
          suite.harness,
          suite.outbound.calls,
          await suite.harness.slack(body, contentType),
        );
        expect([200, 400]).toContain(effect.status);
        if (effect.status === 400) expect(effect).toMatchObject({ stored: false, calls: 0 });
        else expect(excessRows(effect)).toEqual([]);
      }),
      RUNS,
    );
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers whatever a user writes in a DM, a mention, a slash command or a button, and logs no error", async () => {
    const name = fc.string({ unit: "binary", minLength: 1, maxLength: 80 });
    const written: fc.Arbitrary<Sent> = fc.oneof(
      fc
        .tuple(userText, name)
        .map(([text, displayName]) =>
          asJson(eventCallback({ text, user: freshUser(), extra: { user_profile: { display_name: displayName } } })),
        ),
      userText.map((text) =>
        asJson(eventCallback({ text: `<@U0BOT> ${text}`, type: "app_mention", user: freshUser() })),
      ),
      fc
        .tuple(userText, name)
        .map(([text, userName]) =>
          asForm({ ...slashCommand({ text, user: freshUser() }).fields, user_name: userName }),
        ),
      userText.map((value) => asForm(buttonPress({ value, user: freshUser() }).fields)),
    );
    await fc.assert(
      fc.asyncProperty(written, async ([body, contentType]) => {
        const callsBefore = suite.outbound.calls.length;
        const response = await suite.harness.deliver(await suite.harness.slack(body, contentType));
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
    const now = () => Math.floor(Date.now() / 1000);
    const body = fc.oneof(strangeDeliveries, mutatedDeliveries);
    const forged = (text: string) =>
      fc.oneof(
        fc
          .string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 })
          .map((hex) => ({ signature: `v0=${hex}` })),
        fc.record({ signature: fc.option(headerValue(), { nil: null }), timestamp: fc.option(headerValue()) }),
        headerValue(40).map((secret) => ({ secret: `other-${secret}` })),
        fc
          .integer({ min: 301, max: 10 ** 9 })
          .chain((skew) => fc.constantFrom(-skew, skew))
          .map((skew) => ({ timestamp: now() + skew })),
        fc
          .string({ maxLength: 50 })
          .filter((another) => another !== text)
          .map((another) => ({ signedBody: another })),
      );
    await fc.assert(
      fc.asyncProperty(
        body.chain(([text, type]) => fc.tuple(fc.constant(text), fc.constant(type), forged(text))),
        async ([text, contentType, forgery]) => {
          const timestamp = String("timestamp" in forgery && forgery.timestamp !== null ? forgery.timestamp : now());
          const signature =
            "signature" in forgery
              ? forgery.signature
              : await sign(
                  "signedBody" in forgery ? forgery.signedBody : text,
                  timestamp,
                  "secret" in forgery ? forgery.secret : undefined,
                );
          const request = await suite.harness.slack(text, contentType, { signature, timestamp });
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

  it("answers a slash command of nearly 1 MiB with a short refusal in its response", async () => {
    const text = `todo add ${"€".repeat((MAX_BODY_BYTES - 2_000) / 9)}`;
    const response = await suite.harness.deliver(await suite.harness.slack(...asForm(slashCommand({ text }).fields)));
    expect(await response.json()).toMatchObject({
      text: "That is too long for one item: please keep it under 500 characters.",
    });
    expect(suite.errors).not.toHaveBeenCalled();
  });

  it("answers a message whose unknown fields nest thousands of levels deep, near 1 MiB", async () => {
    const event = eventCallback({ text: "help", user: freshUser(), extra: { attachments: "@" } });
    const depth = (MAX_BODY_BYTES - 2_000) / 2;
    const body = JSON.stringify(event).replace('"@"', `${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect((await suite.harness.deliver(await suite.harness.slack(body, JSON_TYPE))).status).toBe(200);
    expect(suite.outbound.to("/chat.postMessage")).toHaveLength(1);
    expect(suite.errors).not.toHaveBeenCalled();
  });
});
