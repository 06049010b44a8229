import { describe, expect, it } from "vitest";
import { callsTo, GEOCODING_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import { interceptFetch } from "../../support/outbound.ts";
import {
  BOT_USER,
  eventCallback,
  eventRequest,
  freshTs,
  postedMessages,
  postedTexts,
  stubSlackApi,
} from "../../support/slack.ts";
import { deliver } from "../../support/worker.ts";

const BERLIN_REPORT = [
  "*Berlin, Germany*",
  "Partly cloudy, 8.4°C (feels like 5.1°C)",
  "Humidity 71%, wind 14.4 km/h",
  "_Measured at 14:15 local time_",
].join("\n");

describe("Slack events", () => {
  it("answers the URL verification challenge", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const response = await deliver(
      await eventRequest({
        token: "x",
        challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        type: "url_verification",
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    expect(outbound.calls).toHaveLength(0);
  });

  it("answers a mention in a channel in a thread under it, the mention taken off", async () => {
    const outbound = stubOpenMeteo(stubSlackApi(interceptFetch()));
    const ts = freshTs();
    const response = await deliver(
      await eventRequest(
        eventCallback({ type: "app_mention", text: `<@${BOT_USER}> weather Berlin`, ts, user: "U0MEN1" }),
      ),
    );
    expect(response.status).toBe(200);
    const [message, ...others] = postedMessages(outbound);
    expect(others).toHaveLength(0);
    expect(message).toMatchObject({ channel: "C0GENERAL", thread_ts: ts, text: expect.stringContaining("Berlin") });
    expect(message?.call.url.href).toBe("https://slack.com/api/chat.postMessage");
    expect(postedTexts(outbound)).toEqual([BERLIN_REPORT]);
  });

  it("answers a mention inside a thread in that thread", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const parent = freshTs();
    await deliver(
      await eventRequest(
        eventCallback({
          type: "app_mention",
          text: `<@${BOT_USER}|concierge>: help`,
          threadTs: parent,
          user: "U0MEN2",
        }),
      ),
    );
    const [message] = postedMessages(outbound);
    expect(message).toMatchObject({ channel: "C0GENERAL", thread_ts: parent });
    expect(postedTexts(outbound)[0]).toContain("*Commands*");
  });

  it("answers a direct message at the top level, with the weather from the APIs", async () => {
    const outbound = stubOpenMeteo(stubSlackApi(interceptFetch()));
    await deliver(await eventRequest(eventCallback({ text: "weather Berlin", channel: "D0IM1", user: "U0IM1" })));
    const [message] = postedMessages(outbound);
    expect(message?.channel).toBe("D0IM1");
    expect(message?.thread_ts).toBeUndefined();
    expect(postedTexts(outbound)).toEqual([BERLIN_REPORT]);
    expect(message?.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: "button-0-0",
          text: { type: "plain_text", text: "Refresh", emoji: true },
          value: "/weather Berlin",
        },
      ],
    });
    expect(callsTo(outbound, GEOCODING_API)[0]?.url.searchParams.get("name")).toBe("Berlin");
  });

  it("reads what the user typed, not Slack's markup", async () => {
    const outbound = stubSlackApi(interceptFetch());
    await deliver(
      await eventRequest(
        eventCallback({ text: "todo add salt &amp; pepper from <https://shop.test|shop.test>", user: "U0IM2" }),
      ),
    );
    expect(postedTexts(outbound)).toEqual(["Added *salt &amp; pepper from shop.test* as item 1."]);
  });

  it("greets people by the name in their profile", async () => {
    const outbound = stubSlackApi(interceptFetch());
    await deliver(
      await eventRequest(
        eventCallback({ text: "start", user: "U0IM3", extra: { user_profile: { display_name: "Ann", name: "ann" } } }),
      ),
    );
    expect(postedTexts(outbound)[0]).toMatch(/^Hello \*Ann\*!/);
  });

  it("shows a correction in a channel to the asking user alone, in the thread", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const ts = freshTs();
    await deliver(
      await eventRequest(eventCallback({ type: "app_mention", text: `<@${BOT_USER}> frobnicate`, ts, user: "U0OOPS" })),
    );
    const [message] = postedMessages(outbound);
    expect(message?.call.url.pathname).toBe("/api/chat.postEphemeral");
    expect(message).toMatchObject({ channel: "C0GENERAL", user: "U0OOPS", thread_ts: ts });
    expect(postedTexts(outbound)[0]).toContain("I did not understand that");
  });

  it("sends a correction in a direct message as an ordinary message", async () => {
    const outbound = stubSlackApi(interceptFetch());
    await deliver(await eventRequest(eventCallback({ text: "frobnicate", user: "U0OOPS2", channel: "D0OOPS2" })));
    const [message, ...others] = postedMessages(outbound);
    expect(others).toEqual([]);
    expect(message?.call.url.pathname).toBe("/api/chat.postMessage");
    expect(message).toMatchObject({
      channel: "D0OOPS2",
      text: "I did not understand that. Here is what I can do; /help lists every command.",
    });
    expect(message?.user).toBeUndefined();
    expect(postedTexts(outbound)).toEqual([message?.text]);
  });

  describe("never answers itself or another bot", () => {
    const cases: Record<string, Record<string, unknown>> = {
      "a bot's message": { bot_id: "B0OTHER", subtype: "bot_message" },
      "a bot writing as a user": { bot_id: "B0OTHER" },
      "an edit": { subtype: "message_changed" },
      "a deletion": { subtype: "message_deleted" },
      "someone joining": { subtype: "channel_join" },
      "its own message": { user: BOT_USER },
    };
    for (const [name, extra] of Object.entries(cases)) {
      it(`ignores ${name}`, async () => {
        const outbound = stubSlackApi(interceptFetch());
        const response = await deliver(await eventRequest(eventCallback({ text: "help", extra })));
        expect(response.status).toBe(200);
        expect(outbound.calls).toHaveLength(0);
      });
    }
  });

  it("answers a mention once, though Slack also sends it as a channel message", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const ts = freshTs();
    const text = `<@${BOT_USER}> help`;
    await deliver(await eventRequest(eventCallback({ type: "app_mention", text, ts, user: "U0TWIN" })));
    await deliver(await eventRequest(eventCallback({ text, ts, channelType: "channel", user: "U0TWIN" })));
    expect(postedMessages(outbound)).toHaveLength(1);
  });

  it("stays out of channel conversation that is not for it", async () => {
    const outbound = stubSlackApi(interceptFetch());
    await deliver(await eventRequest(eventCallback({ text: "help", channelType: "channel", user: "U0CHAT" })));
    await deliver(
      await eventRequest(
        eventCallback({ text: "weather", channelType: "channel", threadTs: freshTs(), user: "U0CHAT" }),
      ),
    );
    expect(outbound.calls).toHaveLength(0);
  });

  it("handles an event_id once, however often Slack delivers it", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const event = eventCallback({ text: "help", user: "U0DUP1" });
    const first = await deliver(await eventRequest(event));
    const again = await deliver(await eventRequest(event));
    const retry = await deliver(
      await eventRequest(event, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } }),
    );
    expect([first.status, again.status, retry.status]).toEqual([200, 200, 200]);
    expect(postedMessages(outbound)).toHaveLength(1);
  });

  it("handles a retry whose first delivery never arrived", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const event = eventCallback({ text: "help", user: "U0DUP2" });
    await deliver(
      await eventRequest(event, { headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_error" } }),
    );
    expect(postedMessages(outbound)).toHaveLength(1);
  });

  it("acknowledges kinds of event it does not handle", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const joined = {
      type: "event_callback",
      event_id: "Ev0JOIN",
      event: { type: "member_joined_channel", user: "U1" },
    };
    const limited = { type: "app_rate_limited", minute_rate_limited: 1, team_id: "T0TEAM" };
    expect((await deliver(await eventRequest(joined))).status).toBe(200);
    expect((await deliver(await eventRequest(limited))).status).toBe(200);
    expect(outbound.calls).toHaveLength(0);
  });
});
