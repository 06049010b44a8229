import { beforeAll, describe, expect, it } from "vitest";
import { callsTo, FX_API, NEWS_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import {
  type Answer,
  buttonIds,
  buttonPress,
  discordWorker,
  EPHEMERAL,
  type KeyPair,
  MESSAGE,
  newKeyPair,
  slashCommand,
  stubDiscordApi,
  UPDATE_MESSAGE,
} from "../../support/discord.ts";
import { interceptFetch, type Outbound } from "../../support/outbound.ts";

/** Link previews off: every message the bot sends carries SUPPRESS_EMBEDS. */
const PLAIN = 4;

let keys: KeyPair;
let worker: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  keys = await newKeyPair();
  worker = discordWorker(keys);
});

function stubApis(): Outbound {
  return stubOpenMeteo(stubDiscordApi(interceptFetch()))
    .on(`${FX_API}/latest`, (call) =>
      call.url.searchParams.get("base") === "USD"
        ? Response.json({ amount: 1, base: "USD", date: "2026-11-26", rates: { EUR: 0.92345 } })
        : Response.json({ message: "not found" }, { status: 404 }),
    )
    .on(`${NEWS_API}/topstories.json`, () => Response.json([101, 102, 103]))
    .on(`${NEWS_API}/item/`, (call) => {
      const id = Number(/\/item\/(\d+)\.json$/.exec(call.url.pathname)?.[1]);
      return Response.json(
        id === 102
          ? { id, title: "Ask HN: C++ & <Rust>?", score: 1 }
          : { id, title: `Story *${id}*`, url: `https://example.net/${id}`, score: id },
      );
    });
}

/** The text a user sees for an answer sent in the webhook response. */
const content = (answer: Answer) => answer.data?.content;

describe("Discord slash commands of the concierge", () => {
  it("answers /help in the channel with the command list, at once", async () => {
    const outbound = stubApis();
    const answer = await worker.send(slashCommand("help"));
    expect(answer).toMatchObject({ status: 200, type: MESSAGE, data: { flags: PLAIN, components: [] } });
    expect(content(answer)).toContain("**Commands**");
    expect(content(answer)).toContain("/weather \\<city\\> — Current weather in a city");
    expect(outbound.calls).toHaveLength(0);
  });

  it("greets by the name the user shows in a DM, and by their server nickname in a server", async () => {
    stubApis();
    expect(content(await worker.send(slashCommand("start", {}, { dm: true })))).toMatch(
      /^Hello \*\*Ann\*\*! I am Concierge/,
    );
    const inServer = slashCommand("start") as ReturnType<typeof slashCommand> & { member: { nick: string | null } };
    inServer.member.nick = "Annie_B";
    expect(content(await worker.send(inServer))).toMatch(/^Hello \*\*Annie\\_B\*\*!/);
  });

  it("reports /weather city with a Refresh button", async () => {
    stubApis();
    const answer = await worker.send(slashCommand("weather", { city: "Berlin" }, { userId: "701" }));
    expect(answer.type).toBe(MESSAGE);
    expect(content(answer)).toBe(
      [
        "**Berlin, Germany**",
        "Partly cloudy, 8.4°C (feels like 5.1°C)",
        "Humidity 71%, wind 14.4 km/h",
        "*Measured at 14:15 local time*",
      ].join("\n"),
    );
    expect(buttonIds(answer.data)).toEqual([["0:/weather Berlin"]]);
  });

  it("converts with /rate from to amount", async () => {
    const outbound = stubApis();
    const answer = await worker.send(slashCommand("rate", { from: "usd", to: "eur", amount: 1250 }));
    expect(content(answer)).toBe("**1,250 USD = 1,154.31 EUR**\n1 USD = 0.92345 EUR\n*Reference rate of Nov 26, 2026*");
    expect(Object.fromEntries(callsTo(outbound, FX_API)[0]?.url.searchParams ?? [])).toEqual({
      base: "USD",
      symbols: "EUR",
    });
  });

  it("lists /news count stories as links, user text escaped", async () => {
    stubApis();
    const answer = await worker.send(slashCommand("news", { count: 3 }));
    expect(content(answer)).toBe(
      [
        "**Top stories on Hacker News**",
        "1\\. [Story \\*101\\*](https://example.net/101) (101 points)",
        "2\\. [Ask HN: C++ & \\<Rust\\>?](https://news.ycombinator.com/item?id=102) (1 point)",
        "3\\. [Story \\*103\\*](https://example.net/103) (103 points)",
      ].join("\n"),
    );
  });

  it("keeps a to-do list with the /todo subcommands", async () => {
    stubApis();
    const who = { userId: "702" };
    const added = await worker.send(slashCommand("todo", { text: "buy *milk*" }, { ...who, subcommand: "add" }));
    expect(content(added)).toBe("Added **buy \\*milk\\*** as item 1.");
    await worker.send(slashCommand("todo", { text: "call Bob" }, { ...who, subcommand: "add" }));
    const list = await worker.send(slashCommand("todo", {}, { ...who, subcommand: "list" }));
    expect(content(list)).toContain("1\\. buy \\*milk\\*\n2\\. call Bob");
    expect(buttonIds(list.data)).toEqual([["0:/todo done 101", "1:/todo done 102"]]);
    const done = await worker.send(slashCommand("todo", { n: 2 }, { ...who, subcommand: "done" }));
    expect(content(done)).toBe("Done: **call Bob**. 1 item left.");
  });

  it("tells only the user what was wrong with their input in a server, and plainly in a DM", async () => {
    const outbound = stubApis();
    const inServer = await worker.send(slashCommand("rate", { from: "dollars", to: "eur" }));
    expect(inServer.data).toMatchObject({
      content: '"dollars" is not a currency code. Use three letters, like USD or EUR.',
      flags: PLAIN | EPHEMERAL,
    });
    const inDm = await worker.send(slashCommand("rate", { from: "dollars", to: "eur" }, { dm: true }));
    expect(inDm.data?.flags).toBe(PLAIN);
    const unknown = await worker.send(slashCommand("frobnicate"));
    expect(unknown.data).toMatchObject({ flags: PLAIN | EPHEMERAL });
    expect(content(unknown)).toBe("I did not understand that. Send /help to see what I can do.");
    expect(callsTo(outbound, FX_API)).toHaveLength(0);
  });
});

