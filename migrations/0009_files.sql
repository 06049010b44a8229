-- Files a bot keeps for its users (`ctx.files`, src/store/files.ts): the
-- bytes in the FILES R2 bucket under `r2_key`, the rest here. `platform_ids`
-- holds the ids platforms gave the file when it was sent (JSON by platform:
-- Telegram's file_id), so that sending it again does not upload it again.
-- `r2_key` is unique: keeping made twice (a handler run again) keeps one file.
CREATE TABLE files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  title TEXT NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('photo', 'document', 'audio', 'voice', 'video')),
  size INTEGER NOT NULL,
  r2_key TEXT NOT NULL UNIQUE,
  platform_ids TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE INDEX files_by_owner ON files (bot, platform, user_id, id);
