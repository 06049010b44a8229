/**
 * Middleware: small functions wrapped around a handler, each of which can
 * act before it, stop it, or act after it. `compose` turns a list of them
 * and the handler into one function that runs them in the list's order, the
 * way Koa's, Hono's and grammY's do. It knows nothing of bots or platforms.
 */

/** Runs the rest of the chain (the next middleware, at the end the handler); resolves when all of it has finished. */
export type Next = () => Promise<void>;

/** Thrown when one middleware calls `next` a second time: the rest of the chain runs once per update. */
export class NextCalledTwice extends Error {
  override readonly name = "NextCalledTwice";
  constructor() {
    super("next() was called more than once by the same middleware");
  }
}

/**
 * One function that runs `middleware[0]`, which runs `middleware[1]` when
 * it calls `next`, and so on, and `handler` after the last. A middleware
 * that returns without calling `next` stops the chain there; whatever one
 * of them throws rejects the whole run, passing every middleware outside it
 * on its way (they may catch it).
 */
export function compose<C>(
  middleware: readonly ((ctx: C, next: Next) => Promise<void> | void)[],
  handler: (ctx: C) => Promise<void> | void,
): (ctx: C) => Promise<void> {
  return (ctx) => {
    let called = -1;
    async function dispatch(index: number): Promise<void> {
      if (index <= called) throw new NextCalledTwice();
      called = index;
      const current = middleware[index];
      if (current) await current(ctx, () => dispatch(index + 1));
      else await handler(ctx);
    }
    return dispatch(0);
  };
}
