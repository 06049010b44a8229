import { env as bindings } from "cloudflare:test";
import { defineBot, defineIntent } from "parley";
import { beforeAll, describe, expect, it } from "vitest";
import { concierge } from "../../../bots/concierge/index.ts";
import {
  buttonIds,
  buttonPress,
  DEFERRED_MESSAGE,
  discordWorker,
  EPHEMERAL,
  formSubmit,
  MESSAGE,
  MODAL,
  modalSubmit,
  newKeyPair,
  sentToDiscord,
  slashCommand,
  stubDiscordApi,
} from "../../support/discord.ts";
import { interceptFetch } from "../../support/outbound.ts";
import { expired, gate } from "../../support/time.ts";

/** What a form of a question no longer pending gets. */
const STALE = "That choice is no longer open. Please ask again.";

/** Two typed arguments, one of them a whole number: a bad count is refused by the argument checks. */
const order = defineIntent({
  command: "order",
  description: "Orders something",
  args: [
    { name: "item", type: "string", ask: "What shall I order?", description: "The item" },
    { name: "count", type: "integer", ask: "How many?", description: "How many" },
  ],
  run(ctx) {
    ctx.reply(`Ordered ${ctx.args.count} × ${ctx.args.item}.`);
  },
});

const SIX = ["a", "b", "c", "d", "e", "f"] as const;

/** Six asked arguments: one more than a modal takes. */
const six = defineIntent({
  command: "six",
  description: "Asks six things",
  args: SIX.map((name) => ({ name, type: "string", ask: `Word ${name}?`, description: name }) as const),
  run(ctx) {
    ctx.reply(SIX.map((name) => ctx.args[name]).join(" "));
  },
});

/** Opened by the test once the deferral has come. */
const thinking = gate();

/** Asks its two arguments together only after thinking, so the form has to come as a message with a button. */
const slow = defineIntent({
  command: "slow",
  description: "Asks after thinking",
  args: [
    { name: "x", type: "string", optional: true, description: "X" },
    { name: "y", type: "string", optional: true, description: "Y" },
  ],
  async run(ctx) {
    if (ctx.args.x === undefined) {
      await thinking.opened;
      ctx.ask("X?", { arg: "x", together: ["y"] });
      return;
    }
    ctx.reply(`${ctx.args.x}/${ctx.args.y}`);
  },
});

const lab = defineBot({ name: "lab", intents: [order, six, slow] });

let worker: ReturnType<typeof discordWorker>;
let deferring: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  const keys = await newKeyPair();
  worker = discordWorker(keys, [concierge, lab]);
  deferring = discordWorker(keys, [concierge, lab], expired);
});

/** The custom_id of the form a modal answer opened. */
function formId(answer: { data?: { custom_id?: string } }): string {
  return answer.data?.custom_id ?? "";
}

