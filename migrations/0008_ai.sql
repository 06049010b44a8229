-- Tier 2, understanding with a language model (src/ai/).

-- Conversation memory: the last turns of one user in one chat, sent to the
-- model as context (src/store/memory.ts). At most 12 per chat and user (each
-- write drops older ones) and 24 hours (the Cron tick deletes older rows).
CREATE TABLE ai_memory (
  id INTEGER PRIMARY KEY,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX ai_memory_by_conversation ON ai_memory (bot, platform, chat_id, user_id, id);
CREATE INDEX ai_memory_by_age ON ai_memory (created_at);

-- Model calls per user and UTC day (`day` is its start in epoch
-- milliseconds): the daily budget, counted exactly by a conditional upsert
-- (src/store/ai-calls.ts).
CREATE TABLE ai_calls (
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  PRIMARY KEY (bot, platform, user_id, day)
) WITHOUT ROWID;
CREATE INDEX ai_calls_by_day ON ai_calls (day);

-- What the model cost, rolled up per hour like usage_rollup: calls (or
-- messages refused for the budget, outcome 'over_budget'), tokens in and
-- out, and the time they took, per bot, platform, model and outcome.
CREATE TABLE ai_usage (
  hour INTEGER NOT NULL,
  bot TEXT NOT NULL,
  platform TEXT NOT NULL,
  model TEXT NOT NULL,
  outcome TEXT NOT NULL,
  count INTEGER NOT NULL,
  tokens_in INTEGER NOT NULL,
  tokens_out INTEGER NOT NULL,
  total_ms INTEGER NOT NULL,
  PRIMARY KEY (hour, bot, platform, model, outcome)
) WITHOUT ROWID;
