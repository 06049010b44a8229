/**
 * Reading a subscription from a `/subscribe` command: the digest, its own
 * arguments, the local time, and an optional zone and rhythm
 * (`/subscribe weather Berlin 07:00 Europe/Berlin weekdays`). The subscribe
 * intent declares `subscriptionArgs(digests)`: one slot per argument any
 * digest takes, so that plain words and Discord's options fill them by name.
 * Typed text goes whole into the first of them. Both are read the same
 * way: the values as words, the digest's arguments first, the time found by
 * its shape, and the digest's arguments checked by its own specs (`parseArgs`).
 */
import { type Problem, parseArgs, problem } from "./args.ts";
import type { ArgMap } from "./dialog.ts";
import type { Digest } from "./digest.ts";
import type { ArgSpec } from "./intent.ts";
import { parseRhythm } from "./rhythm.ts";
import { isTimeZone } from "./time.ts";

/** The slots the subscribe intent reads after `digest`, besides the digests' own. */
const SCHEDULE_SLOTS = ["time", "zone", "rhythm"] as const;

/**
 * The subscribe intent's arguments: `digest` (asked for, and implied by an
 * argument only one digest takes), every digest's arguments (optional here:
 * which are needed depends on the digest), `time`, `zone` and `rhythm`.
 * Typed text goes whole into the first slot after `digest`, and is read
 * word by word (`readSubscription`); the digests' number arguments come
 * last, as text cannot fill them.
 */
export function subscriptionArgs(
  digests: readonly Digest[],
  own: { readonly digest: ArgSpec; readonly time: ArgSpec; readonly zone: ArgSpec; readonly rhythm: ArgSpec },
): ArgSpec[] {
  const digestArgs = new Map<string, ArgSpec>();
  const impliedBy: Record<string, string> = {};
  for (const digest of digests) {
    for (const { rest: _rest, ...spec } of digest.args ?? []) {
      if (digestArgs.has(spec.name)) continue;
      digestArgs.set(spec.name, { ...spec, optional: true });
      impliedBy[spec.name] = digest.name;
    }
  }
  const all = [...digestArgs.values()];
  const words = [...all.filter((spec) => spec.type === "string"), own.time, own.zone, own.rhythm].map(
    (spec, index) => ({ ...spec, optional: true, ...(index === 0 ? { rest: true } : {}) }),
  );
  return [{ ...own.digest, impliedBy }, ...words, ...all.filter((spec) => spec.type !== "string")];
}

export type SubscriptionReading =
  | { readonly kind: "problem"; readonly problem: Problem }
  /** An argument to ask for: one of the digest's, or the time. */
  | { readonly kind: "missing"; readonly arg: string }
  | {
      readonly kind: "ready";
      readonly digest: Digest;
      readonly args: Readonly<Record<string, string | number>>;
      readonly time: string;
      readonly zone?: string;
      readonly rhythm?: string;
    };

/** A word written as a clock time, valid or not ("07:00", "25:00"): where the digest's arguments end. */
const CLOCK = /^\d{1,2}:\d{2}$/;

/** Whether `words` are all the digest's arguments, none missing. */
function fitsDigest(digest: Digest, words: readonly string[]): boolean {
  const parsed = parseArgs(digest.args ?? [], words.join(" "));
  return parsed.ok && !parsed.missing;
}

/**
 * The digest's words, the time (when there is one) and what follows it. The
 * time is the first word written as a clock time; without one, it is the
 * word after the most words the digest takes as its arguments. `named` (a
 * zone or rhythm plain words or options gave by name) follows it.
 */
function split(digest: Digest, words: readonly string[], named: readonly string[]) {
  const clock = words.findIndex((word) => CLOCK.test(word));
  if (clock >= 0)
    return { before: words.slice(0, clock), time: words[clock], after: [...words.slice(clock + 1), ...named] };
  let end = words.length;
  while (end > 0 && !fitsDigest(digest, words.slice(0, end))) end--;
  return { before: words.slice(0, end), time: words[end], after: [...words.slice(end + 1), ...named] };
}

/**
 * What follows the time: a zone, then a rhythm. The first word is the zone
 * unless everything after the time is a rhythm or the word is a list of days.
 */
function zoneAndRhythm(after: readonly string[]): { zone?: string; rhythm?: string } {
  const [first, ...others] = after;
  if (first === undefined) return {};
  const all = after.join(" ");
  if (first.includes(",") || (!isTimeZone(first) && parseRhythm(all) !== undefined)) return { rhythm: all };
  return { zone: first, ...(others.length > 0 ? { rhythm: others.join(" ") } : {}) };
}

/**
 * Reads the subscribe intent's `values` (in the order of `specs`) for the
 * digest they name. The time, zone and rhythm are checked when subscribing
 * (`Schedule.subscribe`); a rhythm is checked here, since its words could
 * have been meant otherwise.
 */
export function readSubscription(digest: Digest, specs: readonly ArgSpec[], values: ArgMap): SubscriptionReading {
  // The digests' arguments, then the time, then a zone and rhythm given by name. Typed text is
  // all in the first slot after `digest`: a digest's argument, or the time when no digest takes text.
  const wordsOf = (names: (name: string) => boolean) =>
    specs
      .filter((spec) => spec.name !== "digest" && names(spec.name))
      .flatMap((spec) => {
        const value = Object.hasOwn(values, spec.name) ? values[spec.name] : undefined;
        return typeof value === "string" || typeof value === "number" ? String(value).trim().split(/\s+/) : [];
      });
  const scheduled = (name: string) => SCHEDULE_SLOTS.some((slot) => slot === name);
  const words = [...wordsOf((name) => !scheduled(name)), ...wordsOf((name) => name === "time")];
  const tail = wordsOf((name) => name === "zone" || name === "rhythm");
  const { before, time, after } = split(digest, words, tail);
  const own = parseArgs(digest.args ?? [], before.join(" "));
  if (!own.ok) return { kind: "problem", problem: own.problem };
  if (own.missing) return { kind: "missing", arg: own.missing.name };
  const args: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(own.args)) if (typeof value !== "object") args[name] = value;
  const { zone, rhythm } = zoneAndRhythm(after);
  if (rhythm !== undefined && parseRhythm(rhythm) === undefined) {
    return { kind: "problem", problem: problem("parley-bad-rhythm", { rhythm }) };
  }
  if (time === undefined) return { kind: "missing", arg: "time" };
  return { kind: "ready", digest, args, time, ...(zone ? { zone } : {}), ...(rhythm ? { rhythm } : {}) };
}
