/**
 * Waiting for work against a time limit (the inline budget, the suggestion
 * timeout). The Worker waits on real timers; a test passes a `Timer` of its
 * own, so that "the work was still running when its time ran out" is
 * something the test decides rather than something a busy machine does.
 */

/** Settles once `ms` have passed. Once `signal` aborts, the wait is over and may never settle. */
export type Timer = (ms: number, signal: AbortSignal) => Promise<void>;

/** Real time: a `setTimeout`, cleared when the wait is called off. */
export const realTimer: Timer = (ms, signal) =>
  new Promise((resolve) => {
    const timeout = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => clearTimeout(timeout), { once: true });
  });

/** `work`'s result if it settles before `timer` has counted `ms`, else `late`; the wait never outlives the race. */
export async function within<T, L>(work: Promise<T>, ms: number, late: L, timer: Timer = realTimer): Promise<T | L> {
  const over = new AbortController();
  try {
    return await Promise.race([work, timer(ms, over.signal).then(() => late)]);
  } finally {
    over.abort();
  }
}
