-- Digests with arguments and rhythms. A subscription names its digest's
-- arguments (`args`, canonical JSON: the weather's city) and the days it
-- comes on (`rhythm`: daily, weekdays, weekends or a list of days such as
-- "mon,wed,fri"); rows made before are daily, without arguments. A
-- subscription of a whole channel has user_id '' (everyone there gets it).
-- SQLite cannot change a unique key in place: the table is rebuilt, with the
-- ids it had, and the highest id it ever gave out kept as given out.
CREATE TABLE subscriptions_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  address TEXT NOT NULL,
  digest TEXT NOT NULL,
  args TEXT NOT NULL DEFAULT '{}',
  rhythm TEXT NOT NULL DEFAULT 'daily',
  local_time TEXT NOT NULL,
  zone TEXT NOT NULL,
  next_run_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  locale TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (bot, platform, chat_id, user_id, digest, args)
);
INSERT INTO subscriptions_next
  (id, bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, status, locale, updated_at)
  SELECT id, bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, status, locale, updated_at
  FROM subscriptions;
INSERT INTO subscriptions_next (id, bot, platform, chat_id, user_id, address, digest, local_time, zone, next_run_at, status, updated_at)
  SELECT seq, '', '', '', '', '', '', '', '', 0, 'paused', 0 FROM sqlite_sequence
  WHERE name = 'subscriptions' AND seq > (SELECT coalesce(max(id), 0) FROM subscriptions_next);
DELETE FROM subscriptions_next WHERE bot = '';
DROP TABLE subscriptions;
ALTER TABLE subscriptions_next RENAME TO subscriptions;
CREATE INDEX subscriptions_due ON subscriptions (status, next_run_at, id);

-- A digest is rendered once per (digest, arguments, period, language);
-- `failed` marks a render whose outside call failed: its subscribers get a
-- short notice instead, once that period. What the table held had no arguments.
CREATE TABLE digest_renders_next (
  bot TEXT NOT NULL,
  digest TEXT NOT NULL,
  args TEXT NOT NULL,
  period TEXT NOT NULL,
  locale TEXT NOT NULL,
  reply TEXT NOT NULL,
  failed INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (bot, digest, args, period, locale)
) WITHOUT ROWID;
INSERT INTO digest_renders_next (bot, digest, args, period, locale, reply, created_at)
  SELECT bot, digest, '{}', period, locale, reply, created_at FROM digest_renders;
DROP TABLE digest_renders;
ALTER TABLE digest_renders_next RENAME TO digest_renders;
CREATE INDEX digest_renders_by_age ON digest_renders (created_at);
