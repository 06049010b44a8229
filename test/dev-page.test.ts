/**
 * The local chat page belongs to `npm run dev` alone: its server (scripts/local)
 * serves /dev in front of the Worker, and the Worker itself has no such route.
 * These requests go to the production entry, as a deployed Worker would get them.
 */
import { describe, expect, it } from "vitest";
import { deliver } from "./support/worker.ts";

describe("the deployed Worker has no chat page", () => {
  it("answers 404 at /dev and everything under it", async () => {
    for (const path of ["/dev", "/dev/", "/dev/app.js", "/dev/api/snapshot", "/dev/api/events"]) {
      const response = await deliver(new Request(`https://parley.test${path}`));
      expect(response.status, path).toBe(404);
    }
  });

  it("takes no actions from the page's API", async () => {
    const action = JSON.stringify({ kind: "say", platform: "telegram", text: "/help" });
    const request = new Request("https://parley.test/dev/api/action", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: action,
    });
    expect((await deliver(request)).status).toBe(404);
  });
});
