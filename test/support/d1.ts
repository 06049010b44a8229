/**
 * A D1 binding with some of its methods replaced, for tests that make
 * storage fail or count its calls; everything else reaches the real one.
 */
export interface D1Overrides {
  batch?(statements: D1PreparedStatement[]): Promise<D1Result[]>;
  prepare?(sql: string): D1PreparedStatement;
}

/** The SQL a prepared statement was made from (read from the local binding's statement object). */
export function sqlOf(statement: D1PreparedStatement): string {
  return (statement as unknown as { statement?: string }).statement ?? "";
}

export function overrideD1(db: D1Database, overrides: D1Overrides): D1Database {
  return new Proxy(db, {
    get(target, key) {
      const override = key === "batch" || key === "prepare" ? overrides[key] : undefined;
      if (override) return override;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
