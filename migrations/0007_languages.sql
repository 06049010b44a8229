-- Languages. A user's own choice (`/language`), loaded with their data;
-- NULL follows the language their platform reports.
ALTER TABLE users ADD COLUMN locale TEXT;

-- The language a subscription's digests and a reminder are sent in: the
-- user's when they made it (and again whenever they choose another one).
-- NULL, as for rows made before, is the bot's default language.
ALTER TABLE subscriptions ADD COLUMN locale TEXT;
ALTER TABLE reminders ADD COLUMN locale TEXT;

-- A digest is rendered once per period and language. SQLite cannot change a
-- primary key in place: the table is rebuilt; what it held was English.
CREATE TABLE digest_renders_next (
  bot TEXT NOT NULL,
  digest TEXT NOT NULL,
  period TEXT NOT NULL,
  locale TEXT NOT NULL,
  reply TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (bot, digest, period, locale)
) WITHOUT ROWID;
INSERT INTO digest_renders_next (bot, digest, period, locale, reply, created_at)
  SELECT bot, digest, period, 'en', reply, created_at FROM digest_renders;
DROP TABLE digest_renders;
ALTER TABLE digest_renders_next RENAME TO digest_renders;
CREATE INDEX digest_renders_by_age ON digest_renders (created_at);