describe("Discord buttons", () => {
  it("replaces the user's own to-do list when they tick an item off, stale buttons and all", async () => {
    stubApis();
    const who = { userId: "703" };
    await worker.send(slashCommand("todo", { text: "water plants" }, { ...who, subcommand: "add" }));
    const press = await worker.send(buttonPress("0:/todo done 1", who));
    expect(press).toMatchObject({
      type: UPDATE_MESSAGE,
      data: { content: "Done: **water plants**. Your list is empty now." },
    });
    expect(press.data?.components).toEqual([]);
  });

  it("answers a press on someone else's message with a new message, leaving theirs alone", async () => {
    stubApis();
    const press = await worker.send(buttonPress("0:/weather Berlin", { userId: "704", messageOwner: "705" }));
    expect(press.type).toBe(MESSAGE);
    expect(content(press)).toContain("**Berlin, Germany**");
  });

  it("answers a press that went wrong privately, without replacing the message", async () => {
    stubApis();
    const press = await worker.send(buttonPress("0:/todo done 3", { userId: "706" }));
    expect(press).toMatchObject({
      type: MESSAGE,
      data: { content: "Your to-do list is already empty.", flags: PLAIN | EPHEMERAL },
    });
  });

  it("refreshes the forecast in place", async () => {
    stubApis();
    const press = await worker.send(buttonPress("0:/weather Paris", { userId: "707" }));
    expect(press.type).toBe(UPDATE_MESSAGE);
    expect(content(press)).toContain("**Paris, Île-de-France, France**");
    expect(buttonIds(press.data)).toEqual([["0:/weather Paris"]]);
  });

  it("refuses a component that is not one of the bot's", async () => {
    expect((await worker.send(buttonPress("someone-elses-id"))).status).toBe(400);
  });
});
