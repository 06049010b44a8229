/**
 * A conversation as terminal lines: what the bot sends (bold and italic as
 * ANSI styles on a terminal, plain in a pipe), its files as name, size and
 * URL, its reactions, its buttons and drop-down options numbered so that
 * `#2` presses (or picks) the second, forms it opens (their fields asked in
 * turn), its "typing…", and the emulator's notes. Each message is
 * printed once, and again only when it changes ("(edited)" when the bot
 * edited it). A message action names its message by counting back from the
 * newest (1 is the newest, Ada's own included, the emulator's notes not).
 */
import type { ChatFile, ChatMessage, ChatView, FormView, Span } from "./protocol.ts";

const STYLES = {
  bold: ["\x1b[1m", "\x1b[22m"],
  italic: ["\x1b[3m", "\x1b[23m"],
  code: ["\x1b[36m", "\x1b[39m"],
} as const;

function styled(span: Span, ansi: boolean): string {
  let text = span.text;
  if (ansi) {
    for (const style of ["code", "italic", "bold"] as const) {
      if (span[style]) text = `${STYLES[style][0]}${text}${STYLES[style][1]}`;
    }
  }
  return span.link && span.link !== span.text ? `${text} <${span.link}>` : text;
}

/** "receipt.png (1.2 KB) http://127.0.0.1:8787/dev/files/f1/receipt.png" */
function fileLine(file: ChatFile, base: string): string {
  const size = file.size < 1024 ? `${file.size} B` : `${(file.size / 1024).toFixed(1)} KB`;
  return `  [file] ${file.name} (${size}) ${base}${file.url}`;
}

/** A numbered choice: a button to press, or an option of a select to pick. */
type Choice =
  | { readonly kind: "press"; readonly label: string; readonly buttonId: string }
  | { readonly kind: "pick"; readonly label: string; readonly selectId: string; readonly value: string };

function choicesOf(message: ChatMessage): Choice[] {
  return [
    ...message.buttons.flat().map((button) => ({ kind: "press" as const, label: button.label, buttonId: button.id })),
    ...(message.selects ?? []).flatMap((select) =>
      select.options.map((option) => ({
        kind: "pick" as const,
        label: option.label,
        selectId: select.id,
        value: option.value,
      })),
    ),
  ];
}

/** The prompt for a form's field: its label, and a select's options numbered. */
export function fieldPrompt(form: FormView, index: number): string {
  const field = form.fields[index];
  if (!field) return "";
  const options = field.options?.map((option, n) => `[${n + 1} ${option.label}]`).join(" ");
  return `  [form] ${form.title} · ${field.label}${options ? `: ${options}` : ""}`;
}

/** What a line given to an open form is: the next field's prompt, the values to submit, or why it is no answer. */
export type FormStep = { readonly prompt: string } | { readonly values: Readonly<Record<string, string>> } | string;

/** A form's fields answered in turn, a line each; a number picks a drop-down's option. */
export class FormAnswers {
  private formId = "";
  private values: Record<string, string> = {};

  answer(form: FormView, line: string): FormStep {
    if (this.formId !== form.id) {
      this.formId = form.id;
      this.values = {};
    }
    const index = Object.keys(this.values).length;
    const field = form.fields[index];
    if (!field) return "The form has no more fields";
    const option = field.options
      ? (field.options[Number(line) - 1] ?? field.options.find((o) => o.value === line))
      : undefined;
    if (field.options && !option) return `Choose 1 to ${field.options.length}`;
    this.values[field.id] = option?.value ?? line;
    if (index + 1 < form.fields.length) return { prompt: fieldPrompt(form, index + 1) };
    // A form the bot keeps open after this submission (Slack's errors) is answered again from its first field.
    const values = this.values;
    this.values = {};
    return { values };
  }
}

/** The message `n` back from the newest and the action labelled `label` on it, or why there is none. */
export function messageActionOn(
  view: ChatView,
  n: number,
  label: string,
): { readonly messageId: string; readonly actionId: string } | string {
  const action = view.messageActions.find((candidate) => candidate.label.toLowerCase() === label.toLowerCase());
  if (!action) {
    const offered = view.messageActions.map((candidate) => candidate.label).join(", ");
    return offered ? `Messages offer: ${offered}` : `Messages have no actions on ${view.platform}`;
  }
  const messages = view.messages.filter((message) => message.from !== "note");
  const message = Number.isInteger(n) && n >= 1 ? messages[messages.length - n] : undefined;
  if (!message) return `There is no message ${n} back`;
  return { messageId: message.id, actionId: action.id };
}

export class TerminalView {
  private readonly ansi: boolean;
  /** The page server's URL, which file URLs are relative to. */
  private readonly base: string;
  private workingShown = "";
  private readonly seen = new Map<string, number>();
  private formShown = "";
  /** The choices of the newest message that has any: its buttons, then each select's options, in the order they are numbered. */
  private choices: { messageId: string; choices: Choice[] } | undefined;

  constructor(ansi: boolean, base: string) {
    this.ansi = ansi;
    this.base = base;
  }

  /** Takes the messages already there as read, so that only what comes next is printed; their buttons stay pressable. */
  skip(view: ChatView): void {
    for (const message of view.messages) {
      this.seen.set(message.id, message.revision);
      const choices = choicesOf(message);
      if (choices.length > 0) this.choices = { messageId: message.id, choices };
    }
    if (view.form) this.formShown = view.form.id;
  }

  /** The lines to print for what changed in the view (Ada's own messages are not repeated). */
  update(view: ChatView): string[] {
    const lines: string[] = [];
    for (const message of view.messages) {
      const seen = this.seen.get(message.id);
      if (seen === message.revision) continue;
      this.seen.set(message.id, message.revision);
      if (message.from !== "user") lines.push(...this.lines(message));
    }
    if (view.working && view.working !== this.workingShown) lines.push(`  (${view.working})`);
    this.workingShown = view.working ?? "";
    if (view.form && view.form.id !== this.formShown) {
      this.formShown = view.form.id;
      if (view.form.text) lines.push(`  [form] ${view.form.text}`);
      lines.push(fieldPrompt(view.form, 0));
    }
    return lines;
  }

  /** Choice `n` (from 1) of the newest message with choices, and that message's id, if there is one. */
  choice(n: number): { messageId: string; choice: Choice } | undefined {
    const choice = this.choices?.choices[n - 1];
    return this.choices && choice ? { messageId: this.choices.messageId, choice } : undefined;
  }

  private lines(message: ChatMessage): string[] {
    if (message.from === "note") return [`  (${message.spans.map((span) => span.text).join("")})`];
    const marks = [message.edited ? "edited" : "", message.private ? "only you see this" : ""].filter(Boolean);
    const who = `bot${marks.length ? ` (${marks.join(", ")})` : ""}: `;
    if (message.thinking) return [`${who}… thinking`];
    const text = message.spans.map((span) => styled(span, this.ansi)).join("");
    const lines = `${who}${text}`.split("\n");
    lines.push(...(message.files ?? []).map((file) => fileLine(file, this.base)));
    if (message.reactions?.length) lines.push(`  [reactions] ${message.reactions.join(" ")}`);
    const choices = choicesOf(message);
    if (choices.length > 0) {
      this.choices = { messageId: message.id, choices };
      lines.push(`  ${choices.map((choice, index) => `[#${index + 1} ${choice.label}]`).join(" ")}`);
    }
    return lines;
  }
}
