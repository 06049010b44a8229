/**
 * What D1 holds for the emulated users (their data, the question they owe
 * an answer to, their subscriptions and reminders), read with
 * `wrangler d1 execute --local --json`: the documented way into the local
 * database, so the Worker needs no route of its own for it. A read takes a
 * second or two, so the watcher reads again only after traffic, never two
 * reads at once.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";
import type { JsonValue, PlatformName, StoredState } from "./protocol.ts";
import type { Session } from "./session.ts";

const run = promisify(execFile);
const POLL_MS = 500;

/** Who the emulator is on one platform. */
export interface Identity {
  readonly platform: PlatformName;
  readonly userId: string;
  /** The chat id as the Worker stores it. */
  readonly chatId: string;
}

const Rows = z.array(z.object({ results: z.array(z.record(z.string(), z.unknown())) }));

const Owned = z.object({ platform: z.string(), user_id: z.string() });
const UserRow = Owned.extend({ data: z.string() });
const ConversationRow = Owned.extend({ chat_id: z.string(), question: z.string().nullable() });
const SubscriptionRow = Owned.extend({
  digest: z.string(),
  local_time: z.string(),
  zone: z.string(),
  next_run_at: z.number(),
  status: z.string(),
});
const ReminderRow = Owned.extend({ text: z.string(), due_at: z.number(), status: z.string() });

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function json(text: string | null): JsonValue {
  try {
    return text === null ? null : (JSON.parse(text) as JsonValue);
  } catch {
    return text;
  }
}

export async function readStoredState(
  bot: string,
  identities: readonly Identity[],
  persistTo: string | undefined,
): Promise<Partial<Record<PlatformName, StoredState>>> {
  const where = `WHERE bot = ${sqlText(bot)}`;
  const sql = [
    `SELECT platform, user_id, data FROM users ${where}`,
    `SELECT platform, user_id, chat_id, question FROM conversations ${where}`,
    `SELECT platform, user_id, digest, local_time, zone, next_run_at, status FROM subscriptions ${where} ORDER BY next_run_at`,
    `SELECT platform, user_id, text, due_at, status FROM reminders ${where} ORDER BY due_at DESC LIMIT 20`,
  ].join("; ");
  const args = ["wrangler", "d1", "execute", "DB", "--local", "--json", "--command", sql];
  if (persistTo) args.push("--persist-to", persistTo);
  const { stdout } = await run("npx", args, { env: { ...process.env, CI: "true" }, maxBuffer: 16 * 1024 * 1024 });
  const [users, conversations, subscriptions, reminders] = Rows.parse(JSON.parse(stdout)).map((entry) => entry.results);
  const state: Partial<Record<PlatformName, StoredState>> = {};
  for (const { platform, userId, chatId } of identities) {
    const mine = (row: z.infer<typeof Owned>) => row.platform === platform && row.user_id === userId;
    const user = z.array(UserRow).parse(users).find(mine);
    const conversation = z
      .array(ConversationRow)
      .parse(conversations)
      .find((row) => mine(row) && row.chat_id === chatId);
    state[platform] = {
      userData: json(user?.data ?? null),
      question: json(conversation?.question ?? null),
      subscriptions: z
        .array(SubscriptionRow)
        .parse(subscriptions)
        .filter(mine)
        .map((row) => ({
          digest: row.digest,
          time: row.local_time,
          zone: row.zone,
          nextRunAt: row.next_run_at,
          status: row.status,
        })),
      reminders: z
        .array(ReminderRow)
        .parse(reminders)
        .filter(mine)
        .map((row) => ({ text: row.text, dueAt: row.due_at, status: row.status })),
    };
  }
  return state;
}

/** Reads the state at once, then again whenever the traffic changed; returns the way to stop (after a read under way). */
export function watchStoredState(
  session: Session,
  identities: readonly Identity[],
  persistTo?: string,
): () => Promise<void> {
  let stopped = false;
  let seen = -1;
  const loop = (async () => {
    while (!stopped) {
      const version = session.traffic.version;
      if (version !== seen) {
        seen = version;
        try {
          session.setStored(await readStoredState(session.bot, identities, persistTo));
        } catch (error) {
          session.setStored({}, error instanceof Error ? error.message.split("\n")[0] : String(error));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}
