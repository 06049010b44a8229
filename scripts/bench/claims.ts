/**
 * Deliveries a Worker has claimed: the rows of its `processed_events` in
 * the local D1 that `wrangler dev` keeps under the Worker's state folder,
 * read straight from the SQLite file (a spawned `wrangler d1 execute` per
 * run would take seconds).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

function databaseFile(persistTo: string): string {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((name) => name.endsWith(".sqlite") && name !== "metadata.sqlite");
  if (!file) throw new Error(`No local D1 database in ${dir}`);
  return join(dir, file);
}

export function claimedDeliveries(persistTo: string): number {
  const db = new DatabaseSync(databaseFile(persistTo), { readOnly: true });
  try {
    const row = db.prepare("SELECT count(*) AS claimed FROM processed_events").get() as { claimed: number };
    return Number(row.claimed);
  } finally {
    db.close();
  }
}
