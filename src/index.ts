/** The Worker's entry: wiring only. */
import { bots } from "../bots/index.ts";
import { createApp } from "./app.ts";
import type { Env } from "./env.ts";
import { consumeDeadLetters, consumeJobs } from "./jobs/consumer.ts";
import { runTick } from "./jobs/tick.ts";
import { redactSecretsOf } from "./log.ts";
import { platforms } from "./platforms/index.ts";
import { meterTick } from "./usage/record.ts";

export { SendPacer } from "./jobs/pacer.ts";

const registry = { bots, platforms };
const app = createApp(registry);

/** Must match the dead-letter queue's name in wrangler.toml. */
const DEAD_LETTER_QUEUE = "parley-jobs-dlq";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    redactSecretsOf(env);
    await meterTick(env, ctx, () => runTick(env, controller.scheduledTime));
  },
  async queue(batch, env) {
    redactSecretsOf(env);
    if (batch.queue === DEAD_LETTER_QUEUE) await consumeDeadLetters(batch, env);
    else await consumeJobs(batch, env, registry);
  },
} satisfies ExportedHandler<Env>;
