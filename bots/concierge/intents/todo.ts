/** /todo add|list|done: a to-do list per user, saved with each reply, listed a page at a time. */
import { bold, buttonRows, defineIntent, defineSubcommand, italic, quote, UserError } from "parley";
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
    ctx.reply(["Added ", bold(quote(text)), ` as item ${todos.length}.`]);
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
      ctx.reply("Your to-do list is empty. Add something with /todo add <text>, e.g. /todo add buy milk.");
      return;
    }
    const pages = Math.ceil(todos.length / PAGE_SIZE);
    const page = ctx.args.page ?? 1;
    if (page < 1 || page > pages) {
      throw new UserError(`There is no page ${page}: your list has ${plural(pages, "page")}. Send /todo list 1.`);
    }
    const first = (page - 1) * PAGE_SIZE;
    const items = todos.slice(first, first + PAGE_SIZE).map((text, index) => ({ n: first + index + 1, text }));
    const ticks = items.map(({ n }) => ({ label: `✓ ${n}`, value: `/todo done ${n}` }));
    const turns = [
      ...(page > 1 ? [{ label: "‹ Prev", value: `/todo list ${page - 1}` }] : []),
      ...(page < pages ? [{ label: "Next ›", value: `/todo list ${page + 1}` }] : []),
    ];
    const count = plural(todos.length, "item");
    ctx.reply(
      [
        bold(pages === 1 ? `Your to-do list (${count})` : `Your to-do list (${count}, page ${page} of ${pages})`),
        ...items.map(({ n, text }) => `\n${n}. ${text}`),
        "\n\n",
        italic("Press ✓ or send /todo done <n> when an item is done."),
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
    ctx.reply(["Done: ", bold(quote(item)), `. ${left}`]);
  },
});

export const todo = defineIntent({
  command: "todo",
  description: "Your to-do list",
  subcommands: [add, list, done],
});
