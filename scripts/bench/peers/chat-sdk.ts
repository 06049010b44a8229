/**
 * Chat SDK (`chat` with its Telegram adapter and memory state) on Telegram:
 * the adapter checks the secret, the handler claims the delivery in D1 and
 * posts the help text.
 *
 * Not on Discord: its adapter (4.41.0) sends a slash command's answer to
 * discord.com whatever `apiUrl` says, past the stub. Not on Slack: under
 * concurrent mentions workerd cancels most of the adapter's work after the
 * acknowledgement ("code had hung and would never generate a response",
 * "Promise will never complete"), so most mentions get no reply.
 */
import { createMemoryState } from "@chat-adapter/state-memory";
import { createTelegramAdapter } from "@chat-adapter/telegram";
import { Chat, ConsoleLogger, type StateAdapter } from "chat";
import { claim, HELP, isWebhook, notFound, type PeerEnv } from "./claim.ts";

/** Quiet, as the other Workers are: a log line per request would be measured as wrangler's CPU. */
const logger = new ConsoleLogger("silent");

function chatFor(env: PeerEnv) {
  const chat = new Chat({
    userName: "concierge",
    logger,
    // Every message is its own delivery: the default drops one that arrives while another in the chat runs.
    concurrency: "concurrent",
    // The memory state is at 4.41.0, with its own copy of chat 4.41.0, whose classes TypeScript
    // holds distinct from chat 4.41.1's (private fields); they work together.
    state: createMemoryState() as unknown as StateAdapter,
    adapters: {
      telegram: createTelegramAdapter({
        botToken: env.TELEGRAM_BOT_TOKEN,
        secretToken: env.TELEGRAM_WEBHOOK_SECRET,
        apiUrl: env.TELEGRAM_API_BASE,
        userName: "concierge_bot",
        mode: "webhook",
        logger,
      }),
    },
  });
  chat.onSlashCommand("/help", async (event) => {
    // The adapter hands over Telegram's message, whose id is unique per chat.
    const message = event.raw as { message_id: number; chat: { id: number } };
    if (await claim(env.DB, "telegram", `${message.chat.id}:${message.message_id}`)) {
      await event.channel.post(HELP);
    }
  });
  return chat;
}

/** One Chat per isolate: the env, which it needs, is first seen with a request. */
let chat: ReturnType<typeof chatFor> | undefined;

export default {
  fetch(request, env, ctx) {
    if (!isWebhook(request, "telegram")) return notFound();
    chat ??= chatFor(env);
    return chat.webhooks.telegram(request, { waitUntil: (task: Promise<unknown>) => ctx.waitUntil(task) });
  },
} satisfies ExportedHandler<PeerEnv>;
