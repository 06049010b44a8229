/**
 * The local page's traffic list reads the Worker's log line of each
 * delivery: its outcome, and for plain words which tier understood them,
 * how surely and as what.
 *
 *   npx node --test test/scripts/traffic.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Traffic } from "../../scripts/local/traffic.ts";

function delivered(traffic: Traffic, eventId: string): string {
  return traffic.start({
    direction: "to-worker",
    source: "telegram",
    title: "message",
    request: { method: "POST", url: "http://localhost:8787/webhooks/telegram/concierge", headers: {}, body: "{}" },
    eventKey: `telegram:${eventId}`,
  });
}

test("a delivery understood from plain words shows its tier, confidence and reading", () => {
  const traffic = new Traffic({}, () => {});
  const id = delivered(traffic, "41");
  const line = {
    event: "delivery",
    platform: "telegram",
    eventId: "41",
    intent: "did_you_mean",
    outcome: "ok",
    ms: 12,
  };
  traffic.workerLog({ ...line, tier: 1, confidence: 0.6163, reading: "news" });
  assert.equal(traffic.entry(id)?.outcome, "ok · did_you_mean · 12 ms");
  assert.equal(traffic.entry(id)?.understood, "tier 1 · 0.62 · news");
  assert.equal(traffic.entry(id)?.done, true);
});

test("a command shows no tier", () => {
  const traffic = new Traffic({}, () => {});
  const id = delivered(traffic, "42");
  traffic.workerLog({ event: "delivery", platform: "telegram", eventId: "42", intent: "help", outcome: "ok", ms: 3 });
  assert.equal(traffic.entry(id)?.outcome, "ok · help · 3 ms");
  assert.equal(traffic.entry(id)?.understood, undefined);
});
