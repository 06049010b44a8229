import { describe, expect, it } from "vitest";
import { canonicalZone, isTimeZone, nextDailyRun, parseLocalTime } from "../../src/core/time.ts";

const eight = { hour: 8, minute: 0 };
const iso = (date: Date) => date.toISOString();

describe("next daily run in a time zone", () => {
  it("keeps 08:00 in Berlin across the spring and autumn clock changes", () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(iso(nextDailyRun(eight, "Europe/Berlin", new Date("2026-03-28T12:00:00Z")))).toBe(
      "2026-03-29T06:00:00.000Z",
    );
    expect(iso(nextDailyRun(eight, "Europe/Berlin", new Date("2026-03-27T12:00:00Z")))).toBe(
      "2026-03-28T07:00:00.000Z",
    );
    expect(iso(nextDailyRun(eight, "Europe/Berlin", new Date("2026-10-24T12:00:00Z")))).toBe(
      "2026-10-25T07:00:00.000Z",
    );
  });

  it("keeps 08:00 in New York across its own clock changes", () => {
    // Clocks go forward on 8 March 2026 and back on 1 November 2026.
    expect(iso(nextDailyRun(eight, "America/New_York", new Date("2026-03-07T20:00:00Z")))).toBe(
      "2026-03-08T12:00:00.000Z",
    );
    expect(iso(nextDailyRun(eight, "America/New_York", new Date("2026-03-06T20:00:00Z")))).toBe(
      "2026-03-07T13:00:00.000Z",
    );
    expect(iso(nextDailyRun(eight, "America/New_York", new Date("2026-10-31T20:00:00Z")))).toBe(
      "2026-11-01T13:00:00.000Z",
    );
  });

  it("runs once on the day a local time is skipped or repeated", () => {
    const halfPastTwo = { hour: 2, minute: 30 };
    // 02:30 does not exist in Berlin on 29 March: the run comes at 03:00 local.
    expect(iso(nextDailyRun(halfPastTwo, "Europe/Berlin", new Date("2026-03-28T12:00:00Z")))).toBe(
      "2026-03-29T01:00:00.000Z",
    );
    // 02:30 happens twice on 25 October: the first one, and not again that day.
    const first = nextDailyRun(halfPastTwo, "Europe/Berlin", new Date("2026-10-24T12:00:00Z"));
    expect(iso(first)).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(nextDailyRun(halfPastTwo, "Europe/Berlin", first))).toBe("2026-10-26T01:30:00.000Z");
  });

  it("is strictly after the given instant", () => {
    const at = new Date("2026-06-01T06:00:00Z");
    expect(iso(nextDailyRun(eight, "Europe/Berlin", at))).toBe("2026-06-02T06:00:00.000Z");
  });
});

describe("parsing times and zones", () => {
  it("accepts 24-hour times and nothing else", () => {
    expect(parseLocalTime("8:05")).toEqual({ hour: 8, minute: 5 });
    expect(parseLocalTime("23:59")).toEqual({ hour: 23, minute: 59 });
    for (const bad of ["24:00", "8", "08:60", "8am", "", "08:00:00"]) expect(parseLocalTime(bad), bad).toBeUndefined();
  });

  it("knows IANA zones and spells them canonically", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("../../etc")).toBe(false);
    expect(canonicalZone("europe/berlin")).toBe("Europe/Berlin");
  });
});
