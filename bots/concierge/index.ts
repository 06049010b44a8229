/** Concierge, the example bot: weather, exchange rates, news, a to-do list and kept files, in English and German. */
import { askIntent, defineBot, forgetIntent, languageIntent } from "parley";
import { digests } from "./digests/index.ts";
import { news } from "./intents/news.ts";
import { note, notes } from "./intents/notes.ts";
import { rate } from "./intents/rate.ts";
import { remind } from "./intents/remind.ts";
import { help, start } from "./intents/start.ts";
import { subscribe, subscriptions, unsubscribe } from "./intents/subscribe.ts";
import { todo } from "./intents/todo.ts";
import { weather } from "./intents/weather.ts";
import de from "./locales/de.ftl.ts";
import en from "./locales/en.ftl.ts";
import { outOfScope } from "./out-of-scope.ts";

export const concierge = defineBot({
  name: "concierge",
  // The example bot reads the unprefixed names (TELEGRAM_BOT_TOKEN, …).
  secretPrefix: "",
  intents: [
    start,
    help,
    weather,
    rate,
    news,
    todo,
    note,
    notes,
    subscribe,
    subscriptions,
    unsubscribe,
    remind,
    languageIntent,
    askIntent,
    forgetIntent,
  ],
  digests,
  messages: { en, de },
  outOfScope,
});
