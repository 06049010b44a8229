/**
 * Time the test decides. An inline budget or suggestion timeout that never
 * runs out, or one that has run out already, and gates that hold a handler or
 * an outside API until the test lets it go on: with these, whether a delivery
 * is answered inline or acknowledged first never depends on how busy the
 * machine is.
 */
import type { Timer } from "../../src/core/timer.ts";

/** Never runs out: a handler that finishes at all is answered inline, however slow the machine. */
export const unlimited: Timer = () => new Promise<void>(() => {});

/** Has run out already: a handler still working when the webhook asks is acknowledged and answered later. */
export const expired: Timer = () => Promise.resolve();

/** Held shut until the test opens it. */
export interface Gate {
  /** Settles once `open` has been called. */
  readonly opened: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** `timer`, noting in `asked` how long each wait it was given was meant to last. */
export function noting(timer: Timer): { readonly timer: Timer; readonly asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    timer: (ms, signal) => {
      asked.push(ms);
      return timer(ms, signal);
    },
  };
}

/** A `Timer` whose time moves only when the test says so. */
export interface ManualTimer {
  readonly timer: Timer;
  /** Moves time on by `ms`: every wait that has run its course by then ends. */
  advance(ms: number): void;
  /** Settles once `count` waits in all have been asked for (so the work before the last of them is done). */
  asked(count: number): Promise<void>;
  /** The lengths of the waits asked for so far, in order. */
  readonly lengths: readonly number[];
}

export function manualTimer(): ManualTimer {
  let now = 0;
  let waits: { readonly until: number; readonly end: () => void }[] = [];
  const lengths: number[] = [];
  let listeners: (() => void)[] = [];
  return {
    lengths,
    timer: (ms, signal) =>
      new Promise<void>((resolve) => {
        const wait = { until: now + ms, end: resolve };
        waits.push(wait);
        signal.addEventListener("abort", () => {
          waits = waits.filter((other) => other !== wait);
        });
        lengths.push(ms);
        for (const listener of listeners) listener();
      }),
    advance(ms) {
      now += ms;
      const due = waits.filter((wait) => wait.until <= now);
      waits = waits.filter((wait) => wait.until > now);
      for (const wait of due) wait.end();
    },
    asked(count) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (lengths.length < count) return;
          listeners = listeners.filter((listener) => listener !== check);
          resolve();
        };
        listeners.push(check);
        check();
      });
    },
  };
}
