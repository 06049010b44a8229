/**
 * Forms on Discord: several missing arguments asked in one modal, a text
 * input each. The form's custom_id names the question it answers and the
 * arguments it asks, so the "Answer" button under a form can open it again
 * without reading anything stored; the pending question decides what a
 * submission is worth.
 */
import type { APIModalInteractionResponseCallbackData } from "discord-api-types/v10";
import type { FormTexts } from "../../core/help.ts";
import { clip, type FormRef, MAX_FORM_FIELDS } from "../../core/reply.ts";
import { ComponentType, TextInputStyle } from "./wire.ts";

const CUSTOM_ID_LIMIT = 100;
const TITLE_LIMIT = 45;
const LABEL_LIMIT = 45;
const DESCRIPTION_LIMIT = 100;

const NAME = "[A-Za-z0-9_-]{1,32}";
const FORM_ID = new RegExp(
  `^form:([0-9a-z]{1,12}):(${NAME}):((?:${NAME})?):(${NAME}(?:,${NAME}){1,${MAX_FORM_FIELDS - 1}})$`,
);

/** `form:<question id>:<intent>:<subcommand>:<argument>,<argument>…`; undefined when it would not fit Discord's 100. */
export function formCustomId(form: FormRef): string | undefined {
  const id = `form:${form.id}:${form.intent}:${form.subcommand ?? ""}:${form.fields.join(",")}`;
  return id.length <= CUSTOM_ID_LIMIT && FORM_ID.test(id) ? id : undefined;
}

/** A form's custom_id read back; undefined for any other. */
export function readFormId(customId: string): FormRef | undefined {
  const match = FORM_ID.exec(customId);
  if (!match) return undefined;
  const [, id = "", intent = "", subcommand = "", fields = ""] = match;
  return { id, intent, ...(subcommand ? { subcommand } : {}), fields: fields.split(",") };
}

/** The modal of a form: a labelled short text input per argument, each required (the question shown in full below a shortened label). */
export function formModal(customId: string, texts: FormTexts): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: clip(texts.title, TITLE_LIMIT),
    components: texts.fields.map((field) => ({
      type: ComponentType.Label,
      label: clip(field.label, LABEL_LIMIT),
      ...(field.label.length > LABEL_LIMIT ? { description: clip(field.label, DESCRIPTION_LIMIT) } : {}),
      component: { type: ComponentType.TextInput, custom_id: field.name, style: TextInputStyle.Short, required: true },
    })),
  };
}
