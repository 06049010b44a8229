/** Calls the Worker like a platform would, and waits for the work it left in `waitUntil`. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";

export const testEnv = env as unknown as Env;

export async function deliver(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
