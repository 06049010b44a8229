-- Subscriptions and reminders get ids that are never given out twice
-- (AUTOINCREMENT): the ledger names deliveries by these ids, so a reused id
-- would find an old row ("sent") and never send. Reminders also get a lease:
-- a queued reminder whose job never ran is queued again once it runs out.
CREATE TABLE subscriptions_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO subscriptions_next (id, bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, status, updated_at)
  SELECT id, bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, status, updated_at FROM subscriptions;
-- Ids given out before now and since deleted may still name ledger rows.
-- AUTOINCREMENT never goes back below the highest id ever inserted, so one
-- placeholder at the highest id the ledger names is inserted and removed.
INSERT INTO subscriptions_next (id, bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, status, updated_at)
  SELECT max(CAST(substr(job, 14) AS INTEGER)), '', '', '', '', '', '', '', '', 0, 'paused', 0
  FROM deliveries WHERE job LIKE 'subscription:%'
  HAVING max(CAST(substr(job, 14) AS INTEGER)) > (SELECT coalesce(max(id), 0) FROM subscriptions_next);
DELETE FROM subscriptions_next WHERE bot = '';
DROP TABLE subscriptions;
ALTER TABLE subscriptions_next RENAME TO subscriptions;
CREATE INDEX subscriptions_due ON subscriptions (status, next_run_at, id);

CREATE TABLE reminders_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  address TEXT NOT NULL,
  text TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'sent', 'failed')),
  -- While 'queued': when the tick may queue it again, should its job have been lost.
  lease_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
INSERT INTO reminders_next (id, bot, platform, chat_id, user_id, address, text, due_at, status, created_at)
  SELECT id, bot, platform, chat_id, user_id, address, text, due_at, status, created_at FROM reminders;
INSERT INTO reminders_next (id, bot, platform, chat_id, user_id, address, text, due_at, status, created_at)
  SELECT max(CAST(substr(job, 10) AS INTEGER)), '', '', '', '', '', '', 0, 'failed', 0
  FROM deliveries WHERE job LIKE 'reminder:%'
  HAVING max(CAST(substr(job, 10) AS INTEGER)) > (SELECT coalesce(max(id), 0) FROM reminders_next);
DELETE FROM reminders_next WHERE bot = '';
DROP TABLE reminders;
ALTER TABLE reminders_next RENAME TO reminders;
CREATE INDEX reminders_due ON reminders (status, due_at, id);
CREATE INDEX reminders_leased ON reminders (status, lease_until);

-- A ledger row in 'sending' belongs to its owner until `lease_until`; after
-- that another copy of the job may claim it (its owner died mid-batch).
ALTER TABLE deliveries ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;

-- For the tick's pruning in pages (src/store/retention.ts).
CREATE INDEX deliveries_by_age ON deliveries (updated_at);
CREATE INDEX chats_by_age ON chats (updated_at);
CREATE INDEX conversations_by_age ON conversations (updated_at);
CREATE INDEX digest_renders_by_age ON digest_renders (created_at);

-- A range of subscription ids (id / span) whose due rows a page job is
-- expanding: the tick skips it until the job releases it or the lease runs
-- out. `due` is how many rows were due when it was claimed.
CREATE TABLE digest_pages (
  range INTEGER PRIMARY KEY,
  lease_until INTEGER NOT NULL,
  due INTEGER NOT NULL
);

-- One message an operator sent to every chat of a bot (POST /admin/broadcast).
-- Its page jobs walk the chats in key order; (after_platform, after_chat) is
-- the last chat queued, so a stale copy of a page job sees it has nothing to do.
CREATE TABLE broadcasts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  bot TEXT NOT NULL,
  platform TEXT,
  text TEXT NOT NULL,
  chats INTEGER NOT NULL,
  after_platform TEXT NOT NULL DEFAULT '',
  after_chat TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
