/**
 * Echo, a minimal second bot: it repeats what it is told and counts the
 * messages per user. It reads its own secrets (`ECHO_TELEGRAM_BOT_TOKEN`, …).
 */
import { defineBot, defineIntent } from "parley";

const echo = defineIntent({
  command: "echo",
  description: "Repeat your words",
  args: [{ name: "text", type: "string", rest: true, description: "What to repeat", ask: "What shall I repeat?" }],
  patterns: [/^(?<text>[\s\S]+)$/],
  run(ctx) {
    const count = typeof ctx.user.data.count === "number" ? ctx.user.data.count + 1 : 1;
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

export const echoBot = defineBot({ name: "echo", intents: [start, echo] });
