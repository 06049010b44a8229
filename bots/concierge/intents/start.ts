import { bold, defineIntent, helpLines, quote } from "parley";

export const start = defineIntent({
  command: "start",
  description: "Say hello",
  run(ctx) {
    ctx.reply([
      ...ctx.t("start-greeting", { name: bold(quote(ctx.update.user.name)) }),
      "\n\n",
      helpLines(ctx.bot, ctx.locale).join("\n"),
    ]);
  },
});

export const help = defineIntent({
  command: "help",
  aliases: ["commands"],
  description: "List the commands",
  patterns: [/^\s*(help|what can you do\??|hilfe|was kannst du\??)\s*$/i],
  run(ctx) {
    ctx.reply([bold(ctx.t("help-title")), "\n", helpLines(ctx.bot, ctx.locale).join("\n")]);
  },
});
