/** /todo add|list|done: a to-do list per user, saved with each reply. */
import type { Context } from "../../../src/core/context.ts";
import { UserError } from "../../../src/core/errors.ts";
import { defineIntent, defineSubcommand } from "../../../src/core/intent.ts";
import { bold, buttonRows, italic } from "../../../src/core/reply.ts";
import { plural } from "../format.ts";
import { MAX_TODO_LENGTH, MAX_TODOS, readTodos, writeTodos } from "../todos.ts";

const add = defineSubcommand({
  name: "add",
  description: "Add an item to your to-do list",
  args: [
    { name: "text", type: "string", rest: true, description: "What to do", ask: "What should I add to your list?" },
  ],
  run(ctx) {
    // One line per item, so the numbered list stays readable.
    const text = ctx.args.text.replace(/\s+/g, " ").trim();
    if ([...text].length > MAX_TODO_LENGTH) {
      throw new UserError(`That is too long for one item: please keep it under ${MAX_TODO_LENGTH} characters.`);
    }
    const todos = readTodos(ctx.user.data);
    if (todos.length >= MAX_TODOS) {
      throw new UserError(`Your list is full (${MAX_TODOS} items). Tick something off first with /todo done <n>.`);
    }
    todos.push(text);
    writeTodos(ctx.user.data, todos);
    ctx.reply(["Added ", bold(text), ` as item ${todos.length}.`]);
  },
});

function showList(ctx: Context): void {
  const todos = readTodos(ctx.user.data);
  if (todos.length === 0) {
    ctx.reply("Your to-do list is empty. Add something with /todo add <text>, e.g. /todo add buy milk.");
    return;
  }
  const buttons = todos.map((_, index) => ({ label: `✓ ${index + 1}`, value: `/todo done ${index + 1}` }));
  ctx.reply(
    [
      bold(`Your to-do list (${plural(todos.length, "item")})`),
      ...todos.map((text, index) => `\n${index + 1}. ${text}`),
      "\n\n",
      italic("Press ✓ or send /todo done <n> when an item is done."),
    ],
    { buttons: buttonRows(buttons) },
  );
}

const list = defineSubcommand({
  name: "list",
  description: "Show your to-do list",
  run: showList,
});

const done = defineSubcommand({
  name: "done",
  description: "Tick off item n of your list",
  args: [{ name: "n", type: "integer", description: "The item's number, as in /todo list" }],
  run(ctx) {
    const todos = readTodos(ctx.user.data);
    const n = ctx.args.n;
    if (todos.length === 0) throw new UserError("Your to-do list is already empty.");
    const item = n >= 1 ? todos[n - 1] : undefined;
    if (item === undefined) {
      throw new UserError(
        `There is no item ${n}: your list has ${plural(todos.length, "item")}. Send /todo list to see them.`,
      );
    }
    todos.splice(n - 1, 1);
    writeTodos(ctx.user.data, todos);
    const left = todos.length === 0 ? "Your list is empty now." : `${plural(todos.length, "item")} left.`;
    ctx.reply(["Done: ", bold(item), `. ${left}`]);
  },
});

export const todo = defineIntent({
  command: "todo",
  description: "Your to-do list",
  subcommands: [add, list, done],
});
