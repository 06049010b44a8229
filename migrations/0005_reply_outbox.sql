-- The delivery ledger also keeps replies a webhook delivery held back for the
-- queue, one row per (delivery, reply index): such a reply may end refused by
-- the platform, or unconfirmed (its request may have arrived, so it is never
-- sent again). SQLite cannot widen a CHECK in place: the table is rebuilt.
CREATE TABLE deliveries_new (
  job TEXT NOT NULL,
  period TEXT NOT NULL,
  owner TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'paused', 'dead', 'refused', 'unconfirmed')),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (job, period)
) WITHOUT ROWID;
INSERT INTO deliveries_new (job, period, owner, status, updated_at)
  SELECT job, period, owner, status, updated_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
