import { defineBot, defineIntent } from "parley";
import { beforeAll, describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import { callsTo, GEOCODING_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import {
  buttonIds,
  buttonPress,
  DEFERRED_MESSAGE,
  discordWorker,
  EPHEMERAL,
  MESSAGE,
  MODAL,
  modalSubmit,
  newKeyPair,
  sentToDiscord,
  slashCommand,
  stubDiscordApi,
  UPDATE_MESSAGE,
} from "../../support/discord.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { expired, gate } from "../../support/time.ts";

/** What the bot says to a message it cannot place. */
const FALLBACK = "I did not understand that. Here is what I can do; /help lists every command.";

/** Opened by the test once the survey's deferral has come. */
const thinking = gate();

/** Thinks until the test opens `thinking` before asking, so the question has to come as a message. */
const survey = defineIntent({
  command: "survey",
  description: "Asks after thinking",
  args: [{ name: "colour", type: "string", optional: true, description: "Favourite colour" }],
  async run(ctx) {
    if (ctx.args.colour === undefined) {
      await thinking.opened;
      ctx.ask("Which colour?", { arg: "colour" });
      return;
    }
    ctx.reply(`You like ${ctx.args.colour}.`);
  },
});

/** Asks for two things in turn: the second only once the first is known (so never together in one form). */
const pair = defineIntent({
  command: "pair",
  description: "Pairs two words",
  args: [
    { name: "first", type: "string", ask: "First word?", description: "First" },
    { name: "second", type: "string", optional: true, description: "Second" },
  ],
  run(ctx) {
    if (ctx.args.second === undefined) {
      ctx.ask("Second word?", { arg: "second" });
      return;
    }
    ctx.reply(`${ctx.args.first} & ${ctx.args.second}`);
  },
});

const lab = defineBot({ name: "lab", intents: [survey, pair] });

let worker: ReturnType<typeof discordWorker>;
/** A Worker whose inline budget has run out before any handler could finish. */
let deferring: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  const keys = await newKeyPair();
  worker = discordWorker(keys, [concierge, lab]);
  deferring = discordWorker(keys, [concierge, lab], expired);
});

describe("Discord questions", () => {
  it("asks for a missing city in a modal and takes its answer as the city", async () => {
    const outbound = stubOpenMeteo(stubDiscordApi(interceptFetch()));
    const who = { userId: "801" };
    const asked = await worker.send(slashCommand("weather", {}, who));
    expect(asked).toMatchObject({ status: 200, type: MODAL, data: { title: "Which city?", custom_id: "answer" } });

    const answered = await worker.send(modalSubmit("Berlin", who));
    expect(answered.type).toBe(MESSAGE);
    expect(answered.data?.content).toContain("**Berlin, Germany**");
    expect(callsTo(outbound, GEOCODING_API).map((call) => call.url.searchParams.get("name"))).toEqual(["Berlin"]);

    // The question is answered: another submission is not taken as a city.
    const again = await worker.send(modalSubmit("Paris", who));
    expect(again.data).toMatchObject({ flags: 4 | EPHEMERAL });
    expect(again.data?.content).toBe(FALLBACK);
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(1);
  });

  it("asks what to add to the to-do list in a modal", async () => {
    stubDiscordApi(interceptFetch());
    const who = { userId: "802", dm: true };
    const asked = await worker.send(slashCommand("todo", {}, { ...who, subcommand: "add" }));
    expect(asked.data?.title).toBe("What should I add to your list?");
    expect((await worker.send(modalSubmit("buy milk", who))).data?.content).toBe("Added **buy milk** as item 1.");
  });

  it("waits for the asked user's answer: another user's submission is not it", async () => {
    const outbound = stubOpenMeteo(stubDiscordApi(interceptFetch()));
    await worker.send(slashCommand("weather", {}, { userId: "803" }));
    const other = await worker.send(modalSubmit("Berlin", { userId: "804" }));
    expect(other.data?.content).toBe(FALLBACK);
    expect(callsTo(outbound, GEOCODING_API)).toHaveLength(0);
    expect((await worker.send(modalSubmit("Paris", { userId: "803" }))).data?.content).toContain("**Paris");
  });

  it("sends a question that comes after a deferral with an Answer button, which opens the modal", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const who = { userId: "805" };
    const command = slashCommand("survey", {}, who);
    const { answer, settled } = await deferring.start(command, { bot: "lab" });
    expect(answer.type).toBe(DEFERRED_MESSAGE);
    expect(outbound.calls).toEqual([]);
    thinking.open();
    await settled;
    const [question, ...others] = sentToDiscord(outbound);
    expect(others).toHaveLength(0);
    expect(question).toMatchObject({
      method: "PATCH",
      path: `/webhooks/${command.application_id}/${command.token}/messages/@original`,
      data: { content: "Which colour?" },
    });
    expect(buttonIds(question?.data)).toEqual([["ask:Which colour?"]]);

    // Pressing Answer opens the modal at once; nothing is claimed or sent for the press itself.
    const opened = await worker.send(buttonPress("ask:Which colour?", who), { bot: "lab" });
    expect(opened).toMatchObject({ type: MODAL, data: { title: "Which colour?" } });
    expect(outbound.calls).toHaveLength(1);

    // The answer replaces the question (and its Answer button) in the channel.
    const answered = await worker.send(modalSubmit("teal", { ...who, onMessageOf: who.userId }), { bot: "lab" });
    expect(answered).toMatchObject({ type: UPDATE_MESSAGE, data: { content: "You like teal.", components: [] } });
  });

  it("shows a question asked right after a modal as a message with an Answer button (a modal cannot open a modal)", async () => {
    stubDiscordApi(interceptFetch());
    const who = { userId: "806" };
    expect((await worker.send(slashCommand("pair", {}, who), { bot: "lab" })).data?.title).toBe("First word?");
    const second = await worker.send(modalSubmit("salt", who), { bot: "lab" });
    expect(second).toMatchObject({ type: MESSAGE, data: { content: "Second word?" } });
    expect(buttonIds(second.data)).toEqual([["ask:Second word?"]]);
    const done = await worker.send(modalSubmit("pepper", { ...who, onMessageOf: who.userId }), { bot: "lab" });
    expect(done).toMatchObject({ type: UPDATE_MESSAGE, data: { content: "salt & pepper" } });
  });
});
