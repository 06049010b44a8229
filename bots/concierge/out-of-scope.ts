/**
 * Requests the concierge does not serve that look like ones it does, taught
 * so that they are not read as those: "what time is it in Lisbon" is no
 * weather request, "book a table at 8" no reminder.
 */
import type { Examples } from "parley";

export const outOfScope: Readonly<Record<string, Examples>> = {
  clock: {
    en: [
      "whats the time in {city}",
      "(current|local) time in {city}",
      "time in {city}",
      "what time is it",
      "how late is it in {city}",
      "which time zone is {city} in",
      "what day is it today",
      "whats the date",
    ],
    de: [
      "wie spät ist es",
      "wie viel uhr ist es in {city}",
      "uhrzeit in {city}",
      "welche uhrzeit haben wir in {city}",
      "wie spät ist es gerade in {city}",
      "welche zeitzone hat {city}",
      "welcher tag ist heute",
      "welches datum haben wir",
    ],
  },
  booking: {
    en: [
      "(book|reserve|get) a table at {time}",
      "book a table for {count} people at {time}",
      "make a reservation for {time}",
      "book a taxi for {time}",
      "order a cab at {time}",
      "schedule a meeting at {time}",
      "book an appointment at {time}",
      "book a table for (tonight|tomorrow)",
      "(send|transfer|wire) {number} {currency} to {who}",
      "pay {who} {number} {currency}",
      "send money to {who}",
      "transfer money to my {what} account",
      "pay my {what} bill",
    ],
    de: [
      "einen tisch für {time} reservieren",
      "(buch|reservier|bestell) einen tisch um {time}",
      "reservierung für {count} personen um {time}",
      "bestell ein taxi für {time}",
      "ruf mir ein taxi um {time}",
      "trag einen termin um {time} ein",
      "plane ein meeting um {time}",
      "reservier einen tisch für (heute abend|morgen)",
      "(überweise|schick|sende) {number} {currency} an {who}",
      "überweis {who} {number} {currency}",
      "zahl {who} {number} {currency}",
      "geld an {who} überweisen",
      "rechnung bezahlen",
    ],
  },
  smalltalk: {
    en: [
      "(how|who) are you",
      "how are you doing",
      "how is your day going",
      "whats your name",
      "are you a bot",
      "do you like me",
      "good night",
    ],
    de: [
      "wie geht es dir",
      "wie läuft dein tag",
      "wie heißt du",
      "wer bist du",
      "bist du ein bot",
      "magst du mich",
      "gute nacht",
    ],
  },
  media: {
    en: ["play {what}", "play some {what}", "play the {what} podcast", "put on {what}", "stream {what}"],
    de: ["spiel {what}", "spiel {what} ab", "spiel den {what} podcast", "mach {what} an", "streame {what}"],
  },
  knowledge: {
    en: [
      "(what|who) is the {topic} of {thing}",
      "how many {topic} are in {thing}",
      "what does {thing} mean",
      "tell me about {thing}",
      "translate {thing}",
    ],
    de: [
      "was ist der {topic} von {thing}",
      "wer ist der {topic} von {thing}",
      "wie viele {topic} gibt es in {thing}",
      "was bedeutet {thing}",
      "erzähl mir was über {thing}",
    ],
  },
};
