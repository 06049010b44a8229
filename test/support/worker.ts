/** Calls the Worker like a platform would, and waits for the work it left in `waitUntil`. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { bots } from "../../bots/index.ts";
import { createApp } from "../../src/app.ts";
import type { Timer } from "../../src/core/timer.ts";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { platforms } from "../../src/platforms/index.ts";
import { unlimited } from "./time.ts";

export const testEnv = env as unknown as Env;

/** The Worker's answer, and the work it left in `waitUntil` (to await after reading the answer). */
export interface Call {
  readonly response: Response;
  readonly settled: Promise<void>;
}

type Fetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/** Calls `fetch` (a Worker's or an app's) in an execution context of its own, and returns as soon as it has answered. */
export async function callThrough(fetch: Fetch, request: Request, callEnv: Env = testEnv): Promise<Call> {
  const ctx = createExecutionContext();
  const response = await fetch(request, callEnv, ctx);
  return { response, settled: waitOnExecutionContext(ctx) };
}

/**
 * Calls the Worker as deployed (src/index.ts) and waits for everything it left to do;
 * `workerEnv` replaces the test environment, for a test that swaps a binding (a dataset it reads).
 */
export async function deliver(request: Request, workerEnv: Env = testEnv): Promise<Response> {
  const { response, settled } = await callThrough(worker.fetch, request, workerEnv);
  await settled;
  return response;
}

/** Calls the Worker as deployed, real timers and all, and returns as soon as it has answered (the real-time tests). */
export function callDeployed(request: Request, callEnv: Env = testEnv): Promise<Call> {
  return callThrough(worker.fetch, request, callEnv);
}

/**
 * Calls the deployment's bots and platforms with `timer` counting out inline
 * budgets (by default they never run out, so a handler that finishes answers
 * inline), and returns as soon as the Worker has answered.
 */
export function call(request: Request, timer: Timer = unlimited): Promise<Call> {
  return callThrough(createApp({ bots, platforms }, { timer }).fetch, request);
}
