/**
 * The per-user to-do list, kept in `ctx.user.data.todos`. Each item has an
 * id that is never given again (`data.todoNext` counts them), so that a
 * button or a pick from an older list names the item it showed, wherever
 * it stands now. It comes back from storage as plain JSON, so it is
 * validated on the way in.
 */
import type { JsonObject } from "parley";
import * as z from "zod";

/** Caps keep one user's stored data, and the list's message, a sensible size. */
export const MAX_TODOS = 100;
export const MAX_TODO_LENGTH = 500;

export interface Todo {
  readonly id: number;
  readonly text: string;
}

/** Lists kept before items had ids are plain strings; they get ids in order when read. */
const StoredTodos = z.array(z.union([z.string(), z.object({ id: z.number().int().nonnegative(), text: z.string() })]));
const StoredNext = z.number().int().nonnegative().optional();

/** The id the next item gets: above every id given so far, from 1. */
function nextId(data: JsonObject, todos: readonly Todo[]): number {
  const next = StoredNext.safeParse(data.todoNext);
  const counted = next.success ? (next.data ?? 1) : 1;
  return Math.max(counted, ...todos.map((todo) => todo.id + 1));
}

/**
 * The user's items, oldest first. Data of another shape is a bug: it fails
 * loudly (the user gets an apology, the log the error) rather than being
 * overwritten by the next save.
 */
export function readTodos(data: JsonObject): Todo[] {
  const parsed = StoredTodos.safeParse(data.todos ?? []);
  if (!parsed.success) throw new Error(`Stored to-do list is malformed: ${parsed.error.message}`);
  return parsed.data.map((item, index) => (typeof item === "string" ? { id: index + 1, text: item } : item));
}

/** Adds `text` as a new item with an id never used before; its place in the list is the list's length. */
export function addTodo(data: JsonObject, todos: readonly Todo[], text: string): Todo[] {
  const added = [...todos, { id: nextId(data, todos), text }];
  data.todoNext = nextId(data, added);
  writeTodos(data, added);
  return added;
}

/** Takes `todo` off the list; its id is not given again. */
export function removeTodo(data: JsonObject, todos: readonly Todo[], todo: Todo): Todo[] {
  data.todoNext = nextId(data, todos);
  const left = todos.filter((item) => item.id !== todo.id);
  writeTodos(data, left);
  return left;
}

function writeTodos(data: JsonObject, todos: readonly Todo[]): void {
  data.todos = todos.map((todo) => ({ id: todo.id, text: todo.text }));
}

/** How a button or a pick names an item: `#` and its id, never its place, which changes. */
export function todoRef(todo: Todo): string {
  return `#${todo.id}`;
}

/** The id a reference names (`#7`), or undefined when it is a place in the list (`3`). */
export function readTodoRef(ref: string): number | undefined {
  const match = /^#(\d{1,9})$/.exec(ref.trim());
  return match ? Number(match[1]) : undefined;
}
