-- The claim table of the benchmark's peer Workers, as Parley's own (migrations/0001_conversations.sql).
CREATE TABLE processed_events (
  platform TEXT NOT NULL,
  bot TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (platform, bot, event_id)
) WITHOUT ROWID;
