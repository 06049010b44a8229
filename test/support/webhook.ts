/** The webhook path's first step done by hand, for tests of the steps after it (src/webhook/). */
import { bots } from "../../bots/index.ts";
import type { Env } from "../../src/env.ts";
import { platforms } from "../../src/platforms/index.ts";
import type { Arrival } from "../../src/webhook/delivery.ts";
import { resolve } from "../../src/webhook/resolve.ts";
import { testEnv } from "./worker.ts";

export interface TestArrival {
  readonly arrival: Arrival;
  /** Settles once all the work handed to `arrival.later` has. */
  settled(): Promise<void>;
}

/** A request for `bot` on `platform` that resolved, with `later` work kept for the test to wait on. */
export function arrivalAt(platform: string, bot = "concierge", settings: Env = testEnv): TestArrival {
  const resolved = resolve({ bots, platforms }, platform, bot, settings);
  if (resolved instanceof Response) throw new Error(`${bot} is not on ${platform} in the test environment`);
  const pending: Promise<unknown>[] = [];
  return {
    arrival: { ...resolved, settings, started: Date.now(), later: (work) => pending.push(work) },
    async settled() {
      await Promise.all(pending);
    },
  };
}
