/**
 * `npm run chat` prints what the page shows: a file as its name, size and
 * URL, an edit marked "(edited)", reactions, "typing…", and select options
 * numbered after the buttons so that `#n` picks one, and `!action n name`
 * finds the message n back and the bot's action of that name; a form's
 * fields are answered a line each, and a form the bot keeps open after a
 * submission (Slack's errors) is answered again from its first field.
 *
 *   npx node --test test/scripts/terminal.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChatMessage, ChatView, FormView } from "../../scripts/local/protocol.ts";
import { FormAnswers, messageActionOn, TerminalView } from "../../scripts/local/terminal.ts";

function message(changes: Partial<ChatMessage>): ChatMessage {
  return { id: "1", revision: 1, from: "bot", spans: [{ text: "receipt" }], buttons: [], at: 0, ...changes };
}

function view(messages: ChatMessage[], changes: Partial<ChatView> = {}): ChatView {
  return { platform: "telegram", title: "Concierge", messages, commands: [], messageActions: [], ...changes };
}

test("a file prints as its name, size and URL; an edit prints again marked edited, with its reactions", () => {
  const terminal = new TerminalView(false, "http://127.0.0.1:8787");
  const file = { name: "receipt.png", mime: "image/png", size: 2048, url: "/dev/files/f1/receipt.png" };
  assert.deepEqual(terminal.update(view([message({ files: [file] })])), [
    "bot: receipt",
    "  [file] receipt.png (2.0 KB) http://127.0.0.1:8787/dev/files/f1/receipt.png",
  ]);
  const edited = message({ revision: 2, spans: [{ text: "kept" }], edited: true, reactions: ["👍"] });
  assert.deepEqual(terminal.update(view([edited])), ["bot (edited): kept", "  [reactions] 👍"]);
  assert.deepEqual(terminal.update(view([edited])), [], "nothing new, nothing printed");
});

test("typing shows once while it lasts", () => {
  const terminal = new TerminalView(false, "");
  assert.deepEqual(terminal.update(view([], { working: "Concierge is typing…" })), ["  (Concierge is typing…)"]);
  assert.deepEqual(terminal.update(view([], { working: "Concierge is typing…" })), []);
  assert.deepEqual(terminal.update(view([])), []);
});

test("select options are numbered after the buttons, and #n picks one", () => {
  const terminal = new TerminalView(false, "");
  const options = [
    { value: "morning", label: "Morning" },
    { value: "evening", label: "Evening" },
  ];
  const lines = terminal.update(
    view([
      message({
        buttons: [[{ id: "b", label: "Cancel" }]],
        selects: [{ id: "when", placeholder: "When?", options }],
      }),
    ]),
  );
  assert.deepEqual(lines, ["bot: receipt", "  [#1 Cancel] [#2 Morning] [#3 Evening]"]);
  assert.deepEqual(terminal.choice(3), {
    messageId: "1",
    choice: { kind: "pick", label: "Evening", selectId: "when", value: "evening" },
  });
  assert.deepEqual(terminal.choice(1)?.choice, { kind: "press", label: "Cancel", buttonId: "b" });
});

test("!action counts back from the newest message, past the emulator's notes, and names the bot's action", () => {
  const chat = view(
    [
      message({ id: "m1", from: "user", spans: [{ text: "water the plants" }] }),
      message({ id: "m2" }),
      message({ id: "n1", from: "note", spans: [{ text: "nothing was sent" }] }),
    ],
    { platform: "discord", messageActions: [{ id: "c1", label: "Remind me" }] },
  );
  assert.deepEqual(messageActionOn(chat, 2, "remind me"), { messageId: "m1", actionId: "c1" });
  assert.deepEqual(messageActionOn(chat, 1, "Remind me"), { messageId: "m2", actionId: "c1" });
  assert.equal(messageActionOn(chat, 3, "Remind me"), "There is no message 3 back");
  assert.equal(messageActionOn(chat, 1, "Pin"), "Messages offer: Remind me");
  assert.equal(messageActionOn(view([]), 1, "Remind me"), "Messages have no actions on telegram");
});

test("a form is answered a line each, and again from its first field when it stays open after a submission", () => {
  const form: FormView = {
    id: "v1",
    title: "Remind me",
    fields: [
      { id: "text", label: "What" },
      {
        id: "when",
        label: "When",
        options: [
          { value: "20m", label: "In 20 min" },
          { value: "1h", label: "In 1 hour" },
        ],
      },
    ],
  };
  const answers = new FormAnswers();
  assert.deepEqual(answers.answer(form, "tea"), { prompt: "  [form] Remind me · When: [1 In 20 min] [2 In 1 hour]" });
  assert.equal(answers.answer(form, "3"), "Choose 1 to 2");
  assert.deepEqual(answers.answer(form, "2"), { values: { text: "tea", when: "1h" } });
  // The bot refused the values and the form is still open: the next line answers its first field.
  assert.deepEqual(answers.answer(form, "green tea"), {
    prompt: "  [form] Remind me · When: [1 In 20 min] [2 In 1 hour]",
  });
  assert.deepEqual(answers.answer(form, "20m"), { values: { text: "green tea", when: "20m" } });
});
