/**
 * The bot's intents as the model's tools: one tool per intent, or per
 * subcommand (`todo-add`: a hyphen, which no command name has, so no two
 * tools share a name), its JSON Schema made from the argument specs (type,
 * description, required unless optional). A call the model makes is
 * checked with zod against the same specs and becomes the command the user
 * would have typed; the router checks it again like any other, and asks
 * for what is missing.
 */
import * as z from "zod";
import { argDescription, intentDescription, subcommandDescription } from "../core/help.ts";
import type { ArgSpec, Bot, Intent, Subcommand } from "../core/intent.ts";
import { wordTargets } from "../core/understanding.ts";
import type { CommandInvocation } from "../core/update.ts";
import { emptyRecord } from "../lib/own.ts";
import type { Tool, ToolCall, ToolParameters } from "./model.ts";

interface Target {
  readonly tool: Tool;
  readonly intent: Intent;
  readonly subcommand?: Subcommand;
  readonly args: z.ZodType<Record<string, string | number | null | undefined>>;
}

/** A number may come as JSON text ("3"): models often write every value as a string. */
const NUMBER_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;
const WHOLE_TEXT = /^\s*-?\d+\s*$/;

/** The arguments a model can fill: a file is attached to the message, never typed, and the router takes it from there. */
function typedSpecs(intent: Intent, subcommand: Subcommand | undefined): (ArgSpec & { type: TypedArg })[] {
  const specs = (subcommand ? subcommand.args : intent.args) ?? [];
  return specs.filter((spec): spec is ArgSpec & { type: TypedArg } => spec.type !== "file");
}

type TypedArg = Exclude<ArgSpec["type"], "file">;

function valueSchema(spec: ArgSpec & { type: TypedArg }): z.ZodType<string | number> {
  switch (spec.type) {
    case "string":
      return z.string();
    case "integer":
      return z.union([z.number().int(), z.string().regex(WHOLE_TEXT).transform(Number)]);
    case "number":
      return z.union([z.number(), z.string().regex(NUMBER_TEXT).transform(Number)]);
  }
}

function parametersOf(bot: Bot, intent: Intent, subcommand: Subcommand | undefined): ToolParameters {
  const specs = typedSpecs(intent, subcommand);
  const locale = bot.defaultLocale;
  return {
    type: "object",
    properties: Object.fromEntries(
      specs.map((spec) => {
        const examples = spec.examples?.length ? ` (for example ${spec.examples.slice(0, 3).join(", ")})` : "";
        const description = `${argDescription(bot, locale, intent, subcommand, spec)}${examples}`;
        return [spec.name, { type: spec.type, description }];
      }),
    ),
    required: specs.filter((spec) => !spec.optional).map((spec) => spec.name),
  };
}

function targetOf(bot: Bot, intent: Intent, subcommand?: Subcommand): Target {
  const specs = typedSpecs(intent, subcommand);
  const locale = bot.defaultLocale;
  return {
    tool: {
      name: subcommand ? `${intent.command}-${subcommand.name}` : intent.command,
      description: subcommand
        ? subcommandDescription(bot, locale, intent, subcommand)
        : intentDescription(bot, locale, intent),
      parameters: parametersOf(bot, intent, subcommand),
    },
    intent,
    ...(subcommand ? { subcommand } : {}),
    // Every argument may be left out here: the router asks for a missing one, as for a typed command.
    args: z.strictObject(Object.fromEntries(specs.map((spec) => [spec.name, valueSchema(spec).nullish()]))),
  };
}

const targets = new WeakMap<Bot, ReadonlyMap<string, Target>>();

/** The bot's tools by name, made once per bot and isolate. */
function targetsOf(bot: Bot): ReadonlyMap<string, Target> {
  let byName = targets.get(bot);
  if (!byName) {
    const list = wordTargets(bot).map(({ intent, subcommand }) => targetOf(bot, intent, subcommand));
    byName = new Map(list.map((target) => [target.tool.name, target]));
    targets.set(bot, byName);
  }
  return byName;
}

export function toolsOf(bot: Bot): Tool[] {
  return [...targetsOf(bot).values()].map((target) => target.tool);
}

/**
 * The command a tool call stands for, or undefined for a tool the bot does
 * not have or arguments its schema refuses. Values left empty are left out.
 */
export function commandOf(bot: Bot, call: ToolCall): CommandInvocation | undefined {
  const target = targetsOf(bot).get(call.name);
  if (!target) return undefined;
  const parsed = target.args.safeParse(call.arguments ?? {});
  if (!parsed.success) return undefined;
  const options = emptyRecord<string | number>();
  for (const [name, value] of Object.entries(parsed.data)) {
    if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) continue;
    options[name] = value;
  }
  return {
    name: target.intent.command,
    text: "",
    options,
    ...(target.subcommand ? { subcommand: target.subcommand.name } : {}),
  };
}
