-- Deliveries already handled, for at-most-once processing of webhook retries.
CREATE TABLE processed_events (
  platform TEXT NOT NULL,
  bot TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (platform, bot, event_id)
) WITHOUT ROWID;
CREATE INDEX processed_events_by_age ON processed_events (received_at);

-- Chats a bot has seen, so that scheduled messages have somewhere to go.
CREATE TABLE chats (
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('private', 'group')),
  title TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (bot, platform, chat_id)
) WITHOUT ROWID;

-- What a bot keeps per user. `version` is NOT NULL on purpose: a save from
-- stale state sets it to NULL, which fails the whole batch (see src/store/conversations.ts).
CREATE TABLE users (
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (bot, platform, user_id)
) WITHOUT ROWID;

-- Dialog state of one user in one chat: the question awaiting an answer.
CREATE TABLE conversations (
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  question TEXT,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (bot, platform, chat_id, user_id)
) WITHOUT ROWID;
