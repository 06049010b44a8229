/**
 * Argument parsing for commands typed as text (`/rate usd eur 10`) and for
 * typed options (Discord). Both end as one `ArgMap`, checked against the
 * intent's `ArgSpec`s. A `file` argument is never typed: it takes the next
 * of the files the message came with.
 */
import { emptyRecord, own } from "../lib/own.ts";
import { type ArgMap, matchChoice } from "./dialog.ts";
import { acceptsMime } from "./files.ts";
import type { ArgSpec, Suggestion } from "./intent.ts";
import { quote } from "./reply.ts";
import type { Attachment } from "./update.ts";

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

/** The fixed choices of an argument, each with its label; none when it takes any value or its list is suggested. */
export function staticChoices(spec: ArgSpec): readonly Suggestion[] {
  if (!Array.isArray(spec.choices)) return [];
  return spec.choices.map((choice: string | Suggestion) =>
    typeof choice === "string" ? { label: choice, value: choice } : choice,
  );
}

/** `value` as one of `choices` (in the choice's own spelling), or the problem that it is none of them. */
export function checkChoice(
  name: string,
  choices: readonly string[],
  value: string | number,
): { value: string } | { problem: Problem } {
  const chosen = matchChoice(choices, String(value));
  return chosen === undefined
    ? {
        problem: problem("parley-arg-not-a-choice", { name, value: quote(String(value)), choices: choices.join(", ") }),
      }
    : { value: chosen };
}

/** Converts one raw value to the spec's type (one of its choices, when it has them), or says why it cannot. */
function convertArg(spec: ArgSpec, raw: string | number): { value: string | number } | { problem: Problem } {
  const choices = staticChoices(spec).map((choice) => choice.value);
  if (choices.length === 0) return convertType(spec, raw);
  const chosen = checkChoice(spec.name, choices, raw);
  return "problem" in chosen ? chosen : convertType(spec, chosen.value);
}

function convertType(spec: ArgSpec, raw: string | number): { value: string | number } | { problem: Problem } {
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
export function parseArgs(
  specs: readonly ArgSpec[],
  text: string,
  given: ArgMap = {},
  files: readonly Attachment[] = [],
): ArgsResult {
  let rest = text.trim();
  const raw: Record<string, string | number> = {};
  for (const spec of specs) {
    if (Object.hasOwn(given, spec.name) || spec.type === "file") continue;
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
  return checkArgs(specs, { ...given, ...raw }, files);
}

function isAttachment(value: ArgMap[string] | undefined): value is Attachment {
  return typeof value === "object";
}

/** A file argument's value: one kept from earlier, else the next of the message's files. */
function fileArg(kept: ArgMap[string] | undefined, files: Attachment[]): Attachment | undefined {
  if (isAttachment(kept)) return kept;
  return files.shift();
}

/** Whether `spec` takes `file`; a clear problem when it does not. */
function checkFile(spec: ArgSpec, file: Attachment): Problem | undefined {
  if (!spec.accept || acceptsMime(spec.accept, file.mime)) return undefined;
  return problem("parley-file-type", { name: file.name, mime: file.mime, accepted: spec.accept.join(", ") });
}

/**
 * Checks and converts already separated values (typed options, a dialog
 * answer), and gives `file` arguments the message's `files` in order. Only
 * the values' own keys count, and the arguments come back without a
 * prototype, so that an argument nobody gave is absent whatever its name
 * (`constructor` included). Once an argument is missing (to be asked for),
 * the files of later ones are still taken, so that the question keeps them.
 */
export function checkArgs(specs: readonly ArgSpec[], values: ArgMap, files: readonly Attachment[] = []): ArgsResult {
  const args = emptyRecord<string | number | Attachment>();
  const unused = [...files];
  let missing: ArgSpec | undefined;
  for (const spec of specs) {
    const given = own(values, spec.name);
    if (spec.type === "file") {
      const file = fileArg(given, unused);
      if (file === undefined) {
        if (spec.optional || missing) continue;
        if (!spec.ask) return { ok: false, problem: problem("parley-arg-missing", { name: spec.name }) };
        missing = spec;
        continue;
      }
      const refused = checkFile(spec, file);
      if (refused) return { ok: false, problem: refused };
      args[spec.name] = file;
      continue;
    }
    if (missing) continue;
    const raw = isAttachment(given) ? undefined : given;
    if (raw === undefined) {
      if (spec.optional) continue;
      if (!spec.ask) return { ok: false, problem: problem("parley-arg-missing", { name: spec.name }) };
      missing = spec;
      continue;
    }
    const converted = convertArg(spec, raw);
    if ("problem" in converted) return { ok: false, problem: converted.problem };
    args[spec.name] = converted.value;
  }
  return missing ? { ok: true, args, missing } : { ok: true, args };
}

/** Whether a form's text field can ask for `spec`: a typed value the bot asks for, with nothing to pick from. */
function typedInForm(spec: ArgSpec): boolean {
  return spec.ask !== undefined && !spec.optional && spec.type !== "file" && spec.choices === undefined;
}

/**
 * The arguments a form could ask at once, `missing` first: those still
 * missing from `args` that a text field can take (`ctx.ask` keeps the first
 * `MAX_FORM_FIELDS`). Fewer than two make no form: one question is asked as it is.
 */
export function formFields(specs: readonly ArgSpec[], args: ArgMap, missing: ArgSpec): string[] {
  if (!typedInForm(missing)) return [];
  const fields = specs
    .filter((spec) => spec === missing || (typedInForm(spec) && !Object.hasOwn(args, spec.name)))
    .map((spec) => spec.name);
  return fields.length > 1 ? fields : [];
}
