-- Workspaces a bot's Slack app is installed in (OAuth v2, src/installs/slack.ts).
-- `workspace` is the team id, or the Enterprise Grid org's id for an org-wide
-- install. The bot token is sealed with AES-GCM (src/lib/seal.ts): `token` is
-- the ciphertext and `token_iv` its random IV, both base64; the plain token is
-- never stored.
CREATE TABLE slack_installations (
  bot TEXT NOT NULL,
  workspace TEXT NOT NULL,
  team_id TEXT,
  enterprise_id TEXT,
  bot_user_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  token TEXT NOT NULL,
  token_iv TEXT NOT NULL,
  installed_at INTEGER NOT NULL,
  PRIMARY KEY (bot, workspace)
) WITHOUT ROWID;
