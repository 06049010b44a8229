import { describe, expect, it } from "vitest";
import { compose, type Next, NextCalledTwice } from "../../src/core/middleware.ts";

/** What the chain did, in order. */
type Trail = string[];

/** Notes `name` on the way in and on the way out. */
const around =
  (name: string) =>
  async (trail: Trail, next: Next): Promise<void> => {
    trail.push(`${name} in`);
    await next();
    trail.push(`${name} out`);
  };

const handler = (trail: Trail) => {
  trail.push("handler");
};

describe("compose", () => {
  it("runs the middleware in the list's order around the handler", async () => {
    const trail: Trail = [];
    await compose([around("a"), around("b"), around("c")], handler)(trail);
    expect(trail).toEqual(["a in", "b in", "c in", "handler", "c out", "b out", "a out"]);
  });

  it("runs the handler alone when there is no middleware", async () => {
    const trail: Trail = [];
    await compose([], handler)(trail);
    expect(trail).toEqual(["handler"]);
  });

  it("waits for a slow handler before the middleware around it goes on", async () => {
    const trail: Trail = [];
    const slow = async (inner: Trail) => {
      await Promise.resolve();
      await Promise.resolve();
      inner.push("handler");
    };
    await compose([around("a")], slow)(trail);
    expect(trail).toEqual(["a in", "handler", "a out"]);
  });

  it("stops at a middleware that does not call next: nothing after it runs", async () => {
    const trail: Trail = [];
    const gate = (inner: Trail) => {
      inner.push("gate");
    };
    await compose([around("a"), gate, around("b")], handler)(trail);
    expect(trail).toEqual(["a in", "gate", "a out"]);
  });

  it("rejects a second call of next, and runs the rest of the chain once", async () => {
    const trail: Trail = [];
    const twice = async (_: Trail, next: Next) => {
      await next();
      await next();
    };
    await expect(compose([twice, around("b")], handler)(trail)).rejects.toBeInstanceOf(NextCalledTwice);
    expect(trail).toEqual(["b in", "handler", "b out"]);
  });

  it("passes an error from the handler out through every middleware, which may catch it", async () => {
    const trail: Trail = [];
    const failing = () => {
      throw new Error("handler failed");
    };
    const catching = async (inner: Trail, next: Next) => {
      try {
        await next();
      } catch (error) {
        inner.push(`caught ${(error as Error).message}`);
        throw error;
      }
    };
    await expect(compose([catching, around("b")], failing)(trail)).rejects.toThrow("handler failed");
    // The middleware inside the failure never reaches its "out".
    expect(trail).toEqual(["b in", "caught handler failed"]);
  });

  it("rejects with an error a middleware throws, and runs neither the handler nor the middleware after it", async () => {
    const trail: Trail = [];
    const refusing = () => {
      throw new Error("refused");
    };
    await expect(compose([around("a"), refusing, around("b")], handler)(trail)).rejects.toThrow("refused");
    expect(trail).toEqual(["a in"]);
  });

  it("can run again: each run has its own count of next calls", async () => {
    const run = compose([around("a")], handler);
    const first: Trail = [];
    const second: Trail = [];
    await run(first);
    await run(second);
    expect(second).toEqual(["a in", "handler", "a out"]);
  });
});
