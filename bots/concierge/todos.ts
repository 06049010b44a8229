/**
 * The per-user to-do list, kept in `ctx.user.data.todos`. Each item has an
 * id that is never given again (`data.todoNext` counts them), so that a
 * button or a pick from an older list names the item it showed, wherever
 * it stands now. Ids start above the last place a list can have, so one
 * number names either a place (1 to `MAX_TODOS`, as typed) or an id, never
 * both. It comes back from storage as plain JSON, so it is validated on the
 * way in.
 */
import type { JsonObject } from "parley";
import * as z from "zod";

/** Caps keep one user's stored data, and the list's message, a sensible size. */
export const MAX_TODOS = 100;
export const MAX_TODO_LENGTH = 500;

/** The first id: above every place in a full list. */
const FIRST_ID = MAX_TODOS + 1;

export interface Todo {
  readonly id: number;
  readonly text: string;
}

/** Lists kept before items had ids are plain strings; they get ids in order when read. */
const StoredTodos = z.array(z.union([z.string(), z.object({ id: z.number().int().nonnegative(), text: z.string() })]));
const StoredNext = z.number().int().nonnegative().optional();

/** The id the next item gets: above every id given so far, from `FIRST_ID`. */
function nextId(data: JsonObject, todos: readonly Todo[]): number {
  const next = StoredNext.safeParse(data.todoNext);
  const counted = next.success ? (next.data ?? FIRST_ID) : FIRST_ID;
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
  return parsed.data.map((item, index) => (typeof item === "string" ? { id: FIRST_ID + index, text: item } : item));
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

/** The item `n` names: an id from a button or a pick, else a place in the list as typed (1-based). */
export function findTodo(todos: readonly Todo[], n: number): { readonly todo?: Todo; readonly byId: boolean } {
  if (n >= FIRST_ID) {
    const todo = todos.find((item) => item.id === n);
    return todo ? { todo, byId: true } : { byId: true };
  }
  const todo = n >= 1 ? todos[n - 1] : undefined;
  return todo ? { todo, byId: false } : { byId: false };
}