describe("Discord forms", () => {
  it("asks /remind at's time and text in one modal, and sets the reminder from its submission", async () => {
    stubDiscordApi(interceptFetch());
    const who = { userId: "811" };
    const asked = await worker.send(slashCommand("remind", {}, { ...who, subcommand: "at" }));
    expect(asked).toEqual({
      status: 200,
      type: MODAL,
      data: {
        custom_id: expect.stringMatching(/^form:[0-9a-z]{1,12}:remind:at:time,text$/),
        title: "Details for /remind at",
        components: [
          {
            type: 18,
            label: "At what time? (HH:MM, e.g. 18:30)",
            component: { type: 4, custom_id: "time", style: 1, required: true },
          },
          {
            type: 18,
            label: "What should I remind you of?",
            component: { type: 4, custom_id: "text", style: 1, required: true },
          },
        ],
      },
    });

    const done = await worker.send(formSubmit(formId(asked), { time: "18:30", text: "stretch" }, who));
    expect(done.type).toBe(MESSAGE);
    expect(done.data?.content).toContain("I will remind you at **18:30**");
    expect(done.data?.content).toContain("stretch");
    const kept = await bindings.DB.prepare("SELECT text FROM reminders WHERE platform = 'discord' AND user_id = ?")
      .bind(who.userId)
      .all<{ text: string }>();
    expect(kept.results.map((row) => row.text)).toEqual(["stretch"]);
  });

  it("titles and labels the form in the user's language", async () => {
    stubDiscordApi(interceptFetch());
    const asked = await worker.send(slashCommand("remind", {}, { userId: "812", subcommand: "at", locale: "de" }));
    expect(asked.data?.title).toBe("Angaben für /remind at");
    expect(asked.data).toMatchObject({
      components: [{ label: "Um welche Uhrzeit? (HH:MM, z. B. 18:30)" }, { label: "Woran soll ich dich erinnern?" }],
    });
  });

  it("refuses a bad value privately with the argument's problem and keeps the form open for a good one", async () => {
    stubDiscordApi(interceptFetch());
    const who = { userId: "813" };
    const asked = await worker.send(slashCommand("order", {}, who), { bot: "lab" });
    expect(asked.data?.title).toBe("Details for /order");

    const bad = await worker.send(formSubmit(formId(asked), { item: "tea", count: "many" }, who), { bot: "lab" });
    expect(bad).toMatchObject({ type: MESSAGE, data: { flags: 4 | EPHEMERAL } });
    expect(bad.data?.content).toBe("Sorry, count must be a number. Usage: /order \\<item\\> \\<count\\>");

    const good = await worker.send(formSubmit(formId(asked), { item: "tea", count: "2" }, who), { bot: "lab" });
    expect(good.data?.content).toBe("Ordered 2 × tea.");
  });

  it("refuses a form whose question was answered or replaced, and changes nothing", async () => {
    stubDiscordApi(interceptFetch());
    const who = { userId: "814" };
    const first = await worker.send(slashCommand("order", {}, who), { bot: "lab" });
    const second = await worker.send(slashCommand("order", {}, who), { bot: "lab" });
    expect(formId(second)).not.toBe(formId(first));

    const replaced = await worker.send(formSubmit(formId(first), { item: "tea", count: "1" }, who), { bot: "lab" });
    expect(replaced.data?.content).toBe(STALE);

    const answered = await worker.send(formSubmit(formId(second), { item: "cake", count: "3" }, who), { bot: "lab" });
    expect(answered.data?.content).toBe("Ordered 3 × cake.");
    const again = await worker.send(formSubmit(formId(second), { item: "cake", count: "9" }, who), { bot: "lab" });
    expect(again.data?.content).toBe(STALE);
  });

  it("reads a submission whose fields come in action rows, as older clients send them", async () => {
    stubDiscordApi(interceptFetch());
    const who = { userId: "817" };
    const asked = await worker.send(slashCommand("order", {}, who), { bot: "lab" });
    const submitted = formSubmit(formId(asked), {}, who);
    const rows = [
      { type: 1, components: [{ type: 4, custom_id: "item", value: "jam" }] },
      { type: 1, components: [{ type: 4, custom_id: "count", value: "4" }] },
    ];
    const done = await worker.send({ ...submitted, data: { ...submitted.data, components: rows } }, { bot: "lab" });
    expect(done.data?.content).toBe("Ordered 4 × jam.");
  });

  it("asks five in the modal and the sixth after it, with an Answer button", async () => {
    stubDiscordApi(interceptFetch());
    const who = { userId: "815" };
    const asked = await worker.send(slashCommand("six", {}, who), { bot: "lab" });
    expect(formId(asked)).toMatch(/^form:[0-9a-z]+:six::a,b,c,d,e$/);
    expect((asked.data as { components?: unknown[] }).components).toHaveLength(5);

    const values = { a: "1", b: "2", c: "3", d: "4", e: "5" };
    const sixth = await worker.send(formSubmit(formId(asked), values, who), { bot: "lab" });
    expect(sixth).toMatchObject({ type: MESSAGE, data: { content: "Word f?" } });
    expect(buttonIds(sixth.data)).toEqual([["ask:Word f?"]]);

    const done = await worker.send(modalSubmit("6", who), { bot: "lab" });
    expect(done.data?.content).toBe("1 2 3 4 5 6");
  });

  it("sends a form asked after a deferral as a message whose Answer button opens the form", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const who = { userId: "816" };
    const { answer, settled } = await deferring.start(slashCommand("slow", {}, who), { bot: "lab" });
    expect(answer.type).toBe(DEFERRED_MESSAGE);
    thinking.open();
    await settled;
    const [question] = sentToDiscord(outbound);
    expect(question?.data.content).toBe("X?");
    const [[customId] = []] = buttonIds(question?.data);
    expect(customId).toMatch(/^form:[0-9a-z]+:slow::x,y$/);

    const opened = await worker.send(buttonPress(customId ?? "", who), { bot: "lab" });
    expect(opened).toEqual({
      status: 200,
      type: MODAL,
      data: {
        custom_id: customId,
        title: "Details for /slow",
        components: [
          { type: 18, label: "X", component: { type: 4, custom_id: "x", style: 1, required: true } },
          { type: 18, label: "Y", component: { type: 4, custom_id: "y", style: 1, required: true } },
        ],
      },
    });
    const done = await worker.send(formSubmit(customId ?? "", { x: "up", y: "down" }, who), { bot: "lab" });
    expect(done.data?.content).toBe("up/down");
  });
});
