/** /todo add|list|done: a to-do list per user, saved with each reply, listed a page at a time. */
import { bold, buttonRows, defineIntent, defineSubcommand, italic, quote, UserError } from "parley";
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
    if ([...text].length > MAX_TODO_LENGTH) throw new UserError(ctx.t("todo-too-long", { max: MAX_TODO_LENGTH }));
    const todos = readTodos(ctx.user.data);
    if (todos.length >= MAX_TODOS) throw new UserError(ctx.t("todo-full", { max: MAX_TODOS }));
    todos.push(text);
    writeTodos(ctx.user.data, todos);
    ctx.reply(ctx.t("todo-added", { item: bold(quote(text)), n: todos.length }));
  },
});

/** Items on one page of the list: a page is one message, with a ✓ button for each of its items. */
const PAGE_SIZE = 10;

const list = defineSubcommand({
  name: "list",
  description: `Show your to-do list, ${PAGE_SIZE} items a page`,
  args: [{ name: "page", type: "integer", optional: true, description: "Which page (default 1)" }],
  run(ctx) {
    const todos = readTodos(ctx.user.data);
    if (todos.length === 0) {
      ctx.reply(ctx.t("todo-empty"));
      return;
    }
    const pages = Math.ceil(todos.length / PAGE_SIZE);
    const page = ctx.args.page ?? 1;
    if (page < 1 || page > pages) throw new UserError(ctx.t("todo-no-page", { page, pages }));
    const first = (page - 1) * PAGE_SIZE;
    const items = todos.slice(first, first + PAGE_SIZE).map((text, index) => ({ n: first + index + 1, text }));
    const ticks = items.map(({ n }) => ({ label: `✓ ${n}`, value: `/todo done ${n}` }));
    const turns = [
      ...(page > 1 ? [{ label: ctx.t("todo-previous"), value: `/todo list ${page - 1}` }] : []),
      ...(page < pages ? [{ label: ctx.t("todo-next"), value: `/todo list ${page + 1}` }] : []),
    ];
    const count = todos.length;
    ctx.reply(
      [
        bold(pages === 1 ? ctx.t("todo-title", { count }) : ctx.t("todo-title-page", { count, page, pages })),
        ...items.map(({ n, text }) => `\n${n}. ${text}`),
        "\n\n",
        italic(ctx.t("todo-hint")),
      ],
      { buttons: [...buttonRows(ticks), ...(turns.length > 0 ? [turns] : [])] },
    );
  },
});

const done = defineSubcommand({
  name: "done",
  description: "Tick off item n of your list",
  args: [{ name: "n", type: "integer", description: "The item's number, as in /todo list" }],
  run(ctx) {
    const todos = readTodos(ctx.user.data);
    const n = ctx.args.n;
    if (todos.length === 0) throw new UserError(ctx.t("todo-already-empty"));
    const item = n >= 1 ? todos[n - 1] : undefined;
    if (item === undefined) throw new UserError(ctx.t("todo-no-item", { n, count: todos.length }));
    todos.splice(n - 1, 1);
    writeTodos(ctx.user.data, todos);
    ctx.reply(ctx.t("todo-ticked", { item: bold(quote(item)), left: todos.length }));
  },
});

export const todo = defineIntent({
  command: "todo",
  description: "Your to-do list",
  subcommands: [add, list, done],
});
