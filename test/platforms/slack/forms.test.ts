import { env as bindings } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { interceptFetch, type Outbound } from "../../support/outbound.ts";
import {
  eventCallback,
  eventRequest,
  formRequest,
  postedTexts,
  SLACK_API,
  slashCommand,
  stubSlackApi,
  viewSubmission,
} from "../../support/slack.ts";
import { deliver } from "../../support/worker.ts";

/** The views Parley opened, as `views.open` received them. */
function opened(outbound: Outbound): { trigger_id: string; view: { callback_id: string; private_metadata: string } }[] {
  return outbound.to(`${SLACK_API}/views.open`).map((call) => call.json as never);
}

async function remindersIn(channel: string): Promise<string[]> {
  const rows = await bindings.DB.prepare("SELECT text FROM reminders WHERE platform = 'slack' AND chat_id = ?")
    .bind(channel)
    .all<{ text: string }>();
  return rows.results.map((row) => row.text);
}

/** Opens `/concierge remind at`'s form in `channel` for `user`; the view it opened. */
async function openRemindForm(outbound: Outbound, channel: string, user: string) {
  const { fields, responseUrl } = slashCommand({ text: "remind at", user, channel, triggerId: `trigger.${user}` });
  const response = await deliver(await formRequest(fields));
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("");
  const [call] = opened(outbound);
  if (!call) throw new Error("no view was opened");
  return { view: call.view, responseUrl, call };
}

describe("Slack forms", () => {
  it("opens /remind at's time and text in one modal with the slash command's trigger", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const { call, responseUrl } = await openRemindForm(outbound, "D0FORM1", "U0FORM1");
    expect(call).toEqual({
      trigger_id: "trigger.U0FORM1",
      view: {
        type: "modal",
        callback_id: "parley_form",
        title: { type: "plain_text", text: "Details for /remind at" },
        submit: { type: "plain_text", text: "Answer" },
        private_metadata: expect.any(String),
        blocks: [
          {
            type: "input",
            block_id: "time",
            label: { type: "plain_text", text: "At what time? (HH:MM, e.g. 18:30)" },
            element: { type: "plain_text_input", action_id: "value" },
          },
          {
            type: "input",
            block_id: "text",
            label: { type: "plain_text", text: "What should I remind you of?" },
            element: { type: "plain_text_input", action_id: "value" },
          },
        ],
      },
    });
    expect(JSON.parse(call.view.private_metadata)).toEqual({
      form: expect.stringMatching(/^[0-9a-z]{1,12}$/),
      channel: "D0FORM1",
      responseUrl,
    });
    // The form is the question: nothing is posted in the conversation.
    expect(postedTexts(outbound)).toEqual([]);
  });

  it("shows a bad value at its field and keeps the form open; a good one closes it and sets the reminder", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const user = "U0FORM2";
    const { view } = await openRemindForm(outbound, "D0FORM2", user);

    const bad = await deliver(
      await formRequest(viewSubmission({ view, values: { time: "  ", text: "x" }, user }).fields),
    );
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({
      response_action: "errors",
      errors: { time: "Sorry, time is empty. Usage: /remind at <time> <text>" },
    });
    expect(postedTexts(outbound)).toEqual([]);
    expect(await remindersIn("D0FORM2")).toEqual([]);

    const values = { time: "18:30", text: "stretch" };
    const good = await deliver(await formRequest(viewSubmission({ view, values, user }).fields));
    expect(good.status).toBe(200);
    expect(await good.text()).toBe("");
    const [done] = postedTexts(outbound);
    expect(done).toContain("I will remind you at *18:30*");
    expect(await remindersIn("D0FORM2")).toEqual(["stretch"]);
  });

  it("refuses a form whose question was answered, in the conversation, and sets nothing more", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const user = "U0FORM3";
    const { view } = await openRemindForm(outbound, "D0FORM3", user);
    const submit = async (text: string) =>
      deliver(await formRequest(viewSubmission({ view, values: { time: "07:00", text }, user }).fields));
    await submit("water plants");
    const again = await submit("water plants twice");
    expect(await again.text()).toBe("");
    expect(postedTexts(outbound)[1]).toBe("That choice is no longer open. Please ask again.");
    expect(await remindersIn("D0FORM3")).toEqual(["water plants"]);
  });

  it("asks in turn where there is no trigger (a direct message)", async () => {
    const outbound = stubSlackApi(interceptFetch());
    const dm = { channel: "D0FORM4", user: "U0FORM4" };
    for (const text of ["remind at", "18:30", "stretch"]) {
      await deliver(await eventRequest(eventCallback({ text, ...dm })));
    }
    const [time, words, done] = postedTexts(outbound);
    expect([time, words]).toEqual(["At what time? (HH:MM, e.g. 18:30)", "What should I remind you of?"]);
    expect(done).toContain("I will remind you at *18:30*");
    expect(opened(outbound)).toEqual([]);
  });
});
