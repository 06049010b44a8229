import { beforeEach, describe, expect, it } from "vitest";
import { nextRun, parseRhythm } from "../../src/core/rhythm.ts";
import { clearScheduledWork, dueJobs, insertSubscription, subscriptionRow } from "../support/jobs.ts";

const eight = { hour: 8, minute: 0 };
const seven = { hour: 7, minute: 0 };
const iso = (date: Date) => date.toISOString();
const run = (time: typeof eight, zone: string, rhythm: string, after: string) =>
  iso(nextRun(time, zone, rhythm, new Date(after)));

describe("rhythms in words", () => {
  it("read English and German, a day, or a list of days, in one spelling", () => {
    expect(parseRhythm("Weekdays")).toBe("weekdays");
    expect(parseRhythm("every day")).toBe("daily");
    expect(parseRhythm("täglich")).toBe("daily");
    expect(parseRhythm("werktags")).toBe("weekdays");
    expect(parseRhythm("am Wochenende")).toBe("weekends");
    expect(parseRhythm("every Monday")).toBe("mon");
    expect(parseRhythm("montags")).toBe("mon");
    expect(parseRhythm("mon,wed,fri")).toBe("mon,wed,fri");
    expect(parseRhythm("Mo, Mi, Fr")).toBe("mon,wed,fri");
    expect(parseRhythm("friday and monday")).toBe("mon,fri");
    expect(parseRhythm("mon,tue,wed,thu,fri,sat,sun")).toBe("daily");
  });

  it("name no days for anything else", () => {
    for (const text of ["", "funday", "mon,funday", "every 31st", "hourly"]) {
      expect(parseRhythm(text), text).toBeUndefined();
    }
  });
});

describe("the next run of each rhythm across the clock changes", () => {
  // Berlin: clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October.
  it("in Berlin", () => {
    const zone = "Europe/Berlin";
    expect(run(eight, zone, "daily", "2026-03-28T12:00:00Z")).toBe("2026-03-29T06:00:00.000Z");
    expect(run(eight, zone, "daily", "2026-10-24T12:00:00Z")).toBe("2026-10-25T07:00:00.000Z");
    // Friday before the change (07:00Z), then Monday after it, at 08:00 summer time.
    expect(run(eight, zone, "weekdays", "2026-03-27T06:00:00Z")).toBe("2026-03-27T07:00:00.000Z");
    expect(run(eight, zone, "weekdays", "2026-03-27T12:00:00Z")).toBe("2026-03-30T06:00:00.000Z");
    // Saturday in winter time, Sunday (the day of the change) in summer time.
    expect(run(eight, zone, "weekends", "2026-03-27T12:00:00Z")).toBe("2026-03-28T07:00:00.000Z");
    expect(run(eight, zone, "weekends", "2026-03-28T07:00:00Z")).toBe("2026-03-29T06:00:00.000Z");
    // The Monday after clocks went back.
    expect(run(eight, zone, "mon", "2026-10-20T12:00:00Z")).toBe("2026-10-26T07:00:00.000Z");
    expect(run(eight, zone, "mon,wed,fri", "2026-10-23T12:00:00Z")).toBe("2026-10-26T07:00:00.000Z");
  });

  // New York: clocks go forward on Sunday 8 March 2026 and back on Sunday 1 November.
  it("in New York", () => {
    const zone = "America/New_York";
    expect(run(eight, zone, "daily", "2026-10-31T20:00:00Z")).toBe("2026-11-01T13:00:00.000Z");
    expect(run(eight, zone, "weekdays", "2026-03-06T20:00:00Z")).toBe("2026-03-09T12:00:00.000Z");
    expect(run(eight, zone, "weekends", "2026-10-30T20:00:00Z")).toBe("2026-10-31T12:00:00.000Z");
    expect(run(eight, zone, "weekends", "2026-10-31T12:00:00Z")).toBe("2026-11-01T13:00:00.000Z");
    expect(run(seven, zone, "mon,wed,fri", "2026-10-28T20:00:00Z")).toBe("2026-10-30T11:00:00.000Z");
    expect(run(seven, zone, "mon,wed,fri", "2026-10-30T20:00:00Z")).toBe("2026-11-02T12:00:00.000Z");
    expect(run(seven, zone, "sun", "2026-03-02T20:00:00Z")).toBe("2026-03-08T11:00:00.000Z");
  });
});

describe("a subscription sent on its rhythm", () => {
  beforeEach(clearScheduledWork);

  it("moves on to the next day of its rhythm, in its zone, once it is queued", async () => {
    // Friday 23 October 2026, 08:00 in Berlin; the next weekday is Monday, after clocks went back.
    const weekdays = await insertSubscription({ nextRunAt: "2026-10-23T06:00:00Z", rhythm: "weekdays" });
    const fridays = await insertSubscription({ nextRunAt: "2026-10-23T06:00:00Z", rhythm: "fri" });
    await dueJobs("2026-10-23T06:00:00Z");
    expect((await subscriptionRow(weekdays.id))?.next_run_at).toBe(Date.parse("2026-10-26T07:00:00Z"));
    expect((await subscriptionRow(fridays.id))?.next_run_at).toBe(Date.parse("2026-10-30T07:00:00Z"));
  });
});
