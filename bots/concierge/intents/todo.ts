/** /todo add|list|done: a to-do list per user, saved with each reply, listed a page at a time. */
import {
  bold,
  buttonRows,
  type Context,
  clip,
  defineIntent,
  defineSubcommand,
  italic,
  type Next,
  quote,
  UserError,
} from "parley";
import { addTodo, findTodo, MAX_TODO_LENGTH, MAX_TODOS, readTodos, removeTodo, type Todo } from "../todos.ts";

const add = defineSubcommand({
  name: "add",
  description: "Add an item to your to-do list",
  examples: {
    en: [
      "add {text} to my (list|tasks)",
      "add {text} to my todo list",
      "(put|note|stick|write|jot|pop) {text} on my list",
      "(todo|add) {text}",
      "new (todo|task|item) {text}",
      "(add|create) a task {text}",
      "write {text} on my to do list",
      "add {text} to the shopping list",
      "put {text} on the shopping list",
      "add to my list {text}",
      "can you add {text} to my todos",
      "put {text} on my todo list",
      "jot down {text}",
    ],
    de: [
      "(setz|pack) {text} auf meine liste",
      "füge {text} zu meiner liste hinzu",
      "schreib {text} auf die liste",
      "neue aufgabe {text}",
      "(todo|notier) {text}",
      "neues todo {text}",
      "{text} auf die einkaufsliste",
      "aufgabe hinzufügen {text}",
      "trag {text} in meine liste ein",
      "setz {text} auf die to do liste",
      "auf die liste {text}",
      "füge {text} zur einkaufsliste hinzu",
      "füge {text} hinzu",
      "{text} auf die liste setzen",
      "trag {text} ein",
      "neuer eintrag {text}",
      "nimm {text} in die liste auf",
      "{text} zur liste hinzufügen",
      "merk dir {text} auf der liste",
    ],
  },
  args: [
    { name: "text", type: "string", rest: true, description: "What to do", ask: "What should I add to your list?" },
  ],
  run(ctx) {
    // One line per item, so the numbered list stays readable.
    const text = ctx.args.text.replace(/\s+/g, " ").trim();
    if ([...text].length > MAX_TODO_LENGTH) throw new UserError(ctx.t("todo-too-long", { max: MAX_TODO_LENGTH }));
    const todos = readTodos(ctx.user.data);
    if (todos.length >= MAX_TODOS) throw new UserError(ctx.t("todo-full", { max: MAX_TODOS }));
    const added = addTodo(ctx.user.data, todos, text);
    ctx.reply(ctx.t("todo-added", { item: bold(quote(text)), n: added.length }));
  },
});

/** What ticks `todo` off: by its id, so that a press on an older list still ticks off the item it showed. */
function doneCommand(todo: Todo): string {
  return `/todo done ${todo.id}`;
}

/** Items on one page of the list: a page is one message, with a ✓ button for each of its items. */
const PAGE_SIZE = 10;

const list = defineSubcommand({
  name: "list",
  description: `Show your to-do list, ${PAGE_SIZE} items a page`,
  examples: {
    en: [
      "show my (list|tasks|todos)",
      "show my todo list",
      "whats on my list",
      "(list|open) my todos",
      "my (tasks|todos)",
      "what do i have to do",
      "todo list",
      "whats left on my to do list",
      "(open|view|read) my list",
      "todos",
      "what tasks do i have",
      "whats on the shopping list",
      "(show|display|open|read) me my to do list",
    ],
    de: [
      "zeig meine liste",
      "was steht auf meiner liste",
      "meine (aufgaben|einkaufsliste|todos|liste)",
      "todo liste",
      "was muss ich erledigen",
      "zeig mir meine todos",
      "liste (anzeigen|zeigen)",
      "was ist noch offen",
      "todos",
      "zeig meine todo liste",
      "welche aufgaben habe ich",
      "was habe ich noch zu tun",
      "was steht an",
      "(zeig|öffne|lies) mir meine (liste|todos|aufgaben)",
    ],
  },
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
    const items = todos.slice(first, first + PAGE_SIZE).map((todo, index) => ({ n: first + index + 1, todo }));
    const ticks = items.map(({ n, todo }) => ({ label: `✓ ${n}`, value: doneCommand(todo) }));
    const turns = [
      ...(page > 1 ? [{ label: ctx.t("todo-previous"), value: `/todo list ${page - 1}` }] : []),
      ...(page < pages ? [{ label: ctx.t("todo-next"), value: `/todo list ${page + 1}` }] : []),
    ];
    const count = todos.length;
    ctx.reply(
      [
        bold(pages === 1 ? ctx.t("todo-title", { count }) : ctx.t("todo-title-page", { count, page, pages })),
        ...items.map(({ n, todo }) => `\n${n}. ${todo.text}`),
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
  examples: {
    en: [
      "(done|complete|finished) {n}",
      "mark {n} as done",
      "mark item {n} done",
      "(tick|check|cross) off {n}",
      "i finished task {n}",
      "check off item {n}",
      "task {n} is done",
      "remove {n} from my list",
      "cross off number {n}",
      "delete item {n}",
      "tick off the {n} item",
      "{n} is done",
      "mark the {n} item as done",
      "item {n} done",
      "mark as done",
      "i did number {n}",
      "strike {n} off my list",
    ],
    de: [
      "(erledigt|erledige) {n}",
      "{n} ist erledigt",
      "hak {n} ab",
      "punkt {n} abhaken",
      "(aufgabe|nummer) {n} erledigt",
      "markiere {n} als erledigt",
      "streich {n} von der liste",
      "(nummer|punkt) {n} ist fertig",
      "ich habe aufgabe {n} erledigt",
      "(lösche|streich) punkt {n}",
      "hak den {n} punkt ab",
      "hak punkt {n} ab",
      "der {n} punkt ist erledigt",
      "punkt abhaken",
      "den {n} eintrag streichen",
      "todo erledigt {n}",
    ],
  },
  args: [
    { name: "n", type: "integer", description: "The item's number, as in /todo list", ask: "Which item is done?" },
  ],
  use: [offerOpenItems],
  run(ctx) {
    const todos = readTodos(ctx.user.data);
    if (todos.length === 0) throw new UserError(ctx.t("todo-already-empty"));
    const { n } = ctx.args;
    const { todo, byId } = findTodo(todos, n);
    if (todo === undefined) {
      throw new UserError(byId ? ctx.t("todo-gone") : ctx.t("todo-no-item", { n, count: todos.length }));
    }
    const left = removeTodo(ctx.user.data, todos, todo);
    ctx.reply(ctx.t("todo-ticked", { item: bold(quote(todo.text)), left: left.length }));
  },
});

/** The longest item text a pick shows: enough to recognise it. */
const CHOICE_LABEL_LENGTH = 60;

/**
 * Without a number, the open items to pick from instead of the question:
 * each pick ticks off its item by id, so a pick from an older list still
 * means the item it showed.
 */
async function offerOpenItems(ctx: Context, next: Next): Promise<void> {
  if (ctx.invocation.args.n !== undefined) return next();
  const todos = readTodos(ctx.user.data);
  if (todos.length === 0) throw new UserError(ctx.t("todo-already-empty"));
  const choices = todos.map((todo, index) => ({
    label: clip(`${index + 1}. ${todo.text}`, CHOICE_LABEL_LENGTH),
    value: doneCommand(todo),
  }));
  ctx.reply(ctx.t("todo-which"), { choices });
}

export const todo = defineIntent({
  command: "todo",
  description: "Your to-do list",
  subcommands: [add, list, done],
});
