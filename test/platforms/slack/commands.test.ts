import { describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { INLINE_BUDGET_MS } from "../../../src/platforms/slack/index.ts";
import { BERLIN, GEOCODING_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import { after, interceptFetch } from "../../support/outbound.ts";
import {
  buttonPress,
  eventCallback,
  eventRequest,
  formRequest,
  freshTs,
  postedMessages,
  postedTexts,
  slashCommand,
  stubSlackApi,
} from "../../support/slack.ts";
import { expired, gate, noting } from "../../support/time.ts";
import { call, deliver } from "../../support/worker.ts";

interface InlineAnswer {
  response_type: string;
  text: string;
  blocks: { type: string; text?: { text: string } }[];
}

describe("the Slack slash command", () => {
  it("answers /concierge help in the webhook response, listing the commands", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const { fields } = slashCommand({ text: "help", user: "U0CMD1" });
    const { response } = await call(await formRequest(fields));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as InlineAnswer;
    expect(answer.response_type).toBe("in_channel");
    const listed = answer.blocks[0]?.text?.text ?? "";
    expect(listed).toMatch(/^\*Commands\*\n\/start — Say hello\n\/help — List the commands\n/);
    for (const intent of concierge.intents) expect(listed).toContain(`\n/${intent.command}`);
    // The notification text is mrkdwn too: what could be markup is escaped.
    expect(answer.text).toContain("/weather &lt;city&gt; — Current weather in a city");
    expect(postedMessages(outbound)).toHaveLength(0);
  });

  it("lists the commands for /concierge alone", async () => {
    stubSlackApi(interceptFetch());
    const { response } = await call(await formRequest(slashCommand({ text: "  ", user: "U0CMD2" }).fields));
    expect(((await response.json()) as InlineAnswer).blocks[0]?.text?.text).toMatch(/^\*Commands\*/);
  });

  it("acknowledges a command still working when the budget runs out, and answers it through the response URL", async () => {
    const search = gate();
    const outbound = stubOpenMeteo(
      stubSlackApi(
        interceptFetch().on(
          GEOCODING_API,
          after(search, () => Response.json({ results: [BERLIN] })),
        ),
      ),
    );
    const { fields, responseUrl } = slashCommand({ text: "weather Berlin", user: "U0CMD3" });
    const budget = noting(expired);
    const { response, settled } = await call(await formRequest(fields), budget.timer);
    // Acknowledged while the handler still waited for the place search: nothing was posted yet.
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(budget.asked).toEqual([INLINE_BUDGET_MS]);
    expect(postedMessages(outbound)).toEqual([]);
    search.open();
    await settled;
    const [message, ...others] = postedMessages(outbound);
    expect(others).toHaveLength(0);
    expect(message?.call.url.href).toBe(responseUrl);
    expect(message).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(postedTexts(outbound)[0]).toContain("*Berlin, Germany*");
  });

  it("asks in the channel and takes the same user's next message there as the answer", async () => {
    const outbound = stubOpenMeteo(stubSlackApi(interceptFetch()));
    const { response, settled } = await call(
      await formRequest(slashCommand({ text: "weather", user: "U0CMD4" }).fields),
    );
    await settled;
    expect(((await response.json()) as InlineAnswer).text).toBe("Which city?");
    await deliver(await eventRequest(eventCallback({ text: "Berlin", user: "U0CMD4", channelType: "channel" })));
    const [message] = postedMessages(outbound);
    expect(message).toMatchObject({ channel: "C0GENERAL" });
    expect(message?.thread_ts).toBeUndefined();
    expect(postedTexts(outbound)[0]).toContain("*Berlin, Germany*");
  });

  it("shows a correction to the asking user alone", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const corrections = {
      "frobnicate now": "I did not understand that. Send /help to see what I can do.",
      "rate usd": "Sorry, to is missing. Usage: /rate &lt;from&gt; &lt;to&gt; [amount]",
    };
    for (const [text, correction] of Object.entries(corrections)) {
      const { response, settled } = await call(await formRequest(slashCommand({ text, user: "U0CMD5" }).fields));
      await settled;
      expect((await response.json()) as InlineAnswer, text).toMatchObject({
        response_type: "ephemeral",
        text: correction,
      });
    }
    expect(postedMessages(outbound)).toHaveLength(0);
  });
});

describe("Slack buttons", () => {
  it("treat a press as the button's value, answered through the response URL", async () => {
    const outbound = stubOpenMeteo(stubSlackApi(interceptFetch()));
    const { fields, responseUrl } = buttonPress({ value: "/weather Berlin", user: "U0BTN1" });
    const response = await deliver(await formRequest(fields));
    expect(response.status).toBe(200);
    const [message] = postedMessages(outbound);
    expect(message?.call.url.href).toBe(responseUrl);
    expect(message).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(postedTexts(outbound)[0]).toContain("*Berlin, Germany*");
  });

  it("answer a press in a thread in that thread", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const thread = freshTs();
    const { fields } = buttonPress({ value: "/help", user: "U0BTN2", threadTs: thread });
    await deliver(await formRequest(fields));
    const [message] = postedMessages(outbound);
    expect(message?.call.url.href).toBe("https://slack.com/api/chat.postMessage");
    expect(message).toMatchObject({ channel: "C0GENERAL", thread_ts: thread });
    expect(postedTexts(outbound)[0]).toContain("*Commands*");
  });

  it("tick off a to-do item, the same as typing the command", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const dm = { channel: "D0BTN3", user: "U0BTN3" };
    await deliver(await eventRequest(eventCallback({ text: "todo add water the plants", ...dm })));
    await deliver(await eventRequest(eventCallback({ text: "todo list", ...dm })));
    const list = postedMessages(outbound)[1];
    const done = list?.blocks.at(-1)?.elements?.[0];
    expect(done).toMatchObject({ type: "button", text: { text: "✓ 1" }, value: "/todo done 101" });
    await deliver(await formRequest(buttonPress({ value: String(done?.value), ...dm }).fields));
    expect(postedTexts(outbound)[2]).toBe("Done: *water the plants*. Your list is empty now.");
  });

  it("ignore other interactions", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const shortcut = { type: "shortcut", callback_id: "x", trigger_id: "t", user: { id: "U1" } };
    const response = await deliver(await formRequest({ payload: JSON.stringify(shortcut) }));
    expect(response.status).toBe(200);
    expect(outbound.calls).toHaveLength(0);
  });
});
