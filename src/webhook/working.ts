/**
 * Working: a handler that has not answered within about a second shows the
 * platform's sign that the bot is on it (Telegram's "typing…", a Slack
 * assistant thread's status), renewed where it fades, until it answers.
 * The wait is counted by the delivery's `Timer`, so tests decide when a
 * second has passed.
 */
import { realTimer, type Timer, within } from "../core/timer.ts";
import { describeError, log } from "../log.ts";
import { type Delivery, logFields } from "./delivery.ts";

/** How long a handler may take before the user sees that the bot is working. */
const WORKING_AFTER_MS = 1000;

const DONE = Symbol("answered");
const STILL = Symbol("still working");

/** Shows the platform's "working…" until `answered` settles (the first message goes out, or the handler ends). */
export async function showWorking(
  delivery: Delivery,
  answered: Promise<unknown>,
  timer: Timer = realTimer,
): Promise<void> {
  const { adapter, update, env } = delivery;
  const { working } = adapter;
  if (!working || !(working.accepts?.(update) ?? true)) return;
  const done = answered.then(
    () => DONE,
    () => DONE,
  );
  for (let wait = WORKING_AFTER_MS; ; wait = working.everyMs) {
    if ((await within(done, wait, STILL, timer)) === DONE) return;
    // A sign that does not show is no reason to stop the answer.
    await working.show(update, env).catch((error: unknown) => {
      log("error", "working_failed", { ...logFields(update), error: describeError(error) });
    });
    if (working.everyMs === undefined) return;
  }
}
