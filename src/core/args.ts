/**
 * Argument parsing for commands typed as text (`/rate usd eur 10`) and for
 * typed options (Discord). Both end as one `ArgMap`, checked against the
 * intent's `ArgSpec`s.
 */
import { emptyRecord, own } from "../lib/own.ts";
import type { ArgMap } from "./dialog.ts";
import type { ArgSpec } from "./intent.ts";

/**
 * What is wrong with a command's arguments: one of Parley's messages
 * (`parley-arg-missing`) and its variables, shown in the user's language.
 */
export interface Problem {
  readonly message: string;
  readonly args: Readonly<Record<string, string>>;
}

export type ArgsResult =
  | { readonly ok: true; readonly args: ArgMap; readonly missing?: ArgSpec }
  | { readonly ok: false; readonly problem: Problem };

export function problem(message: string, args: Readonly<Record<string, string>> = {}): Problem {
  return { message, args };
}

/** Converts one raw value to the spec's type, or says why it cannot. */
export function convertArg(spec: ArgSpec, raw: string | number): { value: string | number } | { problem: Problem } {
  const name = { name: spec.name };
  if (spec.type === "string") {
    const value = String(raw).trim();
    return value === "" ? { problem: problem("parley-arg-empty", name) } : { value };
  }
  const text = String(raw).trim();
  const value = Number(text);
  if (text === "" || !Number.isFinite(value)) return { problem: problem("parley-arg-not-a-number", name) };
  if (spec.type === "integer" && !Number.isInteger(value)) return { problem: problem("parley-arg-not-whole", name) };
  return { value };
}

/**
 * Parses `text` into the specs' arguments, on top of `given` (arguments
 * gathered earlier). The first required argument still missing is returned
 * as `missing` when the spec says to ask for it.
 */
export function parseArgs(specs: readonly ArgSpec[], text: string, given: ArgMap = {}): ArgsResult {
  let rest = text.trim();
  const raw: Record<string, string | number> = {};
  for (const spec of specs) {
    if (Object.hasOwn(given, spec.name)) continue;
    if (rest === "") break;
    if (spec.rest) {
      raw[spec.name] = rest;
      rest = "";
      break;
    }
    const match = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    if (!match) break;
    raw[spec.name] = match[1] as string;
    rest = match[2] as string;
  }
  if (rest !== "") return { ok: false, problem: problem("parley-too-many-args") };
  return checkArgs(specs, { ...given, ...raw });
}

/**
 * Checks and converts already separated values (typed options, a dialog
 * answer). Only the values' own keys count, and the arguments come back
 * without a prototype, so that an argument nobody gave is absent whatever
 * its name (`constructor` included).
 */
export function checkArgs(specs: readonly ArgSpec[], values: Readonly<Record<string, string | number>>): ArgsResult {
  const args = emptyRecord<string | number>();
  for (const spec of specs) {
    const raw = own(values, spec.name);
    if (raw === undefined) {
      if (spec.optional) continue;
      if (spec.ask) return { ok: true, args, missing: spec };
      return { ok: false, problem: problem("parley-arg-missing", { name: spec.name }) };
    }
    const converted = convertArg(spec, raw);
    if ("problem" in converted) return { ok: false, problem: converted.problem };
    args[spec.name] = converted.value;
  }
  return { ok: true, args };
}
