/** Calls the Worker like a platform would, and waits for the work it left in `waitUntil`. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";

export const testEnv = env as unknown as Env;

/** `workerEnv` replaces the test environment, for a test that swaps a binding (a dataset it reads). */
export async function deliver(request: Request, workerEnv: Env = testEnv): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
