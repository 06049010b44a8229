/**
 * Forms on Slack: several missing arguments asked in one modal, opened with
 * `views.open` and the trigger of the slash command or button press that
 * led to the question, an input block per argument. The modal's
 * private_metadata says where the answer goes and which question it answers;
 * what the submission is worth is decided by the pending question in D1,
 * never by the metadata. A bad value is shown at its field
 * (`response_action: errors`) and the modal stays open; a good one closes it
 * and the answer goes to the conversation.
 */
import * as z from "zod";
import { formTexts } from "../../core/help.ts";
import { replyTexts } from "../../core/i18n.ts";
import { clip, plainText, type Reply } from "../../core/reply.ts";
import type { Update } from "../../core/update.ts";
import { emptyRecord } from "../../lib/own.ts";
import { describeError, log } from "../../log.ts";
import type { AdapterEnv } from "../adapter.ts";
import { PlatformError } from "../errors.ts";
import { callApi } from "./api.ts";
import { readRoute } from "./route.ts";

/** The callback_id of Parley's form modals; other views' submissions are not Parley's. */
export const FORM_CALLBACK = "parley_form";

/** Each input block is named after its argument and holds one input of this action_id. */
const INPUT_ACTION = "value";

/** Slack's limits: a modal's title and submit label, an input's label. */
const TITLE_LIMIT = 24;
const SUBMIT_LIMIT = 24;
const LABEL_LIMIT = 2000;

/** What a form carries to its submission: the question it answers and where the conversation is. */
export const FormMetadata = z.object({
  form: z.string().regex(/^[0-9a-z]{1,12}$/),
  channel: z.string().regex(/^[A-Z0-9]{1,40}$/),
  thread: z
    .string()
    .regex(/^\d{1,12}\.\d{1,8}$/)
    .optional(),
  responseUrl: z.url().optional(),
});
export type FormMetadata = z.infer<typeof FormMetadata>;

/** A submitted modal's state: a value per action, per block. */
export const ViewState = z.object({
  values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
});

/** The typed values by argument (block), as the user typed them. */
export function submittedValues(state: z.infer<typeof ViewState>): Record<string, string> {
  const values = emptyRecord<string>();
  for (const [block, actions] of Object.entries(state.values)) {
    const value = Object.hasOwn(actions, INPUT_ACTION) ? actions[INPUT_ACTION]?.value : undefined;
    if (typeof value === "string") values[block] = value;
  }
  return values;
}

const plain = (text: string) => ({ type: "plain_text", text }) as const;

/** Whether `reply` is a form this update can open as a modal: only with a trigger, from a command or a press. */
export function opensForm(update: Update, reply: Reply): boolean {
  const { source } = readRoute(update);
  return (
    reply.form !== undefined &&
    reply.asks === true &&
    update.route.trigger !== undefined &&
    (source === "command" || source === "action")
  );
}

/**
 * Opens the reply's form with the update's trigger; false when it cannot be
 * opened (a trigger past its three seconds, a form the bot no longer has),
 * and the question is then sent as a message, to be answered in turn.
 */
export async function openForm(update: Update, reply: Reply, env: AdapterEnv): Promise<boolean> {
  const locale = reply.locale ?? env.bot.defaultLocale;
  const texts = reply.form && formTexts(env.bot, locale, reply.form);
  if (!reply.form || !texts) return false;
  const { channel, thread, responseUrl } = readRoute(update);
  const metadata: FormMetadata = {
    form: reply.form.id,
    channel,
    ...(thread === undefined ? {} : { thread }),
    ...(responseUrl === undefined ? {} : { responseUrl }),
  };
  const view = {
    type: "modal",
    callback_id: FORM_CALLBACK,
    title: plain(clip(texts.title, TITLE_LIMIT)),
    submit: plain(clip(replyTexts(env.bot, locale).answerButton, SUBMIT_LIMIT)),
    private_metadata: JSON.stringify(metadata),
    blocks: texts.fields.map((field) => ({
      type: "input",
      block_id: field.name,
      label: plain(clip(field.label, LABEL_LIMIT)),
      element: { type: "plain_text_input", action_id: INPUT_ACTION },
    })),
  };
  try {
    await callApi(env, "views.open", { trigger_id: update.route.trigger, view });
    return true;
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    log("info", "slack_form_not_opened", { bot: update.bot, eventId: update.eventId, error: describeError(error) });
    return false;
  }
}

/**
 * The answer to a form's submission when its one reply corrects a value:
 * the correction at that field (at the first when it names none of them),
 * and the modal stays open. Anything else closes the modal (undefined).
 */
export function formErrors(update: Update, replies: readonly Reply[]): Response | undefined {
  const [reply, ...others] = replies;
  if (reply?.field === undefined || others.length > 0 || !update.form) return undefined;
  const fields = Object.keys(update.form.values);
  const block = fields.includes(reply.field) ? reply.field : fields[0];
  if (block === undefined) return undefined;
  return Response.json({ response_action: "errors", errors: { [block]: plainText(reply.text) } });
}
