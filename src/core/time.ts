/**
 * Zone maths for schedules. Local wall-clock times are turned into UTC
 * instants by croner, which uses the runtime's Intl time zone data, so
 * daylight-saving changes are handled without any hand-written tables.
 */
import { Cron } from "croner";

export interface LocalTime {
  readonly hour: number;
  readonly minute: number;
}

/** "8:05", "08:05" or "20:30" (24-hour clock); undefined for anything else. */
export function parseLocalTime(text: string): LocalTime | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export function formatLocalTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
}

/** Whether `zone` is an IANA time zone the runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling ("europe/berlin" becomes "Europe/Berlin"). */
export function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * The first instant strictly after `after` at which the clock in `zone`
 * shows `time`. On a day when that time does not exist (the hour skipped
 * when clocks go forward) the run falls on the first minute after the gap.
 */
export function nextDailyRun(time: LocalTime, zone: string, after: Date): Date {
  const next = new Cron(`0 ${time.minute} ${time.hour} * * *`, { timezone: zone }).nextRun(after);
  if (!next) throw new Error(`No next run for ${formatLocalTime(time)} in ${zone}`);
  return next;
}

/** The local time at `instant` in `zone`, for messages ("07:45"). */
export function localClock(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}
