-- Usage, rolled up per hour (src/store/usage.ts). One row per hour, bot,
-- platform, source, intent, outcome and duration bucket: a delivery adds one
-- to the row of its bucket, so counts are sums over buckets and p50/p95 come
-- from the bucket counts (src/usage/buckets.ts) without a row per delivery.
-- `hour` is the start of the UTC hour in epoch milliseconds; `bot` and
-- `platform` are '-' for work that belongs to neither (a Cron tick).
CREATE TABLE usage_rollup (
  hour INTEGER NOT NULL,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('webhook', 'queue', 'cron')),
  intent TEXT NOT NULL,
  outcome TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  count INTEGER NOT NULL,
  total_ms INTEGER NOT NULL,
  PRIMARY KEY (hour, bot, platform, source, intent, outcome, bucket)
) WITHOUT ROWID;

-- Who was active in an hour: one row per (hour, bot, platform, user), written
-- with a conflict-ignoring insert, so a user's hundredth message in an hour
-- adds nothing. `user_hash` is a pseudonym (src/usage/record.ts), never the
-- platform's user id.
CREATE TABLE usage_users (
  hour INTEGER NOT NULL,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  PRIMARY KEY (hour, bot, platform, user_hash)
) WITHOUT ROWID;

-- The one "slow down" a flooding user gets per rate-limit window
-- (src/webhook/limit.ts): the unique insert decides which delivery sends it.
CREATE TABLE rate_limit_notices (
  window_start INTEGER NOT NULL,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (window_start, bot, platform, user_id)
) WITHOUT ROWID;
