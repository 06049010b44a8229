/**
 * Slack modals: `views.open` with a trigger id Slack handed out moments
 * before (a slash command, a block action or a shortcut; three seconds, and
 * once), read into the form the page draws, and the `view_submission`
 * payload its submission carries, with each input's value in
 * `view.state.values[block_id][action_id]`.
 */
import { z } from "zod";
import type { FormView } from "../protocol.ts";
import { StaticSelect } from "./messages.ts";

/** How long a trigger id may open a modal, and that it may only once. */
const TRIGGER_MS = 3000;

const PlainText = z.object({ type: z.literal("plain_text"), text: z.string().min(1) });

const Input = z.object({
  type: z.literal("input"),
  block_id: z.string().optional(),
  label: PlainText,
  optional: z.boolean().default(false),
  element: z.discriminatedUnion("type", [
    z.object({ type: z.literal("plain_text_input"), action_id: z.string().min(1), multiline: z.boolean().optional() }),
    StaticSelect,
  ]),
});

const Section = z.object({ type: z.literal("section"), text: z.object({ type: z.string(), text: z.string() }) });

const ModalView = z.object({
  type: z.literal("modal"),
  callback_id: z.string().max(255).default(""),
  title: PlainText.extend({ text: z.string().min(1).max(24) }),
  submit: PlainText.optional(),
  close: PlainText.optional(),
  private_metadata: z.string().max(3000).default(""),
  blocks: z
    .array(z.discriminatedUnion("type", [Input, Section]))
    .min(1)
    .max(100),
});

type ModalView = z.infer<typeof ModalView>;

export interface OpenView {
  readonly id: string;
  readonly view: ModalView;
  readonly inputs: readonly { blockId: string; actionId: string; type: string; optional: boolean }[];
}

export class SlackViews {
  /** Trigger ids handed out, with when. */
  private readonly triggers = new Map<string, number>();
  private next = 1;
  open: OpenView | undefined;

  handedOut(triggerId: string): void {
    this.triggers.set(triggerId, Date.now());
  }

  /** `views.open`: the view shown, or Slack's error name. */
  openView(triggerId: string, payload: unknown): { open: OpenView; form: FormView } | string {
    const at = this.triggers.get(triggerId);
    if (at === undefined) return "invalid_trigger_id";
    if (Date.now() - at > TRIGGER_MS) return "expired_trigger_id";
    const parsed = ModalView.safeParse(payload);
    if (!parsed.success) return "invalid_arguments";
    this.triggers.delete(triggerId);
    const view = parsed.data;
    const inputs = view.blocks.flatMap((block, index) =>
      block.type === "input"
        ? [
            {
              blockId: block.block_id ?? `block-${index}`,
              actionId: block.element.action_id,
              type: block.element.type,
              optional: block.optional,
            },
          ]
        : [],
    );
    const open = { id: `V0LOCAL${this.next++}`, view, inputs };
    this.open = open;
    const text = view.blocks.flatMap((block) => (block.type === "section" ? [block.text.text] : []));
    const form: FormView = {
      id: open.id,
      title: view.title.text,
      ...(text.length ? { text: text.join("\n") } : {}),
      ...(view.submit ? { submit: view.submit.text } : {}),
      fields: view.blocks.flatMap((block, index) =>
        block.type === "input"
          ? [
              {
                id: `${block.block_id ?? `block-${index}`}/${block.element.action_id}`,
                label: block.label.text,
                ...(block.element.type === "static_select"
                  ? {
                      options: block.element.options.map((option) => ({
                        value: option.value,
                        label: option.text.text,
                      })),
                    }
                  : {}),
              },
            ]
          : [],
      ),
    };
    return { open, form };
  }

  /** The view's `state.values` for the values typed, or why Slack would not submit. */
  state(open: OpenView, values: Readonly<Record<string, string>>): Record<string, Record<string, unknown>> | string {
    const state: Record<string, Record<string, unknown>> = {};
    for (const input of open.inputs) {
      const value = values[`${input.blockId}/${input.actionId}`]?.trim() ?? "";
      if (value === "" && !input.optional) return "Slack requires an answer in every field not marked optional";
      const element = open.view.blocks.find(
        (block) => block.type === "input" && block.element.action_id === input.actionId,
      );
      const option =
        element?.type === "input" && element.element.type === "static_select"
          ? element.element.options.find((candidate) => candidate.value === value)
          : undefined;
      state[input.blockId] = {
        [input.actionId]:
          input.type === "static_select"
            ? { type: "static_select", selected_option: option ? { text: option.text, value: option.value } : null }
            : { type: "plain_text_input", value: value === "" ? null : value },
      };
    }
    return state;
  }
}
