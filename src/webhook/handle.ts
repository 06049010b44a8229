/**
 * Handle: the engine runs the bot's intent on the claimed update (route,
 * handler, save), with tier 2 (src/ai/) asked about what the router cannot
 * place when the bot has it, `messenger` for what the handler does on the
 * platform before it returns, and the bot's kept files. It never throws: a
 * failure of the engine itself (storage down, conflicts that never settled)
 * saved nothing and becomes an apology.
 */
import { aiSettings } from "../ai/settings.ts";
import { TierTwo } from "../ai/tier.ts";
import { handleUpdate } from "../core/engine.ts";
import { translate } from "../core/i18n.ts";
import { localeFor } from "../core/locale.ts";
import { createServices } from "../core/services.ts";
import { realTimer, type Timer } from "../core/timer.ts";
import { describeError, log } from "../log.ts";
import { type Delivery, logFields, type Result } from "./delivery.ts";
import type { DeliveryMessenger } from "./messenger.ts";

/** The bot's tier 2 for this delivery, or undefined when it has none. */
function tierTwoFor(delivery: Delivery, modelTimer: Timer): TierTwo | undefined {
  const { bot, env, settings, update } = delivery;
  const ai = aiSettings(settings, bot, env.fetch);
  if (!ai) return undefined;
  return new TierTwo({
    bot,
    update,
    settings: ai,
    sinks: settings,
    now: delivery.started,
    timer: modelTimer,
    trace: env.trace,
    answerLater: async ({ messages, locale }) => {
      await settings.JOBS.send({
        kind: "answer",
        update,
        receivedAt: delivery.started,
        locale,
        messages: [...messages],
      });
    },
  });
}

/** `modelTimer` counts out the model's time limit: real time unless a test passes its own. */
export async function handle(
  delivery: Delivery,
  messenger: DeliveryMessenger,
  modelTimer: Timer = realTimer,
): Promise<Result> {
  const { adapter, env, update } = delivery;
  const { chatRights } = adapter;
  const tierTwo = tierTwoFor(delivery, modelTimer);
  const { files } = delivery;
  try {
    const handled = await handleUpdate({
      bot: delivery.bot,
      update,
      store: delivery.store,
      state: delivery.state,
      services: createServices(delivery.settings, env.fetch),
      now: new Date(delivery.started),
      address: adapter.addressOf(update),
      ...(tierTwo ? { understandFurther: tierTwo.understand } : {}),
      messenger,
      ...(files ? { files } : {}),
      ...(chatRights ? { chatRights: () => chatRights(update, env) } : {}),
    });
    if (handled.error !== undefined) {
      log("error", "handler_failed", {
        ...logFields(update),
        intent: handled.intent,
        error: describeError(handled.error),
      });
    }
    const ai = tierTwo?.trace;
    if (tierTwo && ai) delivery.later(tierTwo.settle(handled.replies));
    return ai ? { ...handled, ai } : handled;
  } catch (error) {
    log("error", "delivery_failed", { ...logFields(update), error: describeError(error) });
    const { bot, state } = delivery;
    const locale = localeFor(bot, update, state);
    const apology = { text: translate(bot, locale, "parley-apology"), private: true, locale };
    return { intent: "-", outcome: "handler_error", replies: [apology] };
  }
}
