/** Checking rows one by one, so that one damaged row is set aside while the rest go on. */
import * as z from "zod";

const Id = z.object({ id: z.number() });

/** Rows that passed validation, by id, and the ids of those that did not. */
export interface Checked<Row> {
  readonly rows: Map<number, Row>;
  readonly invalid: number[];
}

/** Validates each row on its own; a row without even a numeric id cannot be named and is left out. */
export function checkRows<Row extends { id: number }>(
  schema: z.ZodType<Row>,
  results: readonly unknown[],
): Checked<Row> {
  const rows = new Map<number, Row>();
  const invalid: number[] = [];
  for (const result of results) {
    const parsed = schema.safeParse(result);
    if (parsed.success) rows.set(parsed.data.id, parsed.data);
    else {
      const id = Id.safeParse(result);
      if (id.success) invalid.push(id.data.id);
    }
  }
  return { rows, invalid };
}
