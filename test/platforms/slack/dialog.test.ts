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

const geocoded = (outbound: Parameters<typeof callsTo>[0]) =>
  callsTo(outbound, GEOCODING_API).map((call) => call.url.searchParams.get("name"));

describe("Slack conversations over several messages", () => {
  it("in a thread, takes the answer of the user it asked and nobody else's", async () => {
    const outbound = stubOpenMeteo(stubSlackApi(interceptFetch()));
    const ann = "U0THREADANN";
    const bob = "U0THREADBOB";
    const mention = freshTs();
    const inThread = { channelType: "channel" as const, threadTs: mention };

    await deliver(
      await eventRequest(
        eventCallback({ type: "app_mention", text: `<@${BOT_USER}> weather`, ts: mention, user: ann }),
      ),
    );
    expect(postedTexts(outbound)).toEqual(["Which city?"]);
    expect(postedMessages(outbound)[0]?.thread_ts).toBe(mention);

    await deliver(await eventRequest(eventCallback({ text: "Berlin is lovely", user: bob, ...inThread })));
    // Ann's answer somewhere else is not an answer to the question in this thread.
    await deliver(await eventRequest(eventCallback({ text: "Berlin", user: ann, channelType: "channel" })));
    await deliver(
      await eventRequest(eventCallback({ text: "Berlin", user: ann, channelType: "channel", threadTs: freshTs() })),
    );
    expect(postedMessages(outbound)).toHaveLength(1);
    expect(geocoded(outbound)).toEqual([]);

    await deliver(await eventRequest(eventCallback({ text: "Paris", user: ann, ...inThread })));
    const [, answer] = postedMessages(outbound);
    expect(answer?.thread_ts).toBe(mention);
    expect(postedTexts(outbound)[1]).toContain("*Paris, Île-de-France, France*");
    expect(geocoded(outbound)).toEqual(["Paris"]);

    // Answered: Ann's next message in the thread is chatter again.
    await deliver(await eventRequest(eventCallback({ text: "thanks", user: ann, ...inThread })));
    expect(postedMessages(outbound)).toHaveLength(2);
  });

  it("in a direct message, takes the next message as the answer", async () => {
    const outbound = stubOpenMeteo(stubSlackApi(interceptFetch()));
    const dm = { channel: "D0DIALOG", user: "U0DIALOG" };
    await deliver(await eventRequest(eventCallback({ text: "weather", ...dm })));
    await deliver(await eventRequest(eventCallback({ text: "Berlin", ...dm })));
    const texts = postedTexts(outbound);
    expect(texts[0]).toBe("Which city?");
    expect(texts[1]).toContain("*Berlin, Germany*");
    expect(postedMessages(outbound).map((message) => message.channel)).toEqual(["D0DIALOG", "D0DIALOG"]);
    expect(geocoded(outbound)).toEqual(["Berlin"]);
  });
});
