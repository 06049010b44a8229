import { bold, defineIntent, helpLines, quote } from "parley";

export const start = defineIntent({
  command: "start",
  description: "Say hello",
  run(ctx) {
    ctx.reply([
      "Hello ",
      bold(quote(ctx.update.user.name)),
      "! I am Concierge: weather, exchange rates, news and a to-do list.\n\n",
      helpLines(ctx.bot).join("\n"),
    ]);
  },
});

export const help = defineIntent({
  command: "help",
  aliases: ["commands"],
  description: "List the commands",
  patterns: [/^\s*(help|what can you do\??)\s*$/i],
  run(ctx) {
    ctx.reply([bold("Commands"), "\n", helpLines(ctx.bot).join("\n")]);
  },
});
