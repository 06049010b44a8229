/**
 * The delivery ledger: whoever sends a message claims its row first and
 * settles it right after, so that copies of a job, retries and consumers
 * that died mid-batch never send one message twice.
 */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { Ledger } from "../../src/store/ledger.ts";
import {
  clearScheduledWork,
  insertReminder,
  insertSubscription,
  reminderStatus,
  subscriptionRow,
} from "../support/jobs.ts";

beforeEach(clearScheduledWork);

const ledger = () => new Ledger(env.DB);
const NOW = Date.UTC(2035, 0, 1, 7);
const entry = { job: "broadcast:1", period: "telegram:42" };

async function ledgerStatus(job: string, period: string) {
  const row = await env.DB.prepare("SELECT status FROM deliveries WHERE job = ? AND period = ?")
    .bind(job, period)
    .first<{ status: string }>();
  return row?.status;
}

describe("claiming an entry", () => {
  it("gives it to its first owner, to that owner's retry, and to nobody else while the lease holds", async () => {
    expect(await ledger().claim([{ ...entry, owner: "a" }], NOW)).toEqual(new Set(["a"]));
    expect(await ledger().claim([{ ...entry, owner: "b" }], NOW + 1000)).toEqual(new Set());
    expect(await ledger().claim([{ ...entry, owner: "a" }], NOW + 2000)).toEqual(new Set(["a"]));
  });

  it("gives it to one of two copies that arrive in one batch", async () => {
    const claimed = await ledger().claim(
      [
        { ...entry, owner: "a" },
        { ...entry, owner: "b" },
      ],
      NOW,
    );
    expect(claimed).toEqual(new Set(["a"]));
  });

  it("gives it to another owner once the first one's lease has run out, and no sooner", async () => {
    await ledger().claim([{ ...entry, owner: "a" }], NOW, NOW + 60_000);
    expect(await ledger().claim([{ ...entry, owner: "b" }], NOW + 59_999)).toEqual(new Set());
    expect(await ledger().claim([{ ...entry, owner: "b" }], NOW + 60_000)).toEqual(new Set(["b"]));
  });

  it("never gives a settled entry out again, not even to its owner after the lease", async () => {
    await ledger().claim([{ ...entry, owner: "a" }], NOW, NOW + 60_000);
    await ledger().settle([{ entry, status: "sent" }], NOW + 1000);
    expect(await ledger().claim([{ ...entry, owner: "a" }], NOW + 2000)).toEqual(new Set());
    expect(await ledger().claim([{ ...entry, owner: "b" }], NOW + 120_000)).toEqual(new Set());
  });
});

describe("settling an entry", () => {
  it("records the first outcome only: a late dead letter does not undo a send", async () => {
    await ledger().claim([{ ...entry, owner: "a" }], NOW);
    await ledger().settle([{ entry, status: "sent" }], NOW + 1000);
    await ledger().settle([{ entry, status: "dead" }], NOW + 2000);
    expect(await ledgerStatus(entry.job, entry.period)).toBe("sent");
  });

  it("pauses the subscription of a chat that can no longer be reached", async () => {
    const { id } = await insertSubscription({ nextRunAt: "2035-01-01T07:00:00Z" });
    const digest = { job: `subscription:${id}`, period: "2035-01-01T07:00:00.000Z" };
    await ledger().claim([{ ...digest, owner: "a" }], NOW);
    await ledger().settle([{ entry: digest, status: "paused" }], NOW);
    expect(await subscriptionRow(id)).toMatchObject({ status: "paused" });
  });

  it("marks a reminder sent, or failed when it ran out of tries", async () => {
    const sent = await insertReminder({ dueAt: "2035-01-01T07:00:00Z" });
    const dead = await insertReminder({ dueAt: "2035-01-01T07:00:00Z" });
    const entries = [sent, dead].map(({ id }) => ({ job: `reminder:${id}`, period: "once" }));
    await ledger().claim(
      entries.map((one, index) => ({ ...one, owner: String(index) })),
      NOW,
    );
    await ledger().settle(
      [
        { entry: entries[0] ?? entry, status: "sent" },
        { entry: entries[1] ?? entry, status: "dead" },
      ],
      NOW,
    );
    expect([await reminderStatus(sent.id), await reminderStatus(dead.id)]).toEqual(["sent", "failed"]);
  });
});
