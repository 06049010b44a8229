/**
 * Records keyed by names from outside (a URL, a payload, a stored question):
 * `__proto__` and `constructor` are names like any other, so lookups read
 * only a record's own properties and new records have no prototype at all.
 */

/** `record[name]` when the record itself has it, never a property of its prototype. */
export function own<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** An empty record without a prototype: every name, `__proto__` included, is an ordinary key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
