-- Who installed the app in a workspace (`authed_user.id` of `oauth.v2.access`):
-- they may manage the digests of that workspace's channels, as its admins may.
-- Installations kept before this column have none, and only admins may.
ALTER TABLE slack_installations ADD COLUMN installer_id TEXT;
