/**
 * Echo, a minimal second bot: it repeats what it is told and counts the
 * messages per user. It reads its own secrets (`ECHO_TELEGRAM_BOT_TOKEN`, …).
 * Its middleware: it repeats only in private chats, and `/debug` is for its
 * admins.
 */
import { type AdminIds, adminOnly, defineBot, defineIntent, type JsonObject, privateOnly, quote } from "parley";

/**
 * Who may use /debug, by platform: Telegram's numeric user id, Discord's
 * user id, Slack's member id. These are the platforms' documentation
 * examples; a deployment lists its own people.
 */
export const ECHO_ADMINS: AdminIds = {
  telegram: ["123456789"],
  discord: ["80351110224678912"],
  slack: ["U024BE7LH"],
};

function countOf(data: JsonObject): number {
  return typeof data.count === "number" ? data.count : 0;
}

const echo = defineIntent({
  command: "echo",
  description: "Repeat your words",
  args: [{ name: "text", type: "string", rest: true, description: "What to repeat", ask: "What shall I repeat?" }],
  patterns: [/^(?<text>[\s\S]+)$/],
  // What someone tells the bot is theirs: a group would see it repeated.
  use: [privateOnly()],
  run(ctx) {
    const count = countOf(ctx.user.data) + 1;
    ctx.user.data.count = count;
    ctx.reply(`${ctx.args.text} (message ${count})`);
  },
});

const start = defineIntent({
  command: "start",
  description: "Say hello",
  run(ctx) {
    ctx.reply("Hello! I repeat whatever you send me. Try /echo hello.");
  },
});

const debug = defineIntent({
  command: "debug",
  description: "How the bot sees this message (admins only)",
  use: [adminOnly(ECHO_ADMINS)],
  run(ctx) {
    const { chat, user } = ctx.update;
    ctx.reply(
      `Chat: ${chat.kind} ${chat.id}\nYou: ${user.id} (${quote(user.name)})\nMessages repeated for you: ${countOf(ctx.user.data)}`,
    );
  },
});

export const echoBot = defineBot({ name: "echo", intents: [start, echo, debug] });
