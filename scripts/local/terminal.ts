/**
 * A conversation as terminal lines: what the bot sends (bold and italic as
 * ANSI styles on a terminal, plain in a pipe), its files as name, size and
 * URL, its reactions, its buttons numbered so that `#2` presses the second,
 * forms it opens, its "typing…", and the emulator's notes. Each message is
 * printed once, and again only when it changes ("(edited)" when the bot
 * edited it).
 */
import type { ChatButton, ChatFile, ChatMessage, ChatView, Span } from "./protocol.ts";

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

export class TerminalView {
  private readonly ansi: boolean;
  /** The page server's URL, which file URLs are relative to. */
  private readonly base: string;
  private workingShown = "";
  private readonly seen = new Map<string, number>();
  private formShown = "";
  /** The buttons of the newest message that has any, in the order they are numbered. */
  private buttons: { messageId: string; buttons: ChatButton[] } | undefined;

  constructor(ansi: boolean, base: string) {
    this.ansi = ansi;
    this.base = base;
  }

  /** Takes the messages already there as read, so that only what comes next is printed; their buttons stay pressable. */
  skip(view: ChatView): void {
    for (const message of view.messages) {
      this.seen.set(message.id, message.revision);
      if (message.buttons.length > 0) this.buttons = { messageId: message.id, buttons: message.buttons.flat() };
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
      const fields = view.form.fields.map((field) => field.label).join(", ");
      lines.push(`  [form] ${view.form.title} (${fields}): type your answer`);
    }
    return lines;
  }

  /** The message id and button id of button `n` (from 1), if there is one. */
  button(n: number): { messageId: string; buttonId: string } | undefined {
    const button = this.buttons?.buttons[n - 1];
    return this.buttons && button ? { messageId: this.buttons.messageId, buttonId: button.id } : undefined;
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
    const buttons = message.buttons.flat();
    if (buttons.length > 0) {
      this.buttons = { messageId: message.id, buttons };
      lines.push(`  ${buttons.map((button, index) => `[#${index + 1} ${button.label}]`).join(" ")}`);
    }
    return lines;
  }
}
