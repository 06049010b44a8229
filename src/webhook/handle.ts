/**
 * Handle: the engine runs the bot's intent on the claimed update (route,
 * handler, save). It never throws: a failure of the engine itself (storage
 * down, conflicts that never settled) saved nothing and becomes an apology.
 */
import { handleUpdate } from "../core/engine.ts";
import { translate } from "../core/i18n.ts";
import { localeFor } from "../core/locale.ts";
import { createServices } from "../core/services.ts";
import { describeError, log } from "../log.ts";
import { type Delivery, logFields, type Result } from "./delivery.ts";

export async function handle(delivery: Delivery): Promise<Result> {
  const { adapter, env, update } = delivery;
  try {
    const handled = await handleUpdate({
      bot: delivery.bot,
      update,
      store: delivery.store,
      state: delivery.state,
      services: createServices(delivery.settings, env.fetch),
      now: new Date(delivery.started),
      address: adapter.addressOf(update),
    });
    if (handled.error !== undefined) {
      log("error", "handler_failed", {
        ...logFields(update),
        intent: handled.intent,
        error: describeError(handled.error),
      });
    }
    return handled;
  } catch (error) {
    log("error", "delivery_failed", { ...logFields(update), error: describeError(error) });
    const { bot, state } = delivery;
    const locale = localeFor(bot, update, state);
    const apology = { text: translate(bot, locale, "parley-apology"), private: true, locale };
    return { intent: "-", outcome: "handler_error", replies: [apology] };
  }
}
