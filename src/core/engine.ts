/**
 * Handles one update from start to finish: an attempt (`attempt.ts`), then
 * saving what it changed. When another update saved the same conversation
 * first, the save fails as a conflict and the attempt is made again on fresh
 * state, so no change is lost and none is made twice.
 */
import { sleep } from "../lib/sleep.ts";
import { attempt, type Handled, type HandleOptions } from "./attempt.ts";
import { Outbox } from "./outbox.ts";
import { type StateChanges, StateConflict } from "./state.ts";

/** Enough for dozens of simultaneous updates to one conversation, each retried after a short random pause. */
const MAX_SAVE_ATTEMPTS = 30;

/** A random pause that grows with the round, so that updates racing for one conversation spread out. */
function jitterMs(round: number): number {
  return Math.random() * Math.min(200, 5 * 2 ** round);
}

function hasChanges(changes: StateChanges): boolean {
  return (
    changes.userData !== undefined ||
    changes.userLocale !== undefined ||
    changes.question !== undefined ||
    changes.schedule !== undefined ||
    changes.forget === true
  );
}

export async function handleUpdate(options: HandleOptions): Promise<Handled> {
  let state = options.state ?? (await options.store.load(options.update));
  // One for all attempts: what one attempt sent, the next does not send again.
  const outbox = new Outbox(options.messenger);
  for (let round = 1; ; round++) {
    const result = await attempt(options, state, outbox);
    if (!hasChanges(result.changes)) return result;
    try {
      await options.store.save(options.update, state, result.changes);
      return result;
    } catch (error) {
      if (!(error instanceof StateConflict) || round >= MAX_SAVE_ATTEMPTS) throw error;
      await sleep(jitterMs(round));
      state = await options.store.load(options.update);
    }
  }
}
