/**
 * A D1 binding with some of its methods replaced, for tests that make
 * storage fail or count its calls; everything else reaches the real one.
 */
export interface D1Overrides {
  batch?(statements: D1PreparedStatement[]): Promise<D1Result[]>;
  prepare?(sql: string): D1PreparedStatement;
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
