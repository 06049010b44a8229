/**
 * `/forget`: a user erases everything the bot keeps about them (their data,
 * language, pending questions, conversation memory, subscriptions,
 * reminders, and the usage rows keyed to their id). It asks first, with a
 * button; only the answer to that question erases, so a typed
 * `/forget yes` asks too. A bot lists it among its intents.
 */
import { defineIntent } from "./define.ts";

/** The button's value: what the answer must be to erase. */
const CONFIRM = "yes";

export const forgetIntent = defineIntent({
  command: "forget",
  description: "Erase everything I keep about you",
  args: [{ name: "confirm", type: "string", optional: true, description: "Your answer to my question: yes erases" }],
  run(ctx) {
    if (!ctx.invocation.resumed) {
      const buttons = [
        [
          { label: ctx.t("parley-forget-yes"), value: CONFIRM },
          { label: ctx.t("parley-forget-no"), value: "no" },
        ],
      ];
      ctx.ask(ctx.t("parley-forget-ask"), { arg: "confirm", buttons });
      return;
    }
    if (ctx.args.confirm?.trim().toLowerCase() !== CONFIRM) {
      ctx.reply(ctx.t("parley-forget-kept"));
      return;
    }
    ctx.forgetUser();
    ctx.reply(ctx.t("parley-forget-done"));
  },
});
