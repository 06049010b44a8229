import { env as bindings } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  discordWorker,
  EPHEMERAL,
  type KeyPair,
  MESSAGE,
  newKeyPair,
  slashCommand,
  stubDiscordApi,
} from "../../support/discord.ts";
import { interceptFetch } from "../../support/outbound.ts";

let keys: KeyPair;
let worker: ReturnType<typeof discordWorker>;

beforeAll(async () => {
  keys = await newKeyPair();
  worker = discordWorker(keys);
});

const GUILD = "200000000000000001";
let nextUser = 1;
const freshUser = () => String(710_000_000_000_000_000n + BigInt(nextUser++));

/** A command used through the installs `owners` names, in `context` (0 server, 1 DM with the bot, 2 another conversation). */
function installed(
  name: string,
  values: Record<string, string>,
  who: { userId: string; dm?: boolean; subcommand?: string },
  owners: Record<string, string>,
  context: number,
) {
  const command = slashCommand(name, values, who);
  if (context !== 2) return { ...command, authorizing_integration_owners: owners, context };
  // A DM or group DM between people: no server, and the user alone.
  const {
    guild_id: _guild,
    member,
    ...rest
  } = command as typeof command & { guild_id?: string; member?: { user: unknown } };
  return {
    ...rest,
    user: member?.user,
    channel_id: "310000000000000001",
    authorizing_integration_owners: owners,
    context,
  };
}

async function remindersOf(userId: string): Promise<number> {
  const row = await bindings.DB.prepare(
    "SELECT count(*) AS n FROM reminders WHERE platform = 'discord' AND user_id = ?",
  )
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

async function subscriptionsOf(userId: string): Promise<number> {
  const row = await bindings.DB.prepare(
    "SELECT count(*) AS n FROM subscriptions WHERE platform = 'discord' AND user_id = ?",
  )
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const UNREACHABLE = "not post here on my own";

describe("Discord commands used through a user's own install", () => {
  it("answers a reminder asked for in a server without the bot privately, and keeps none", async () => {
    const outbound = stubDiscordApi(interceptFetch());
    const userId = freshUser();
    const answer = await worker.send(
      installed("remind", { delay: "5m", text: "stretch" }, { userId, subcommand: "in" }, { "1": userId }, 0),
    );
    expect(answer).toMatchObject({ status: 200, type: MESSAGE });
    expect(answer.data?.content).toContain(UNREACHABLE);
    expect((answer.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(await remindersOf(userId)).toBe(0);
    expect(outbound.calls).toHaveLength(0);
  });

  it("does not subscribe a conversation between people the bot cannot post to, and says so privately", async () => {
    stubDiscordApi(interceptFetch());
    const userId = freshUser();
    const answer = await worker.send(
      installed("subscribe", { digest: "news", time: "08:00", zone: "UTC" }, { userId }, { "1": userId }, 2),
    );
    expect(answer.data?.content).toContain(UNREACHABLE);
    expect((answer.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(await subscriptionsOf(userId)).toBe(0);
  });

  it("keeps reminders where the bot can post: a server that installed it, and a DM with it", async () => {
    stubDiscordApi(interceptFetch());
    const inServer = freshUser();
    const server = await worker.send(
      installed(
        "remind",
        { delay: "5m", text: "stretch" },
        { userId: inServer, subcommand: "in" },
        { "0": GUILD, "1": inServer },
        0,
      ),
    );
    expect(server.data?.content).not.toContain(UNREACHABLE);
    expect(await remindersOf(inServer)).toBe(1);
    const inDm = freshUser();
    const dm = await worker.send(
      installed(
        "remind",
        { delay: "5m", text: "stretch" },
        { userId: inDm, dm: true, subcommand: "in" },
        { "1": inDm },
        1,
      ),
    );
    expect(dm.data?.content).not.toContain(UNREACHABLE);
    expect(await remindersOf(inDm)).toBe(1);
  });
});
