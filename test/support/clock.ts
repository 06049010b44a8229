/** Time the tests control: timers that fire without the real wait. */
import { vi } from "vitest";

/**
 * Runs `work` with `setTimeout` on a fake clock that moves straight to the
 * next timer whenever the work waits on one, so that a platform client's
 * retry waits (the seconds a 429 asks for, the backoff after a 5xx) cost no
 * real time. The clock moves only between real turns of the event loop: a
 * stubbed request is answered within one turn, so its timeout timer is
 * cleared before the clock can reach it.
 */
export async function withoutWaiting<T>(work: () => Promise<T>): Promise<T> {
  const realSetTimeout = globalThis.setTimeout;
  const nextTurn = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    let done = false;
    const result = work();
    result.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    while (!done) {
      if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
      await nextTurn();
    }
    return await result;
  } finally {
    vi.useRealTimers();
  }
}
