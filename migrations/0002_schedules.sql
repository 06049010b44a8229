-- Daily digest subscriptions. `next_run_at` is the next run in UTC epoch
-- milliseconds, computed from the local time and zone (daylight saving
-- included); `address` is where the platform can reach the chat (JSON).
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  address TEXT NOT NULL,
  digest TEXT NOT NULL,
  local_time TEXT NOT NULL,
  zone TEXT NOT NULL,
  next_run_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  updated_at INTEGER NOT NULL,
  UNIQUE (bot, platform, chat_id, user_id, digest)
);
CREATE INDEX subscriptions_due ON subscriptions (status, next_run_at, id);

-- One-off reminders.
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  address TEXT NOT NULL,
  text TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'sent', 'failed')),
  created_at INTEGER NOT NULL
);
CREATE INDEX reminders_due ON reminders (status, due_at, id);

-- The delivery ledger: one row per scheduled message and period, so that a
-- replayed tick, overlapping ticks or a redelivered queue message never send
-- twice. `owner` is the queue message that may send it (its retries share the id).
CREATE TABLE deliveries (
  job TEXT NOT NULL,
  period TEXT NOT NULL,
  owner TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'paused', 'dead')),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (job, period)
) WITHOUT ROWID;

-- A digest rendered once per period, shared by all of its subscribers.
CREATE TABLE digest_renders (
  bot TEXT NOT NULL,
  digest TEXT NOT NULL,
  period TEXT NOT NULL,
  reply TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (bot, digest, period)
) WITHOUT ROWID;
