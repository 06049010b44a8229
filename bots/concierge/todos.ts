/**
 * The per-user to-do list, kept in `ctx.user.data.todos`. It comes back from
 * storage as plain JSON, so it is validated on the way in.
 */
import type { JsonObject } from "parley";
import * as z from "zod";

/** Caps keep one user's stored data, and the list's message, a sensible size. */
export const MAX_TODOS = 100;
export const MAX_TODO_LENGTH = 500;

const StoredTodos = z.array(z.string());

/**
 * The user's items, oldest first. Data of another shape is a bug: it fails
 * loudly (the user gets an apology, the log the error) rather than being
 * overwritten by the next save.
 */
export function readTodos(data: JsonObject): string[] {
  const parsed = StoredTodos.safeParse(data.todos ?? []);
  if (!parsed.success) throw new Error(`Stored to-do list is malformed: ${parsed.error.message}`);
  return parsed.data;
}

export function writeTodos(data: JsonObject, todos: readonly string[]): void {
  data.todos = [...todos];
}
