/**
 * Forms (modals) as Discord shows them: a type 9 answer read into the form
 * the page draws, and what its submission carries back: Label-wrapped
 * text inputs and string selects, and text displays.
 */
import { type APIMessageInteractionMetadata, ComponentType, InteractionType } from "discord-api-types/v10";
import { z } from "zod";
import { discordMarkdown } from "../markup.ts";
import { NotAllowed } from "../platform.ts";
import type { FormView } from "../protocol.ts";
import { StringSelect } from "./channel.ts";

const FormData = z.object({
  custom_id: z.string().min(1).max(100),
  title: z.string().min(1).max(45),
  components: z
    .array(
      z.union([
        z.object({ type: z.literal(ComponentType.TextDisplay), content: z.string() }),
        z.object({
          type: z.literal(ComponentType.Label),
          label: z.string().max(45),
          component: z.discriminatedUnion("type", [
            z.object({
              type: z.literal(ComponentType.TextInput),
              custom_id: z.string().min(1).max(100),
              required: z.boolean().default(true),
            }),
            StringSelect.extend({ required: z.boolean().default(true) }),
          ]),
        }),
      ]),
    )
    .min(1)
    .max(5),
});

/** The interaction that opened a form: a command or a button (a form cannot answer a form). */
export type Trigger = Exclude<APIMessageInteractionMetadata, { type: InteractionType.ModalSubmit }>;

/** An open form, and what its submission carries. */
export interface OpenForm {
  readonly id: string;
  readonly customId: string;
  /** The custom ids of its fields, in order, and which are selects. */
  readonly fields: readonly { readonly id: string; readonly select: boolean }[];
  readonly required: ReadonlySet<string>;
  /** The message whose button opened it, which the submission carries. */
  readonly messageId?: string;
  readonly trigger: Trigger;
}

function plain(markdown: string): string {
  return discordMarkdown(markdown)
    .map((span) => span.text)
    .join("");
}

/** The form of a type 9 answer to `trigger`, or why Discord would not show it. */
export function readForm(
  data: unknown,
  trigger: APIMessageInteractionMetadata,
  messageId: string | undefined,
): { form: OpenForm; view: FormView } | string {
  const parsed = FormData.safeParse(data);
  if (!parsed.success) return "the form is not one Discord can show";
  if (trigger.type === InteractionType.ModalSubmit) return "a form cannot answer a form";
  const { components } = parsed.data;
  const labels = components.flatMap((entry) => (entry.type === ComponentType.Label ? [entry] : []));
  const text = components.flatMap((entry) => (entry.type === ComponentType.TextDisplay ? [plain(entry.content)] : []));
  const form: OpenForm = {
    id: trigger.id,
    customId: parsed.data.custom_id,
    fields: labels.map((label) => ({
      id: label.component.custom_id,
      select: label.component.type === ComponentType.StringSelect,
    })),
    required: new Set(labels.filter((label) => label.component.required).map((label) => label.component.custom_id)),
    trigger,
    ...(messageId ? { messageId } : {}),
  };
  const view: FormView = {
    id: form.id,
    title: parsed.data.title,
    fields: labels.map((label) => ({
      id: label.component.custom_id,
      label: label.label,
      ...(label.component.type === ComponentType.StringSelect
        ? { options: label.component.options.map((option) => ({ value: option.value, label: option.label })) }
        : {}),
    })),
    ...(text.length ? { text: text.join("\n") } : {}),
  };
  return { form, view };
}

/** The submitted values in the form's order; Discord refuses to send a required field empty. */
export function filledIn(
  form: OpenForm,
  values: Readonly<Record<string, string>>,
): { id: string; value: string; select: boolean }[] {
  const fields = form.fields.map(({ id, select }) => ({ id, select, value: values[id]?.trim() ?? "" }));
  if (fields.some((field) => field.value === "" && form.required.has(field.id))) {
    throw new NotAllowed("Discord requires an answer in every required field");
  }
  return fields;
}
