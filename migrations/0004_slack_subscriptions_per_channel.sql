-- Slack subscriptions made in a thread were kept per thread (chat id
-- `channel:thread_ts`) and sent into it; they belong to the channel now
-- (src/platforms/slack/parse.ts). Where a user has one digest in several
-- threads of a channel, or in the channel too, the latest change is kept.
DELETE FROM subscriptions
WHERE platform = 'slack' AND id NOT IN (
  SELECT id FROM (
    SELECT id, ROW_NUMBER() OVER (
      PARTITION BY bot, user_id, digest,
        CASE WHEN instr(chat_id, ':') > 0 THEN substr(chat_id, 1, instr(chat_id, ':') - 1) ELSE chat_id END
      ORDER BY updated_at DESC, id DESC
    ) AS latest
    FROM subscriptions WHERE platform = 'slack'
  ) WHERE latest = 1
);

UPDATE subscriptions
SET chat_id = substr(chat_id, 1, instr(chat_id, ':') - 1),
    address = json_object('chatId', substr(chat_id, 1, instr(chat_id, ':') - 1))
WHERE platform = 'slack' AND instr(chat_id, ':') > 0;
