import { bold, defineIntent, helpLines, quote } from "parley";

export const start = defineIntent({
  command: "start",
  description: "Say hello",
  examples: {
    en: [
      "(start|hi|morning)",
      "hey there",
      "good (morning|evening|afternoon)",
      "hello bot",
      "lets start",
      "hi (concierge|friend)",
      "lets get started",
      "is anyone there",
      "whats up",
      "nice to meet you",
    ],
    de: [
      "(start|hi)",
      "guten (morgen|tag|abend)",
      "los gehts",
      "hallo concierge",
      "hi zusammen",
      "lass uns anfangen",
      "ist da jemand",
      "grüß gott",
      "na du",
      "schönen guten tag",
    ],
  },
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
  examples: {
    en: [
      "(help|options|instructions)",
      "what can you do",
      "help me",
      "what commands are there",
      "show me the (commands|menu)",
      "how does this work",
      "i need help",
      "list the commands",
      "how do i use this",
      "what can you help me with",
      "what can i ask you",
      "what are your features",
      "what are you able to do",
      "what kind of things can you do",
      "what can i do here",
      "what are you capable of",
      "what (commands|features|options) do you (have|know|understand)",
    ],
    de: [
      "(hilfe|befehle|anleitung)",
      "was kannst du",
      "welche befehle gibt es",
      "zeig die befehle",
      "wie funktioniert das",
      "ich brauche hilfe",
      "hilf mir",
      "was kann ich machen",
      "was kann ich dich fragen",
      "womit kannst du mir helfen",
      "welche funktionen hast du",
      "was sind deine funktionen",
      "wie benutze ich dich",
      "was kann ich hier machen",
      "was bietest du an",
      "zeig mir das menü",
      "wie geht das hier",
      "welche (befehle|kommandos|funktionen) (kennst|verstehst|hast) du",
    ],
  },
  patterns: [/^\s*(help|what can you do\??|hilfe|was kannst du\??)\s*$/i],
  run(ctx) {
    ctx.reply([bold(ctx.t("help-title")), "\n", helpLines(ctx.bot, ctx.locale).join("\n")]);
  },
});
